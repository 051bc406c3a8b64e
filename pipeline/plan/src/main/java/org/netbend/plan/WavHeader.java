package org.netbend.plan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads what a RIFF/WAVE file declares for its {@code data} chunk. FFmpeg's wav demuxer silently clamps a
 * truncated file's duration to what is present, so this is how a cut-off wav is told apart from a short one,
 * and how long the header says the audio is.
 *
 * @param dataOffset where the data chunk's samples start
 * @param dataBytes  the size the data chunk declares (0 when unknown, as streamed wavs write 0 or 0xFFFFFFFF)
 * @param byteRate   the fmt chunk's bytes per second (0 when absent)
 * @param fileBytes  the file's size
 */
record WavHeader(long dataOffset, long dataBytes, long byteRate, long fileBytes) {
    /** The header of a plain RIFF WAVE file, or null for anything else (or a read error). */
    static WavHeader read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            if (channel.read(header, 0) < 12 || !tag(header, 0).equals("RIFF") || !tag(header, 8).equals("WAVE")) {
                return null;
            }
            long offset = 12;
            long byteRate = 0;
            ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (offset + 8 <= fileSize) {
                chunk.clear();
                if (channel.read(chunk, offset) < 8) {
                    return null;
                }
                long size = Integer.toUnsignedLong(chunk.getInt(4));
                String id = tag(chunk, 0);
                if (id.equals("fmt ")) {
                    // format tag (2 bytes), channels (2), sample rate (4), then bytes per second (4)
                    ByteBuffer fmt = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                    byteRate = channel.read(fmt, offset + 8) >= 12 ? Integer.toUnsignedLong(fmt.getInt(8)) : 0;
                }
                if (id.equals("data")) {
                    boolean unknown = size == 0 || size == 0xFFFFFFFFL;
                    return new WavHeader(offset + 8, unknown ? 0 : size, byteRate, fileSize);
                }
                offset += 8 + size + (size & 1);
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** How many bytes the data chunk is missing (0 when complete, unknown, or not a plain wav). */
    static long missingDataBytes(Path file) {
        WavHeader header = read(file);
        return header == null || header.dataBytes == 0 ? 0
                : Math.max(0, header.dataOffset + header.dataBytes - header.fileBytes);
    }

    /** The duration the header announces (data size over byte rate), 0 when it announces none. */
    static double announcedSeconds(Path file) {
        WavHeader header = read(file);
        return header == null || header.dataBytes == 0 || header.byteRate == 0 ? 0
                : header.dataBytes / (double) header.byteRate;
    }

    private static String tag(ByteBuffer buffer, int at) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = buffer.get(at + i);
        }
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
