package org.netbend.render.text;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of ftfy's {@code fix_text} (6.x, default settings) that change prompts, in ftfy's order and
 * repeated until nothing changes, as ftfy does: HTML entities (only when the text has no {@code <}), C1
 * controls read as Windows-1252, Latin ligatures spelled out, fullwidth and halfwidth forms to their usual
 * width, curly quotes straightened, line breaks unified, lone surrogates to U+FFFD, terminal escapes and
 * control characters removed, then NFC.
 *
 * <p>Left out on purpose: ftfy's mojibake repair ({@code fix_encoding}: "sÃ³" back to "só"), a large
 * heuristic that guesses which wrong codec produced the text. Typed prompts do not carry mojibake; pasted ones
 * rarely do, and then they tokenize as the visible characters.
 */
final class TextFixer {
    /** ftfy's {@code SINGLE_QUOTE_RE} and {@code DOUBLE_QUOTE_RE}. */
    private static final Pattern SINGLE_QUOTES = Pattern.compile("[\u02bc\u2018-\u201b]");
    private static final Pattern DOUBLE_QUOTES = Pattern.compile("[\u201c-\u201f]");
    /** ftfy's {@code ANSI_RE}. */
    private static final Pattern TERMINAL_ESCAPE = Pattern.compile("\u001b\\[((?:\\d|;)*)([a-zA-Z])");
    private static final Pattern LINE_BREAKS = Pattern.compile("\r\n|[\r\u2028\u2029\u0085]");
    private static final Pattern C1_CONTROLS = Pattern.compile("[\u0080-\u009f]");
    private static final Pattern LIGATURES = Pattern.compile("[\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06]");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int MAX_ROUNDS = 16;

    private TextFixer() { }

    static String fix(String text) {
        boolean unescapeHtml = text.indexOf('<') < 0; // ftfy's unescape_html="auto"
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String before = text;
            if (unescapeHtml) {
                text = HtmlEntities.unescapeTerminated(text);
            }
            text = fixC1Controls(text);
            text = replace(LIGATURES, text, m -> Normalizer.normalize(m, Normalizer.Form.NFKC));
            text = fixCharacterWidth(text);
            text = SINGLE_QUOTES.matcher(text).replaceAll("'");
            text = DOUBLE_QUOTES.matcher(text).replaceAll("\"");
            text = LINE_BREAKS.matcher(text).replaceAll("\n");
            text = fixSurrogates(text);
            text = TERMINAL_ESCAPE.matcher(text).replaceAll("");
            text = removeControlCharacters(text);
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
            if (text.equals(before)) {
                break;
            }
        }
        return text;
    }

    private static String fixC1Controls(String text) {
        return replace(C1_CONTROLS, text, c -> {
            String decoded = WINDOWS_1252.decode(ByteBuffer.wrap(new byte[] {(byte) c.charAt(0)})).toString();
            return decoded.equals("\uFFFD") ? c : decoded; // ftfy's "sloppy" 1252 keeps undefined bytes as they are
        });
    }

    /** ftfy's {@code WIDTH_MAP}: U+FF01..U+FFEF to their NFKC form, U+3000 ideographic space to a space. */
    private static String fixCharacterWidth(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String mapped = null;
            if (c == '\u3000') {
                mapped = " ";
            } else if (c >= '\uff01' && c <= '\uffef') {
                mapped = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
            }
            if (mapped != null && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(mapped != null ? mapped : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** Pairs are kept (a Java string holds them as such); a surrogate without its partner becomes U+FFFD. */
    private static String fixSurrogates(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean lone = Character.isSurrogate(c);
            if (lone && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** ftfy's {@code CONTROL_CHARS}: C0 controls but tab, LF, FF, CR; DEL; U+206A..206F; BOM; U+FFF9..FFFC. */
    private static String removeControlCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c <= 0x08 || c == 0x0b || (c >= 0x0e && c <= 0x1f) || c == 0x7f
                    || (c >= 0x206a && c <= 0x206f) || c == 0xfeff || (c >= 0xfff9 && c <= 0xfffc);
            if (!control) {
                out.append(c);
            }
        }
        return out.length() == text.length() ? text : out.toString();
    }

    private static String replace(Pattern pattern, String text, java.util.function.UnaryOperator<String> with) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
