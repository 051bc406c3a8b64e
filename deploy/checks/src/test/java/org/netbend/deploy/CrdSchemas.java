package org.netbend.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CustomResourceDefinitions as their publishers ship them, checked the way {@code kubectl apply} with strict field
 * validation checks a resource: every value against the served version's OpenAPI schema, and no field the schema
 * does not name (networknt's JSON Schema validator).
 */
final class CrdSchemas {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().build();

    private final Map<String, JsonSchema> byKind = new HashMap<>();

    /** Every CRD file in a folder the build unpacked from a package (system property {@code property}). */
    static CrdSchemas unpacked(String property) {
        String dir = System.getProperty(property);
        if (dir == null) {
            throw new IllegalStateException("run through Maven: the build unpacks the CRDs (" + property + ")");
        }
        CrdSchemas schemas = new CrdSchemas();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList()) {
                JsonNode crd = read(file);
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    if (version.path("served").asBoolean()) {
                        ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                        schemas.byKind.put(group + "/" + version.path("name").asText() + "/" + kind, strict(schema));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRDs in " + dir, e);
        }
        if (schemas.byKind.isEmpty()) {
            throw new IllegalStateException("no CRD in " + dir);
        }
        return schemas;
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRD " + file, e);
        }
    }

    /** Whether a CRD of these defines the object's apiVersion and kind. */
    boolean defines(JsonNode object) {
        return byKind.containsKey(key(object));
    }

    /** What the API server would refuse, one line each ("/spec/x: ..."). */
    List<String> problems(JsonNode object) {
        JsonSchema schema = byKind.get(key(object));
        if (schema == null) {
            return List.of(Manifests.id(object) + ": no CRD serves " + key(object));
        }
        return problems(schema, object);
    }

    static List<String> problems(JsonSchema schema, JsonNode object) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(object)) {
            problems.add(m.getMessage());
        }
        problems.sort(null);
        return problems;
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    /**
     * The schema of a whole resource with unknown fields refused: apiVersion, kind and metadata added (the API
     * server checks those itself, so CRDs leave them out), and every object schema that lists its properties
     * closed to others unless it keeps unknown fields (x-kubernetes-preserve-unknown-fields).
     */
    static JsonSchema strict(ObjectNode resourceSchema) {
        ObjectNode top = resourceSchema.with("properties");
        top.putObject("apiVersion").put("type", "string");
        top.putObject("kind").put("type", "string");
        top.putObject("metadata").put("type", "object");
        return compile(resourceSchema);
    }

    /** Any part of a CRD's schema, closed to unknown fields the same way. */
    static JsonSchema compile(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        close(copy);
        return FACTORY.getSchema(copy, CONFIG);
    }

    /** Kubernetes' own markers and OpenAPI's nullable are dropped after use: JSON Schema has no such keywords. */
    private static void close(JsonNode node) {
        if (node instanceof ObjectNode schema) {
            boolean keepsUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (schema.has("properties") && !schema.has("additionalProperties") && !keepsUnknown) {
                schema.put("additionalProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("x-kubernetes-") || e.getKey().equals("nullable")) {
                    it.remove();
                }
            }
            schema.path("properties").forEach(CrdSchemas::close);
            for (String key : List.of("items", "additionalProperties", "not")) {
                close(schema.path(key));
            }
            for (String key : List.of("anyOf", "allOf", "oneOf")) {
                schema.path(key).forEach(CrdSchemas::close);
            }
        }
    }
}
