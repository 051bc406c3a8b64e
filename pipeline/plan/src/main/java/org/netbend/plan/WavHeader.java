package org.netbend.plan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the size a RIFF/WAVE file declares for its {@code data} chunk. FFmpeg's wav demuxer silently clamps a
 * truncated file's duration to what is present, so this is how a cut-off wav is told apart from a short one.
 */
final class WavHeader {
    private WavHeader() { }

    /**
     * @return how many bytes the data chunk is missing (0 when complete, or when the file is not a plain RIFF
     *         WAVE file or declares an unknown size, as streamed wavs do with 0 or 0xFFFFFFFF)
     */
    static long missingDataBytes(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            if (channel.read(header, 0) < 12 || !tag(header, 0).equals("RIFF") || !tag(header, 8).equals("WAVE")) {
                return 0;
            }
            long offset = 12;
            ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (offset + 8 <= fileSize) {
                chunk.clear();
                if (channel.read(chunk, offset) < 8) {
                    return 0;
                }
                long size = Integer.toUnsignedLong(chunk.getInt(4));
                if (tag(chunk, 0).equals("data")) {
                    if (size == 0 || size == 0xFFFFFFFFL) {
                        return 0;
                    }
                    return Math.max(0, offset + 8 + size - fileSize);
                }
                offset += 8 + size + (size & 1);
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String tag(ByteBuffer buffer, int at) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = buffer.get(at + i);
        }
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
