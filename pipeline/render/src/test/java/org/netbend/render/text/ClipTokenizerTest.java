package org.netbend.render.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against src/test/resources/tokenizer-fixture: the 256 byte characters in CLIP order (ids 0..255, so
 * {@code "!"} = 0 and {@code "a"} = 64), the same with {@code </w>} (256..511), then 13 merges in rank order
 * (ids 512..524: ca, cat</w>, do, dog</w>, he, hel, hell, hello</w>, 's</w>, af, caf, Ã©</w>, cafÃ©</w>),
 * and BOS/EOS at 49406/49407. Expected ids below are worked out by hand from those rules.
 */
class ClipTokenizerTest {
    private static ClipTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        tokenizer = ClipTokenizer.load(Path.of("src/test/resources/tokenizer-fixture"), 77);
    }

    @Test
    void wordsAndPunctuationAreFramedByBosAndEos() {
        // "a" -> a</w> = 256 + 64; "cat" -> c a t</w> -> ca t</w> -> cat</w> = 513; "!" -> !</w> = 256
        int[] ids = tokenizer.encode("A cat!").ids();
        assertEquals(77, ids.length);
        assertArrayEquals(new int[] {49406, 320, 513, 256, 49407, 49407}, Arrays.copyOf(ids, 6));
        assertEquals(49407, ids[76]);
    }

    @Test
    void contractionsAndCollapsedWhitespace() {
        // "hello" = 519, "," = 256 + 11, "dog" = 515, "'s" matches CLIP's contraction rule = 520
        assertEquals(List.of(519, 267, 515, 520), tokenizer.tokenize("  Hello,\t\n  dog's "));
    }

    @Test
    void unicodeIsNfcNormalisedAndByteEncoded() {
        // é = UTF-8 C3 A9 = byte chars "Ã©"; merges by rank give ca + f + Ã©</w> (caf needs "c af", which never
        // forms because "c a" ranks first); digits are single tokens: "1</w>" = 256 + 16, "2</w>" = 256 + 17
        List<Integer> expected = List.of(512, 69, 523, 272, 273);
        assertEquals(expected, tokenizer.tokenize("Café 12"));
        assertEquals(expected, tokenizer.tokenize("Cafe\u0301 12"), "decomposed e + combining acute is NFC'd");
    }

    @Test
    void htmlEntitiesAreUnescaped() {
        // "&" = 256 + 5 as a word-final symbol
        assertEquals(List.of(515, 261, 513), tokenizer.tokenize("dog&amp;cat"));
    }

    @Test
    void specialTokensInTextStayWhole() {
        assertEquals(List.of(513, 49407), tokenizer.tokenize("cat <|endoftext|>"));
    }

    @Test
    void emptyPromptIsBosEosPadding() {
        ClipTokenizer.Encoding e = tokenizer.encode("");
        assertEquals(49406, e.ids()[0]);
        for (int i = 1; i < 77; i++) {
            assertEquals(49407, e.ids()[i]);
        }
        assertFalse(e.truncated());
    }

    @Test
    void overLongPromptsAreTruncatedToSeventyFiveTokens() {
        String prompt = "cat ".repeat(80);
        ClipTokenizer.Encoding e = tokenizer.encode(prompt);
        assertTrue(e.truncated());
        assertEquals(80, e.tokenCount());
        assertEquals(5, e.droppedTokens());
        assertEquals(49406, e.ids()[0]);
        for (int i = 1; i <= 75; i++) {
            assertEquals(513, e.ids()[i]);
        }
        assertEquals(49407, e.ids()[76]);
    }

    @Test
    void unknownSymbolsBecomeEndOfText() {
        ClipTokenizer tiny = ClipTokenizer.of(java.util.Map.of("<|startoftext|>", 1, "<|endoftext|>", 2), List.of(), 8);
        assertEquals(List.of(2), tiny.tokenize("x"));
    }

    @Test
    void missingSpecialTokensAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClipTokenizer.of(java.util.Map.of("a", 0), List.of(), 77));
        assertTrue(e.getMessage().contains("<|startoftext|>"), e.getMessage());
    }

    @Test
    void padTokenAndLengthComeFromTheTokenizerConfig(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path fixture = Path.of("src/test/resources/tokenizer-fixture");
        java.nio.file.Files.copy(fixture.resolve("vocab.json"), dir.resolve("vocab.json"));
        java.nio.file.Files.copy(fixture.resolve("merges.txt"), dir.resolve("merges.txt"));
        // as SD 2.x ships them: pad "!" (id 0 in CLIP's byte order) as an AddedToken object in the config,
        // a plain string in special_tokens_map.json, which wins
        java.nio.file.Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"model_max_length\": 12, \"pad_token\": {\"content\": \"<|endoftext|>\"}}");
        java.nio.file.Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": \"!\"}");
        ClipTokenizer sd2 = ClipTokenizer.load(dir, 0);
        assertEquals(12, sd2.length());
        assertEquals(0, sd2.padId());
        assertArrayEquals(new int[] {49406, 513, 49407, 0, 0, 0, 0, 0, 0, 0, 0, 0}, sd2.encode("cat").ids());
        assertEquals(77, ClipTokenizer.load(dir, 77).length(), "the text encoder's declared length wins");

        java.nio.file.Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 1e30}");
        java.nio.file.Files.delete(dir.resolve("special_tokens_map.json"));
        ClipTokenizer v1 = ClipTokenizer.load(dir, 0);
        assertEquals(77, v1.length(), "transformers' unbounded sentinel means CLIP's 77");
        assertEquals(49407, v1.padId());
    }
}
