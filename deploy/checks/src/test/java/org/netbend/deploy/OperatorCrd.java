package org.netbend.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The FlinkDeployment CRD as the operator publishes it (the API jar's generated CRD, unpacked by this module's
 * build), brought to release {@value ReleaseFacts#FLINK_OPERATOR_RELEASE} with {@link ReleaseFacts}, and checked
 * the way {@code kubectl apply} with strict field validation does: every schema value, and no field the schema
 * does not name. Its pod template schema (Kubernetes' PodTemplateSpec) also checks the Jobs' and Deployments' pods.
 */
final class OperatorCrd {
    static final String FILE = "flinkdeployments.flink.apache.org-v1.yml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static OperatorCrd loaded;

    private final JsonNode publishedSchema;
    private final JsonSchema flinkDeployment;
    private final JsonSchema podTemplate;

    private OperatorCrd(JsonNode crd) {
        this.publishedSchema = servedSchema(crd).deepCopy();
        ObjectNode schema = servedSchema(crd).deepCopy();
        // The API server checks these itself (the CRD's schema leaves them out).
        ObjectNode top = (ObjectNode) schema.path("properties");
        top.putObject("apiVersion").put("type", "string");
        top.putObject("kind").put("type", "string");
        top.putObject("metadata").put("type", "object");
        ObjectNode spec = (ObjectNode) schema.path("properties").path("spec");
        ArrayNode versions = ((ObjectNode) spec.path("properties").path("flinkVersion")).putArray("enum");
        ReleaseFacts.OPERATOR_FLINK_VERSIONS.forEach(versions::add);
        ObjectNode job = (ObjectNode) spec.path("properties").path("job").path("properties");
        ReleaseFacts.OPERATOR_JOB_FIELDS_ADDED.forEach((field, type) -> job.putObject(field).put("type", type));
        strict(schema);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        this.flinkDeployment = factory.getSchema(schema, config);
        this.podTemplate = factory.getSchema(spec.path("properties").path("podTemplate"), config);
    }

    /** The CRD unpacked from the operator's API jar by the build (system property operator.crds). */
    static synchronized OperatorCrd published() {
        if (loaded == null) {
            String dir = System.getProperty("operator.crds");
            if (dir == null) {
                throw new IllegalStateException("run through Maven: the build unpacks the operator's CRD (operator.crds)");
            }
            loaded = of(Path.of(dir, FILE));
        }
        return loaded;
    }

    static OperatorCrd of(Path file) {
        try {
            return new OperatorCrd(YAML.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator's CRD " + file, e);
        }
    }

    /** The flinkVersion values of the jar's CRD as published, before the release's facts. */
    List<String> publishedFlinkVersions() {
        List<String> values = new ArrayList<>();
        publishedSchema.path("properties").path("spec").path("properties").path("flinkVersion").path("enum")
                .forEach(v -> values.add(v.asText()));
        return values;
    }

    /** What the API server would refuse in a FlinkDeployment, one line each ("/spec/x: ..."). */
    List<String> problems(JsonNode flinkDeployment) {
        return messages(this.flinkDeployment, flinkDeployment);
    }

    /** What it would refuse in a pod template ({@code metadata} and {@code spec}) of any workload. */
    List<String> podTemplateProblems(JsonNode template) {
        return messages(podTemplate, template);
    }

    private static List<String> messages(JsonSchema schema, JsonNode object) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(object)) {
            problems.add(m.getMessage());
        }
        problems.sort(null);
        return problems;
    }

    private static JsonNode servedSchema(JsonNode crd) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals("v1beta1") && version.path("served").asBoolean()) {
                return version.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalStateException("the operator's CRD serves no v1beta1");
    }

    /**
     * Refuses unknown fields as strict field validation does: an object schema that lists its properties takes
     * no others, unless it keeps unknown fields (x-kubernetes-preserve-unknown-fields). Kubernetes' own markers
     * and OpenAPI's nullable are then dropped, as JSON Schema has no such keywords.
     */
    private static void strict(JsonNode node) {
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
            schema.path("properties").forEach(OperatorCrd::strict);
            for (String key : List.of("items", "additionalProperties")) {
                strict(schema.path(key));
            }
            for (String key : List.of("anyOf", "allOf", "oneOf")) {
                schema.path(key).forEach(OperatorCrd::strict);
            }
        }
    }
}
