package org.netbend.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The FlinkDeployment CRD as the operator publishes it (generated into its API jar, unpacked by this module's
 * build), brought to release {@value ReleaseFacts#FLINK_OPERATOR_RELEASE} with {@link ReleaseFacts}, and checked as
 * {@link CrdSchemas} checks. Its pod template schema (Kubernetes' PodTemplateSpec) also checks the Jobs' and
 * Deployments' pods.
 */
final class OperatorCrd {
    static final String FILE = "flinkdeployments.flink.apache.org-v1.yml";
    private static OperatorCrd loaded;

    private final JsonNode publishedSchema;
    private final JsonSchema flinkDeployment;
    private final JsonSchema podTemplate;

    private OperatorCrd(JsonNode crd) {
        this.publishedSchema = servedSchema(crd);
        ObjectNode schema = publishedSchema.deepCopy();
        ObjectNode spec = (ObjectNode) schema.path("properties").path("spec");
        ArrayNode versions = ((ObjectNode) spec.path("properties").path("flinkVersion")).putArray("enum");
        ReleaseFacts.OPERATOR_FLINK_VERSIONS.forEach(versions::add);
        ObjectNode job = (ObjectNode) spec.path("properties").path("job").path("properties");
        ReleaseFacts.OPERATOR_JOB_FIELDS_ADDED.forEach((field, type) -> job.putObject(field).put("type", type));
        this.podTemplate = CrdSchemas.compile(spec.path("properties").path("podTemplate"));
        this.flinkDeployment = CrdSchemas.strict(schema);
    }

    /** The CRD unpacked from the operator's API jar by the build (system property operator.crds). */
    static synchronized OperatorCrd published() {
        if (loaded == null) {
            String dir = System.getProperty("operator.crds");
            if (dir == null) {
                throw new IllegalStateException("run through Maven: the build unpacks the operator's CRD (operator.crds)");
            }
            loaded = new OperatorCrd(CrdSchemas.read(Path.of(dir, FILE)));
        }
        return loaded;
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
        return CrdSchemas.problems(this.flinkDeployment, flinkDeployment);
    }

    /** What it would refuse in a pod template ({@code metadata} and {@code spec}) of any workload. */
    List<String> podTemplateProblems(JsonNode template) {
        return CrdSchemas.problems(podTemplate, template);
    }

    private static JsonNode servedSchema(JsonNode crd) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals("v1beta1") && version.path("served").asBoolean()) {
                return version.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalStateException("the operator's CRD serves no v1beta1");
    }
}
