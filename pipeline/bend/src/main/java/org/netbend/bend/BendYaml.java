package org.netbend.bend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code bends:} list of a YAML job document (or a bare YAML list). The list is first validated
 * against {@code bend.schema.json} (shape: strings or objects with op, args, layer, target, source), then each
 * entry goes through the same parser as the shorthand, so both spellings give equal {@link BendSpec}s.
 */
public final class BendYaml {
    /** Classpath location of the JSON Schema of the bends list. */
    public static final String SCHEMA_RESOURCE = "/org/netbend/bend/bend.schema.json";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = loadSchema();

    private BendYaml() { }

    /**
     * @param yaml a job document with a {@code bends:} key (absent means no bends), or a bare list
     * @throws BendSpecException naming the entry ({@code bends[2]}) and the problem
     */
    public static List<BendSpec> parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml == null ? "" : yaml);
        } catch (JsonProcessingException e) {
            throw new BendSpecException("not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        JsonNode list = root.isObject() ? root.get("bends") : root;
        if (list == null || list.isNull()) {
            return List.of();
        }
        return parse(list);
    }

    /** The same for a tree already read (the CLI reads the job document once). */
    public static List<BendSpec> parse(JsonNode list) {
        Set<ValidationMessage> problems = SCHEMA.validate(list);
        if (!problems.isEmpty()) {
            throw new BendSpecException("bends do not match the schema: " + problems.stream()
                    .map(ValidationMessage::getMessage).map(m -> m.replaceFirst("^\\$", "bends"))
                    .sorted().collect(Collectors.joining("; ")));
        }
        List<BendSpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                specs.add(entry(list.get(i)));
            } catch (BendSpecException e) {
                throw e.within("bends[" + i + "]");
            }
        }
        return List.copyOf(specs);
    }

    private static BendSpec entry(JsonNode node) {
        if (node.isTextual()) {
            return BendParser.parse(node.asText());
        }
        String op;
        JsonNode opNode = node.get("op");
        if (opNode.isArray()) {
            List<String> chain = new ArrayList<>();
            opNode.forEach(n -> chain.add(n.asText()));
            op = String.join(">", chain);
        } else {
            op = opNode.asText();
        }
        JsonNode args = node.get("args");
        if (args != null && !args.isEmpty()) {
            if (op.contains("(") || op.contains(">")) {
                throw new BendSpecException("give arguments either in 'op' or in 'args', and 'args' only for a single"
                        + " operator (got op '" + op + "')");
            }
            List<String> texts = new ArrayList<>();
            args.forEach(a -> texts.add(a.asText()));
            op = op + "(" + String.join(",", texts) + ")";
        }
        JsonNode target = node.get("target");
        List<String> sources = new ArrayList<>();
        JsonNode source = node.get("source");
        if (source != null) {
            if (source.isArray()) {
                source.forEach(s -> sources.add(s.asText()));
            } else {
                sources.add(source.asText());
            }
        }
        JsonNode site = node.get("site");
        String layer = node.get("layer").asText() + (site == null ? "" : "/" + site.asText());
        return BendParser.fromParts(op, layer, target == null ? null : target.asText(), sources);
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = BendYaml.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
