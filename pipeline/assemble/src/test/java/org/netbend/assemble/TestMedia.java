package org.netbend.assemble;

import java.io.ByteArrayInputStream;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.netbend.core.RgbImage;

/** Media made in the tests, so every property of it is known. */
public final class TestMedia {
    private TestMedia() { }

    static RgbImage solid(int width, int height, int r, int g, int b) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.length; i += 3) {
            pixels[i] = (byte) r;
            pixels[i + 1] = (byte) g;
            pixels[i + 2] = (byte) b;
        }
        return new RgbImage(width, height, pixels);
    }

    /** Encodes {@code count} solid frames of one colour into a chunk. */
    static Path chunk(Path file, int count, int[] rgb, int width, int height, VideoSettings settings) throws IOException {
        try (ChunkEncoder encoder = new ChunkEncoder(file, width, height, settings)) {
            for (int i = 0; i < count; i++) {
                encoder.add(solid(width, height, rgb[0], rgb[1], rgb[2]));
            }
        }
        return file;
    }

    /** A 16-bit mono WAV file with a 440 Hz sine. */
    static Path sineWav(Path file, double seconds, int sampleRate) throws IOException {
        int samples = (int) Math.round(seconds * sampleRate);
        ByteBuffer bytes = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            bytes.putShort((short) Math.round(12_000 * Math.sin(2 * Math.PI * 440 * i / sampleRate)));
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, samples)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** Seconds of decoded audio in a file (samples of the first channel / sample rate). */
    static double audioSeconds(Path file) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            long samples = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                samples += frame.samples[0].limit() / (frame.samples.length == 1 ? grabber.getAudioChannels() : 1);
            }
            return samples / (double) grabber.getSampleRate();
        }
    }

    /** The data of every packet of the first audio stream, in file order (to tell a stream copy from an encode). */
    public static List<byte[]> audioPackets(Path file) throws IOException {
        return packets(file, AVMEDIA_TYPE_AUDIO);
    }

    /** The data of every packet of the first stream of a media type, in file order. */
    static List<byte[]> packets(Path file, int mediaType) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            int stream = -1;
            for (int i = 0; i < grabber.getFormatContext().nb_streams() && stream < 0; i++) {
                if (grabber.getFormatContext().streams(i).codecpar().codec_type() == mediaType) {
                    stream = i;
                }
            }
            org.bytedeco.ffmpeg.avcodec.AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() == stream) {
                    byte[] data = new byte[packet.size()];
                    packet.data().get(data);
                    packets.add(data);
                }
            }
        }
        return packets;
    }

    /** All frames of a video, decoded. */
    static List<RgbImage> decode(Path video) throws IOException {
        List<RgbImage> frames = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(video)) {
            RgbImage frame;
            while ((frame = reader.next()) != null) {
                frames.add(frame);
            }
        }
        return frames;
    }

    /** Mean of one channel (0 r, 1 g, 2 b) over the whole frame. */
    static double mean(RgbImage image, int channel) {
        long sum = 0;
        byte[] p = image.pixels();
        for (int i = channel; i < p.length; i += 3) {
            sum += p[i] & 0xff;
        }
        return sum / (double) (image.width() * image.height());
    }
}
