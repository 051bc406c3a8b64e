package org.netbend.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes 8-bit RGB PNGs straight from {@link RgbImage}'s bytes: every row gets the same filter, chosen once, and
 * the filtered rows go through zlib ({@link Deflater}) in one call. ImageIO's writer converts the pixels into its
 * own raster and tries all five filters on every row; for rendered frames a fixed filter compresses about as
 * well at a fraction of the cost. The output is a plain PNG (IHDR, one IDAT, IEND) any decoder reads, and the
 * same image always gives the same bytes.
 */
public final class PngWriter {
    /** PNG's row filters (the byte that starts each filtered row). */
    public enum Filter { NONE, SUB, UP, AVERAGE, PAETH }

    /** Up, at zlib's fastest level: the best of the measured choices for rendered frames (pipeline/farm README). */
    public static final PngWriter FAST = new PngWriter(Filter.UP, Deflater.BEST_SPEED);

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int BYTES_PER_PIXEL = 3;

    private final Filter filter;
    private final int level;
    /** Per thread: making a zlib stream allocates a few hundred KiB natively, a frame's rows most of a MiB. */
    private final ThreadLocal<Scratch> scratches;

    public PngWriter(Filter filter, int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 0..9, got " + level);
        }
        this.filter = filter;
        this.level = level;
        this.scratches = ThreadLocal.withInitial(() -> new Scratch(level));
    }

    public Filter filter() { return filter; }

    public int level() { return level; }

    public byte[] encode(RgbImage image) {
        Scratch scratch = scratches.get();
        int length = image.height() * (image.width() * BYTES_PER_PIXEL + 1);
        if (scratch.filtered.length < length) {
            scratch.filtered = new byte[length];
        }
        filter(image, filter, scratch.filtered);
        Deflater deflater = scratch.deflater;
        deflater.reset();
        deflater.setInput(scratch.filtered, 0, length);
        deflater.finish();
        Chunks out = new Chunks(scratch.out);
        out.write(SIGNATURE, 0, SIGNATURE.length);
        out.chunk("IHDR", header(image));
        out.idat(deflater);
        out.chunk("IEND", new byte[0]);
        scratch.out = out.buffer(); // keep a buffer that grew, for the next frame
        return out.toByteArray();
    }

    /** A thread's zlib stream and buffers, reused frame after frame: a frame allocates only its PNG's bytes. */
    private static final class Scratch {
        final Deflater deflater;
        byte[] filtered = new byte[0];
        byte[] out = new byte[64 * 1024];

        Scratch(int level) {
            deflater = new Deflater(level);
        }
    }

    /** The image's rows, each as the filter byte and the filtered row: what PNG deflates. */
    public static byte[] filtered(RgbImage image, Filter filter) {
        byte[] out = new byte[image.height() * (image.width() * BYTES_PER_PIXEL + 1)];
        filter(image, filter, out);
        return out;
    }

    private static void filter(RgbImage image, Filter filter, byte[] out) {
        int rowBytes = image.width() * BYTES_PER_PIXEL;
        byte[] pixels = image.pixels();
        for (int y = 0; y < image.height(); y++) {
            int row = y * rowBytes;
            int prior = row - rowBytes; // the row above; PNG treats the row above the first as zeros
            int o = y * (rowBytes + 1);
            out[o++] = (byte) filter.ordinal();
            switch (filter) {
                case NONE -> System.arraycopy(pixels, row, out, o, rowBytes);
                case SUB -> {
                    System.arraycopy(pixels, row, out, o, BYTES_PER_PIXEL);
                    for (int i = BYTES_PER_PIXEL; i < rowBytes; i++) {
                        out[o + i] = (byte) (pixels[row + i] - pixels[row + i - BYTES_PER_PIXEL]);
                    }
                }
                case UP -> {
                    if (y == 0) {
                        System.arraycopy(pixels, row, out, o, rowBytes);
                    } else {
                        for (int i = 0; i < rowBytes; i++) {
                            out[o + i] = (byte) (pixels[row + i] - pixels[prior + i]);
                        }
                    }
                }
                case AVERAGE -> {
                    for (int i = 0; i < rowBytes; i++) {
                        int left = i < BYTES_PER_PIXEL ? 0 : pixels[row + i - BYTES_PER_PIXEL] & 0xff;
                        int up = y == 0 ? 0 : pixels[prior + i] & 0xff;
                        out[o + i] = (byte) (pixels[row + i] - ((left + up) >>> 1));
                    }
                }
                case PAETH -> {
                    for (int i = 0; i < rowBytes; i++) {
                        int a = i < BYTES_PER_PIXEL ? 0 : pixels[row + i - BYTES_PER_PIXEL] & 0xff;
                        int b = y == 0 ? 0 : pixels[prior + i] & 0xff;
                        int c = i < BYTES_PER_PIXEL || y == 0 ? 0 : pixels[prior + i - BYTES_PER_PIXEL] & 0xff;
                        out[o + i] = (byte) (pixels[row + i] - paeth(a, b, c));
                    }
                }
                default -> throw new IllegalStateException("filter " + filter);
            }
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] header(RgbImage image) {
        byte[] h = new byte[13];
        putInt(h, 0, image.width());
        putInt(h, 4, image.height());
        h[8] = 8; // bits per sample
        h[9] = 2; // colour type: RGB
        // compression 0 (deflate), filter method 0 (adaptive, per-row filter bytes), no interlace
        return h;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** The PNG byte stream: chunks of length, type, data and CRC-32 over type and data. */
    private static final class Chunks extends ByteArrayOutputStream {
        Chunks(byte[] buffer) {
            super(0);
            buf = buffer;
        }

        byte[] buffer() {
            return buf;
        }

        void chunk(String type, byte[] data) {
            byte[] name = type.getBytes(StandardCharsets.US_ASCII);
            writeInt(data.length);
            write(name, 0, 4);
            write(data, 0, data.length);
            CRC32 crc = new CRC32();
            crc.update(name);
            crc.update(data);
            writeInt((int) crc.getValue());
        }

        /** One IDAT chunk holding the whole zlib stream, deflated straight into this buffer. */
        void idat(Deflater deflater) {
            int lengthAt = count;
            writeInt(0); // patched below, once the stream's length is known
            write(new byte[] {'I', 'D', 'A', 'T'}, 0, 4);
            int dataAt = count;
            while (!deflater.finished()) {
                if (count == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                count += deflater.deflate(buf, count, buf.length - count);
            }
            int length = count - dataAt;
            putInt(buf, lengthAt, length);
            CRC32 crc = new CRC32();
            crc.update(buf, dataAt - 4, length + 4);
            writeInt((int) crc.getValue());
        }

        private void writeInt(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
        }
    }
}
