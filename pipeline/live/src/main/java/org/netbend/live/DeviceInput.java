package org.netbend.live;

import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * The machine's own audio input ({@code --input NAME}, javax.sound.sampled): 16-bit mono PCM at the analysis
 * rate, read without blocking; "heard" is what the device has delivered. Real-time clock only.
 */
public final class DeviceInput implements LiveInput {
    private final String name;
    private final TargetDataLine line;
    private final int sampleRate;
    private byte[] bytes = new byte[0];

    private DeviceInput(String name, TargetDataLine line, int sampleRate) {
        this.name = name;
        this.line = line;
        this.sampleRate = sampleRate;
    }

    /** The names of the mixers that can record, as {@code --input} takes them. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            if (mixer.getTargetLineInfo().length > 0) {
                names.add(info.getName());
            }
        }
        return names;
    }

    /** @throws LiveInputException "no input device NAME; available: ..." or why the device would not open */
    public static DeviceInput open(String name, int sampleRate) throws LiveInputException {
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (!info.getName().equals(name)) {
                continue;
            }
            try {
                TargetDataLine line = (TargetDataLine) AudioSystem.getMixer(info)
                        .getLine(new DataLine.Info(TargetDataLine.class, format));
                line.open(format);
                line.start();
                return new DeviceInput(name, line, sampleRate);
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                throw new LiveInputException("input device " + name + " cannot record " + sampleRate
                        + " Hz 16-bit mono: " + e.getMessage(), e);
            }
        }
        List<String> names = available();
        throw new LiveInputException("no input device " + name + "; available: "
                + (names.isEmpty() ? "none (this machine has no audio input)" : String.join(", ", names)));
    }

    @Override
    public int sampleRate() { return sampleRate; }

    @Override
    public int read(float[] buffer, double now) throws LiveInputException {
        if (!line.isOpen()) {
            throw new LiveInputException("input device " + name + " disappeared; the session ends here");
        }
        int available = Math.min(line.available() / 2, buffer.length);
        if (available == 0) {
            return 0;
        }
        if (bytes.length < available * 2) {
            bytes = new byte[available * 2];
        }
        int got = line.read(bytes, 0, available * 2);
        if (got < 0) {
            throw new LiveInputException("input device " + name + " disappeared; the session ends here");
        }
        int samples = got / 2;
        for (int i = 0; i < samples; i++) {
            short s = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
            buffer[i] = s / 32768f;
        }
        return samples;
    }

    @Override
    public String describe() { return "input device " + name; }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
