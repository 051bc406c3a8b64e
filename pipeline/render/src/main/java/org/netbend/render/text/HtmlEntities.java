package org.netbend.render.text;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Python's {@code html.unescape}, which CLIP applies to every prompt: every named entity of HTML5 (looked up
 * in jsoup's table, with the legacy ones also accepted without a semicolon and matched by longest prefix) and
 * every numeric reference, decimal or hex, with or without the semicolon. Numeric references follow Python's
 * rules exactly, so no input can throw: surrogates and values past U+10FFFF (however many digits) become
 * U+FFFD, {@code &#0;} too, 0x80..0x9F are read as Windows-1252, and control characters and non-characters
 * are dropped.
 */
final class HtmlEntities {
    /** Python's {@code _charref} pattern. */
    private static final Pattern REFERENCE =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
    /** ftfy's {@code HTML_ENTITY_RE}: its own pass takes only references that end in a semicolon. */
    private static final Pattern TERMINATED_REFERENCE = Pattern.compile("&#?[0-9A-Za-z]{1,24};");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String REPLACEMENT = "\uFFFD";

    private HtmlEntities() { }

    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String body = m.group(1);
            String replacement = body.charAt(0) == '#' ? numeric(body) : named(body);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * ftfy's own entity pass: semicolon-terminated references only, plus entities written in capitals
     * ({@code &NTILDE;} is Ñ) when the capitalised name is not an entity of its own.
     */
    static String unescapeTerminated(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = TERMINATED_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String reference = m.group();
            String replacement;
            String name = reference.substring(1, reference.length() - 1);
            if (name.charAt(0) == '#') {
                String decoded = unescape(reference);
                replacement = decoded.indexOf(';') >= 0 ? reference : decoded; // only whole references count
            } else if (Entities.isNamedEntity(name)) {
                replacement = Entities.getByName(name);
            } else {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                boolean capitalised = name.equals(name.toUpperCase(java.util.Locale.ROOT)) && !lower.equals(name);
                replacement = capitalised && Entities.isNamedEntity(lower)
                        ? Entities.getByName(lower).toUpperCase(java.util.Locale.ROOT) : reference;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Python's named references: {@code name;} as an HTML5 entity, else the longest prefix that is one of the
     * legacy entities valid without a semicolon ({@code &copyright;} is "©right;"), else left as it was.
     */
    private static String named(String body) {
        boolean terminated = body.endsWith(";");
        String name = terminated ? body.substring(0, body.length() - 1) : body;
        if (terminated ? Entities.isNamedEntity(name) : Entities.isBaseNamedEntity(name)) {
            return Entities.getByName(name);
        }
        for (int end = body.length() - 1; end > 1; end--) {
            String prefix = body.substring(0, end);
            if (Entities.isBaseNamedEntity(prefix)) {
                return Entities.getByName(prefix) + body.substring(end);
            }
        }
        return "&" + body;
    }

    /** {@code body} is {@code #123;} or {@code #x7B} (semicolon optional). */
    private static String numeric(String body) {
        boolean hex = body.charAt(1) == 'x' || body.charAt(1) == 'X';
        String digits = body.substring(hex ? 2 : 1, body.endsWith(";") ? body.length() - 1 : body.length());
        digits = digits.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 8) {
            return REPLACEMENT; // beyond U+10FFFF whatever the digits; never parsed, so never overflows
        }
        int cp = Integer.parseInt(digits, hex ? 16 : 10);
        if (cp == 0) {
            return REPLACEMENT;
        }
        if (cp == 0x0d) {
            return "\r";
        }
        if (cp >= 0x80 && cp <= 0x9f) {
            String decoded = WINDOWS_1252.decode(ByteBuffer.wrap(new byte[] {(byte) cp})).toString();
            return decoded.equals(REPLACEMENT) ? String.valueOf((char) cp) : decoded; // undefined bytes stay
        }
        if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
            return REPLACEMENT;
        }
        if (isInvalidCodePoint(cp)) {
            return "";
        }
        return new String(Character.toChars(cp));
    }

    /** Python's {@code _invalid_codepoints}: C0/C1 controls but tab, LF, FF, CR; U+FDD0..FDEF; U+xFFFE/F. */
    private static boolean isInvalidCodePoint(int cp) {
        return (cp >= 0x1 && cp <= 0x8) || cp == 0xb || (cp >= 0xe && cp <= 0x1f) || (cp >= 0x7f && cp <= 0x9f)
                || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
    }
}
