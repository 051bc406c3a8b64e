package org.netbend.render.text;

/**
 * GPT-2/CLIP's reversible byte-to-character table: every byte gets a printable Unicode character so BPE can
 * work on text without whitespace or control characters. Printable Latin-1 bytes map to themselves; the other
 * 68 bytes map to U+0100 onwards in byte order. {@link #ALPHABET} lists the characters in CLIP's vocabulary
 * order (the printable ranges first), which is why {@code "!"} has id 0 and {@code "a</w>"} id 320 in CLIP.
 */
public final class ByteLevel {
    /** The 256 byte characters in vocabulary order. */
    public static final char[] ALPHABET = new char[256];
    private static final char[] BYTE_TO_CHAR = new char[256];

    static {
        int n = 0;
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        }
        int next = 0;
        for (int b = 0; b < 256; b++) {
            if (printable[b]) {
                BYTE_TO_CHAR[b] = (char) b;
                ALPHABET[n++] = (char) b;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                BYTE_TO_CHAR[b] = (char) (256 + next++);
                ALPHABET[n++] = BYTE_TO_CHAR[b];
            }
        }
    }

    private ByteLevel() { }

    /** The UTF-8 bytes of {@code text}, each replaced by its byte character. */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            out.append(BYTE_TO_CHAR[b & 0xff]);
        }
        return out.toString();
    }
}
