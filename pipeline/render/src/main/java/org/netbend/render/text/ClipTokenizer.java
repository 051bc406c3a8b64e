package org.netbend.render.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer, as Stable Diffusion uses it: text is cleaned as CLIP's {@code basic_clean}
 * and {@code whitespace_clean} do (ftfy's fixes, see {@link TextFixer}; HTML entities unescaped twice as
 * Python's {@code html.unescape} does, see {@link HtmlEntities}; whitespace collapsed), lower-cased, split with CLIP's pre-tokenisation pattern, each piece byte-encoded and
 * merged by rank with {@code </w>} marking the end of a word. The result is framed as
 * {@code BOS tokens... EOS PAD...} to a fixed length (77; PAD is {@code <|endoftext|>} for SD v1 and
 * {@code !} for SD 2.x, read from the tokenizer's config files); prompts longer than that are truncated and say so
 * in {@link Encoding#droppedTokens()}.
 *
 * <p>Reads the diffusers layout ({@code tokenizer/vocab.json} + {@code merges.txt}), because that is what SD
 * ONNX exports ship (no {@code tokenizer.json}). Thread-safe; no prompt text makes it throw.
 */
public final class ClipTokenizer {
    public static final String BOS_TOKEN = "<|startoftext|>";
    public static final String EOS_TOKEN = "<|endoftext|>";
    public static final int DEFAULT_LENGTH = 77;

    /** CLIP's pattern: special tokens, English contractions, letter runs, single digits, other symbol runs. */
    private static final Pattern PIECES = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Python's {@code \\s} on str: Unicode White_Space plus the separators U+001C..U+001F. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\x1c-\\x1f]+", Pattern.UNICODE_CHARACTER_CLASS);

    private final Map<String, Integer> vocab;
    private final Map<String, Integer> mergeRanks;
    private final int bos;
    private final int eos;
    private final int pad;
    private final int length;
    private final Map<String, String[]> bpeCache = new ConcurrentHashMap<>();

    /** The framed ids, and how many tokens did not fit. */
    public record Encoding(int[] ids, int tokenCount, int droppedTokens) {
        public boolean truncated() { return droppedTokens > 0; }
    }

    private ClipTokenizer(Map<String, Integer> vocab, List<String> merges, int length, String padToken) {
        if (length < 2) {
            throw new IllegalArgumentException("a tokenizer length must leave room for BOS and EOS, got " + length);
        }
        this.vocab = Map.copyOf(vocab);
        this.mergeRanks = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            mergeRanks.putIfAbsent(merges.get(i), i);
        }
        this.bos = requireId(BOS_TOKEN);
        this.eos = requireId(EOS_TOKEN);
        this.pad = padToken == null ? eos : requireId(padToken); // SD v1 pads with <|endoftext|>, SD 2.x with "!"
        this.length = length;
    }

    public static ClipTokenizer of(Map<String, Integer> vocab, List<String> merges, int length) {
        return new ClipTokenizer(vocab, merges, length, null);
    }

    public static ClipTokenizer of(Map<String, Integer> vocab, List<String> merges, int length, String padToken) {
        return new ClipTokenizer(vocab, merges, length, padToken);
    }

    /**
     * Loads {@code vocab.json} and {@code merges.txt} from a diffusers {@code tokenizer/} folder, with the pad
     * token of its config files. {@code length} is the text encoder's declared sequence length; 0 when the
     * model leaves it open, and then {@code model_max_length} (or 77) is used.
     */
    public static ClipTokenizer load(Path folder, int length) throws IOException {
        Path vocabFile = folder.resolve("vocab.json");
        Path mergesFile = folder.resolve("merges.txt");
        for (Path p : List.of(vocabFile, mergesFile)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("tokenizer file missing: " + p);
            }
        }
        Map<String, Integer> vocab = new ObjectMapper().readValue(vocabFile.toFile(), new TypeReference<>() { });
        List<String> merges = new ArrayList<>();
        for (String line : Files.readAllLines(mergesFile, StandardCharsets.UTF_8)) {
            if (line.startsWith("#version") || line.isBlank()) {
                continue;
            }
            merges.add(line.strip());
        }
        TokenizerConfig config = TokenizerConfig.read(folder);
        int framed = length > 0 ? length : config.maxLength() > 0 ? config.maxLength() : DEFAULT_LENGTH;
        return new ClipTokenizer(vocab, merges, framed, config.padToken());
    }

    public int length() { return length; }

    public int bosId() { return bos; }

    public int eosId() { return eos; }

    public int padId() { return pad; }

    /** {@code BOS, tokens (at most length-2), EOS, PAD...}, always {@link #length()} ids. */
    public Encoding encode(String prompt) {
        List<Integer> tokens = tokenize(prompt);
        int room = length - 2;
        int kept = Math.min(room, tokens.size());
        int[] ids = new int[length];
        Arrays.fill(ids, pad);
        ids[0] = bos;
        for (int i = 0; i < kept; i++) {
            ids[i + 1] = tokens.get(i);
        }
        ids[kept + 1] = eos;
        return new Encoding(ids, tokens.size(), tokens.size() - kept);
    }

    /** The BPE token ids of a prompt, without BOS/EOS or padding. */
    public List<Integer> tokenize(String prompt) {
        String text = normalize(prompt);
        List<Integer> ids = new ArrayList<>();
        Matcher m = PIECES.matcher(text);
        while (m.find()) {
            for (String symbol : bpe(ByteLevel.encode(m.group()))) {
                Integer id = vocab.get(symbol);
                ids.add(id != null ? id : eos); // CLIP's unknown token is <|endoftext|>
            }
        }
        return ids;
    }

    /** The text CLIP's BPE sees: {@link #clean}, then lower case. */
    public static String normalize(String prompt) {
        return clean(prompt).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * CLIP's cleaning: {@code ftfy.fix_text}, {@code html.unescape} twice, whitespace runs to one space,
     * stripped (lower case is applied by the caller, as CLIP does after this).
     */
    static String clean(String text) {
        if (text == null) {
            throw new IllegalArgumentException("prompt must not be null (use \"\" for an empty prompt)");
        }
        String s = HtmlEntities.unescape(HtmlEntities.unescape(TextFixer.fix(text)));
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }

    /** Merges the lowest-ranked adjacent pair until none is in the merge table (CLIP's bpe()). */
    private String[] bpe(String piece) {
        if (piece.equals(BOS_TOKEN) || piece.equals(EOS_TOKEN)) {
            return new String[] {piece}; // a literal special token in a prompt stays one token, as in CLIP
        }
        return bpeCache.computeIfAbsent(piece, p -> {
            List<String> word = new ArrayList<>();
            for (int i = 0; i < p.length() - 1; i++) {
                word.add(String.valueOf(p.charAt(i)));
            }
            word.add(p.charAt(p.length() - 1) + "</w>");
            while (word.size() > 1) {
                int bestRank = Integer.MAX_VALUE;
                String bestFirst = null;
                String bestSecond = null;
                for (int i = 0; i < word.size() - 1; i++) {
                    Integer rank = mergeRanks.get(word.get(i) + " " + word.get(i + 1));
                    if (rank != null && rank < bestRank) {
                        bestRank = rank;
                        bestFirst = word.get(i);
                        bestSecond = word.get(i + 1);
                    }
                }
                if (bestFirst == null) {
                    break;
                }
                List<String> merged = new ArrayList<>(word.size());
                for (int i = 0; i < word.size(); i++) {
                    if (i < word.size() - 1 && word.get(i).equals(bestFirst) && word.get(i + 1).equals(bestSecond)) {
                        merged.add(bestFirst + bestSecond);
                        i++;
                    } else {
                        merged.add(word.get(i));
                    }
                }
                word = merged;
            }
            return word.toArray(String[]::new);
        });
    }

    private int requireId(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("tokenizer vocabulary has no " + token + " entry");
        }
        return id;
    }
}
