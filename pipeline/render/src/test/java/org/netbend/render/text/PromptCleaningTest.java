package org.netbend.render.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The text CLIP's BPE sees. Every expected value is what the original CLIP code's cleaning gives, run here once
 * outside the project: {@code whitespace_clean(basic_clean(text)).lower()} with ftfy 6.3.1 and Python 3.11's
 * {@code html.unescape}. Escapes: {@code \\uXXXX} in the inputs are unescaped by {@link #decode}.
 */
class PromptCleaningTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            don\\u2019t                          | don't
            \\uff26\\uff55\\uff4c\\uff4c \\uff28\\uff24 | full hd
            \\ufb01sh                            | fish
            a\\u0007b                            | ab
            &copy; 2024                          | \\u00a9 2024
            caf&eacute;                          | caf\\u00e9
            a&nbsp;&nbsp;b                       | a b
            &#1114112;                           | \\ufffd
            &#99999999999;                       | \\ufffd
            &#xD800;                             | \\ufffd
            x&#1;y                               | xy
            &#128;&#x81;                         | \\u20ac\\u0081
            &#0;                                 | \\ufffd
            \\u201cquoted\\u201d \\u2018single\\u2019 | "quoted" 'single'
            \\uff71\\uff72                        | \\u30a2\\u30a4
            \\u3000x\\u3000                       | x
            a\\u2028b\\r\\nc                       | a b c
            e\\u0301                             | \\u00e9
            &NTILDE;                             | \\u00f1
            &copyright; &amp &ampx;              | \\u00a9right; & &x;
            &amp;amp;amp;eacute;                 | \\u00e9
            <b>&amp;amp;amp;</b>                 | <b>&amp;</b>
            \\u001b[31mred\\u001b[0m              | red
            A\\u0093B                            | a"b
            zero\\u200bwidth                     | zero\\u200bwidth
            \\ufeffbom                           | bom
            \\u0133ssel \\u01c4                   | ijssel d\\u017e
            &#xFDD0;z                            | z
            &#X1F600;                            | \\ud83d\\ude00
            &lt;tag&gt;                          | <tag>
            \\ud83d                              | \\ufffd
            \\u03a3\\u0391\\u03a3                  | \\u03c3\\u03b1\\u03c2
            """)
    void cleansAsClip(String input, String expected) {
        assertEquals(decode(expected), ClipTokenizer.normalize(decode(input)));
    }

    /**
     * 400 random mixes of entity pieces, quotes, widths, ligatures, controls and whitespace, with what CLIP's
     * cleaning made of each (same ftfy and Python as above; cases.jsonl was written by that run).
     */
    @Test
    void randomMixesCleanAsClip() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<String> lines = java.nio.file.Files.readAllLines(
                java.nio.file.Path.of("src/test/resources/clip-cleaning/cases.jsonl"));
        assertEquals(400, lines.size());
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode c = json.readTree(line);
            assertEquals(c.get("clip").asText(), ClipTokenizer.normalize(c.get("text").asText()), line);
        }
    }

    @Test
    void noPromptThrowsAndNoneLeavesALoneSurrogate() {
        SplittableRandom random = new SplittableRandom(11);
        String alphabet = "&#xX;0123456789abcdefABCDEF \u00a0<>\ud800\udc00\u0085\u0093\ufb01\uff21";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder prompt = new StringBuilder();
            int length = random.nextInt(1, 24);
            for (int i = 0; i < length; i++) {
                prompt.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String cleaned = ClipTokenizer.normalize(prompt.toString());
            for (int i = 0; i < cleaned.length(); i++) {
                char c = cleaned.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertFalse(i + 1 == cleaned.length() || !Character.isLowSurrogate(cleaned.charAt(i + 1)),
                            "lone high surrogate from " + prompt);
                    i++;
                } else {
                    assertFalse(Character.isLowSurrogate(c), "lone low surrogate from " + prompt);
                }
            }
        }
    }

    /** {@code \\uXXXX}, {@code \\r}, {@code \\n} to characters. */
    private static String decode(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'r' || s.charAt(i + 1) == 'n')) {
                out.append(s.charAt(i + 1) == 'r' ? '\r' : '\n');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
