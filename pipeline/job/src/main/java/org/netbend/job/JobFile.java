package org.netbend.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML job file (configs/presets/*.yaml): the settings of {@link RequestFields}, plus {@code version: 1}, and
 * the track's stems ({@code stems: {drums: drums.wav}}) and MIDI file ({@code midi: piece.mid}), as files
 * relative to the job file's folder.
 * Read strictly: one document, no duplicate keys, at most {@link #MAX_BYTES}, every value of its field's type.
 * Settings given on the command line are applied after the file's, so they win.
 */
public record JobFile(Path file, JsonNode root) {
    /** A preset is a few kB; anything near this is a mistake, and a YAML parser should not spend minutes on it. */
    public static final long MAX_BYTES = 1 << 20;
    private static final Set<String> OWN_KEYS = Set.of("version", "stems", "midi", "audio");
    private static final ObjectMapper YAML = yamlMapper();
    private static final ObjectMapper YAML_WRITER = new ObjectMapper(YAMLFactory.builder()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    /**
     * @throws InvalidRequestException naming the file, the field and the problem
     */
    public static JobFile read(Path file) {
        if (Files.isDirectory(file)) {
            throw problem(file, "(file)", "is a directory, not a job file");
        }
        if (!Files.isRegularFile(file)) {
            throw problem(file, "(file)", Files.exists(file) ? "is not a regular file" : "not found");
        }
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw problem(file, "(file)", "is " + size + " bytes; job files are at most " + MAX_BYTES + " bytes");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw problem(file, "(file)", "cannot be read: " + e.getMessage());
        }
        return of(file, text);
    }

    /**
     * A job file's text as received (the studio's "load a job file"); {@code file} names it in messages and is
     * where relative stem and MIDI names would be looked for.
     */
    public static JobFile of(Path file, String text) {
        if (text.length() > MAX_BYTES) {
            throw problem(file, "(file)", "is " + text.length() + " characters; job files are at most " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = parse(text);
        } catch (InvalidRequestException e) {
            throw problem(file, e.field(), e.problem());
        } catch (JsonProcessingException e) {
            throw problem(file, "(file)", "is not valid YAML: " + JsonProblems.firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw problem(file, "(file)", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw problem(file, "(file)", "must be a YAML mapping of settings");
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isIntegralNumber() && version.asLong() == 1)) {
            throw problem(file, "version", "must be 1, got " + RequestFields.shown(version));
        }
        return new JobFile(file, root);
    }

    /**
     * The settings as job-file YAML, keys in the order held. Written by one fixed mapper, so a file written here,
     * read back with {@link #of} and written again is the same text.
     */
    public String toYaml() {
        try {
            return YAML_WRITER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed job file cannot be written back: " + e.getMessage(), e);
        }
    }

    /** Applies the file's settings to {@code builder}. */
    public RequestBuilder applyTo(RequestBuilder builder) {
        try {
            RequestFields.applyAll(builder, root, OWN_KEYS);
        } catch (InvalidRequestException e) {
            throw problem(file, e.field(), e.problem());
        }
        return builder;
    }

    /** The stems the file names, stem name to file (relative names are beside the job file); may be empty. */
    public Map<String, Path> stems() {
        Map<String, Path> files = new LinkedHashMap<>();
        try {
            SourceFields.stems(root.get("stems")).forEach((name, file) -> files.put(name, beside("stems." + name, file)));
        } catch (InvalidRequestException e) {
            throw problem(file, e.field(), e.problem());
        }
        return files;
    }

    /** The MIDI file the file names (relative to the job file's folder), or null. */
    public Path midi() {
        try {
            String midi = SourceFields.midi(root.get("midi"));
            return midi == null ? null : beside("midi", midi);
        } catch (InvalidRequestException e) {
            throw problem(file, e.field(), e.problem());
        }
    }

    /**
     * The track the file names as {@code audio} (relative to the job file's folder: a live recording's
     * {@code input.wav}), or null; used only when the command line gives no audio.
     */
    public Path audio() {
        JsonNode audio = root.get("audio");
        if (audio == null || audio.isNull()) {
            return null;
        }
        if (!audio.isTextual() || audio.asText().isBlank()) {
            throw problem(file, "audio", "must be a file name, got " + RequestFields.shown(audio));
        }
        try {
            return beside("audio", audio.asText());
        } catch (InvalidRequestException e) {
            throw problem(file, e.field(), e.problem());
        }
    }

    private Path beside(String field, String name) {
        try {
            return file.toAbsolutePath().getParent().resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidRequestException(field, "is not a file name: '" + Echo.safe(name) + "'");
        }
    }

    /** Whether the file sets {@code key}. */
    public boolean has(String key) {
        return root.hasNonNull(key);
    }

    private static JsonNode parse(String yaml) throws IOException {
        // One document at a time: a reader of several values would unwrap a top-level list into "documents".
        List<JsonNode> all = new java.util.ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            while (parser.nextToken() != null) {
                all.add(YAML.readTree(parser));
            }
        }
        if (all.size() > 1) {
            throw new InvalidRequestException("(file)", "holds " + all.size() + " YAML documents; a job file is one");
        }
        if (!all.isEmpty() && all.get(0).isArray()) {
            throw new InvalidRequestException("(file)", "is a YAML list; a job file is a mapping of settings "
                    + "(prompt: ..., bends: [...])");
        }
        return all.isEmpty() ? null : all.get(0);
    }

    private static InvalidRequestException problem(Path file, String field, String problem) {
        String where = field.equals("(file)") ? "" : "'" + field + "' ";
        return new InvalidRequestException(field, problem, "job file " + file + ": " + where + problem);
    }

    private static ObjectMapper yamlMapper() {
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        loader.setMaxAliasesForCollections(20); // a "billion laughs" document stops at once
        loader.setCodePointLimit((int) MAX_BYTES);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();
        return new ObjectMapper(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
