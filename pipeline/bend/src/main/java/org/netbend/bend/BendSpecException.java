package org.netbend.bend;

/**
 * A bend spec (shorthand, YAML entry, value list) that cannot be read. The message names the bad token and,
 * where there is a fixed vocabulary, lists the valid names, so it can be shown to the user as it is.
 *
 * <p>Every error {@link BendParser#parse} raises carries the span {@code [start, end)} of the offending part of the
 * text as the user wrote it (whitespace included), so a front end can mark it: {@link #marked}. For
 * {@link BendParser#fromParts} the span is in the shorthand {@code OPS@LAYER[:TARGET][=SOURCE,...]} the parts make.
 * Errors from other readers may have none ({@link #hasSpan()}).
 */
public class BendSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int start;
    private final int end;

    public BendSpecException(String message) {
        this(message, -1, -1, null);
    }

    public BendSpecException(String message, Throwable cause) {
        this(message, -1, -1, cause);
    }

    /** With the span {@code [start, end)} of the offending text. */
    public BendSpecException(String message, int start, int end) {
        this(message, start, end, null);
    }

    private BendSpecException(String message, int start, int end, Throwable cause) {
        super(message, cause);
        if (start >= 0 && end < start) {
            throw new IllegalArgumentException("span end " + end + " before its start " + start);
        }
        this.start = start;
        this.end = end;
    }

    /** First character of the offending part, or -1 when unknown. */
    public int start() { return start; }

    /** One past its last character, or -1 when unknown. */
    public int end() { return end; }

    public boolean hasSpan() { return start >= 0; }

    /**
     * The bend text with a line of carets under the span, e.g.
     * <pre>
     *   add@0=rms[0..x]
     *               ^
     * </pre>
     * or the text alone when there is no span.
     */
    public String marked(String text) {
        if (!hasSpan() || text == null || start > text.length()) {
            return text;
        }
        int to = Math.min(Math.max(end, start + 1), Math.max(text.length(), start + 1));
        return text + System.lineSeparator() + " ".repeat(start) + "^".repeat(to - start);
    }

    /** The same problem, with where it happened in front ("bends[2]: ..."); the span is kept. */
    BendSpecException within(String where) {
        return new BendSpecException(where + ": " + getMessage(), start, end, this);
    }

    /**
     * Places the problem in a larger text: a span found inside the part is moved by {@code offset}; without one,
     * the whole part, {@code [offset, offset + length)}, is the span.
     */
    BendSpecException locate(int offset, int length) {
        return hasSpan() ? new BendSpecException(getMessage(), start + offset, end + offset, this)
                : new BendSpecException(getMessage(), offset, offset + length, this);
    }

    /** The span moved from compacted text to the text as written: {@code original[i]} = where compact char i was. */
    BendSpecException mapped(int[] original, int writtenLength) {
        if (!hasSpan()) {
            return new BendSpecException(getMessage(), 0, writtenLength, this);
        }
        int from = start < original.length ? original[start] : writtenLength;
        int to = end == 0 ? from : end - 1 < original.length ? original[end - 1] + 1 : writtenLength;
        return new BendSpecException(getMessage(), from, Math.max(from, to), this);
    }
}
