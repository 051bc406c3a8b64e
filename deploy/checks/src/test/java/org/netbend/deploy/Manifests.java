package org.netbend.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The objects of one rendered overlay, as JSON trees, with lookups by kind and name. */
record Manifests(String overlay, List<JsonNode> objects) {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Manifests render(String overlay) throws IOException, InterruptedException {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(Kustomize.render(overlay))) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
        }
        if (objects.isEmpty()) {
            throw new AssertionError("deploy/overlays/" + overlay + " rendered no objects");
        }
        return new Manifests(overlay, List.copyOf(objects));
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " named " + name));
    }

    /** The one object of a kind (a FlinkDeployment, the Kafka cluster). */
    JsonNode single(String kind) {
        List<JsonNode> all = ofKind(kind);
        if (all.size() != 1) {
            throw new AssertionError(overlay + ": expected one " + kind + ", found " + all.size());
        }
        return all.get(0);
    }

    /** A generated object's name starts with its generator's name and a hash: netbend-service-5f8h2k. */
    JsonNode generated(String kind, String generatorName) {
        List<JsonNode> matches = ofKind(kind).stream()
                .filter(o -> name(o).matches(java.util.regex.Pattern.quote(generatorName) + "-[a-z0-9]{10}")).toList();
        if (matches.size() != 1) {
            throw new AssertionError(overlay + ": expected one generated " + kind + " " + generatorName + "-<hash>, found "
                    + matches.size());
        }
        return matches.get(0);
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }
}
