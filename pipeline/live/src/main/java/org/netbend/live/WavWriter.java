package org.netbend.live;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** 16-bit mono PCM WAV written as it arrives; the header's sizes are filled in at close. */
final class WavWriter implements AutoCloseable {
    private static final int HEADER = 44;
    private final RandomAccessFile file;
    private final int sampleRate;
    private long samples;
    private byte[] bytes = new byte[0];

    WavWriter(Path path, int sampleRate) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "rw");
        this.sampleRate = sampleRate;
        file.setLength(0);
        file.write(header(0));
    }

    void write(float[] buffer, int count) throws IOException {
        if (bytes.length < count * 2) {
            bytes = new byte[count * 2];
        }
        for (int i = 0; i < count; i++) {
            short s = (short) Math.round(Math.max(-1, Math.min(1, buffer[i])) * 32767);
            bytes[2 * i] = (byte) s;
            bytes[2 * i + 1] = (byte) (s >> 8);
        }
        file.write(bytes, 0, count * 2);
        samples += count;
    }

    private byte[] header(long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return b.array();
    }

    @Override
    public void close() throws IOException {
        file.seek(0);
        file.write(header(samples * 2));
        file.close();
    }
}
