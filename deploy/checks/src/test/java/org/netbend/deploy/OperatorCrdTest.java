package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every FlinkDeployment, and every pod template of a Job or Deployment, passes the operator's published CRD schema
 * as release 1.15.0 serves it, with unknown fields refused.
 */
class OperatorCrdTest {
    static final List<String> OVERLAYS = Kustomize.OVERLAYS;
    private final OperatorCrd crd = OperatorCrd.published();

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theFlinkDeploymentPassesTheReleasedCrd(String overlay) {
        JsonNode flink = Overlay.of(overlay).flink();
        assertEquals(List.of(), crd.problems(flink), overlay + ": FlinkDeployment/netbend against the operator's CRD");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyWorkloadsPodTemplatePassesKubernetesPodTemplateSchema(String overlay) {
        List<String> problems = new ArrayList<>();
        Manifests m = Overlay.of(overlay).manifests();
        List<JsonNode> workloads = new ArrayList<>(m.ofKind("Job"));
        workloads.addAll(m.ofKind("Deployment"));
        for (JsonNode workload : workloads) {
            crd.podTemplateProblems(workload.path("spec").path("template"))
                    .forEach(p -> problems.add(Manifests.id(workload) + " " + p));
        }
        assertEquals(List.of(), problems, overlay);
        assertTrue(workloads.size() >= 1, overlay + " has no Job or Deployment to check");
    }

    /** The blocker this check exists for: the API server refuses v2_3 with operator 1.15.0's CRD. */
    @Test
    void flinkVersionV2_3IsRefusedAsTheReleasedCrdDoes() {
        ObjectNode flink = Overlay.of("gpu").flink().deepCopy();
        ((ObjectNode) flink.path("spec")).put("flinkVersion", "v2_3");
        List<String> problems = crd.problems(flink);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("/spec/flinkVersion: does not have a value in the enumeration"),
                problems.get(0));
    }

    @Test
    void misspeltAndMistypedFieldsAreRefused() {
        ObjectNode flink = Overlay.of("gpu").flink().deepCopy();
        ((ObjectNode) flink.path("spec").path("taskManager")).put("slots", 1);
        ((ObjectNode) flink.path("spec").path("job")).put("parallelism", "four");
        ((ObjectNode) flink.path("spec").path("taskManager").path("podTemplate").path("spec")).put("nodeSelecter", "x");
        List<String> problems = String.join("\n", crd.problems(flink)).lines().toList();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("slots")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("/spec/job/parallelism")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("nodeSelecter")), problems.toString());

        ObjectNode job = Overlay.of("gpu").manifests().get("Job", "netbend-create-bucket").deepCopy();
        ((ObjectNode) job.path("spec").path("template").path("spec")).put("restartPolicyy", "Never");
        assertEquals(1, crd.podTemplateProblems(job.path("spec").path("template")).size());
    }

    /** The release fact only adds to what the jar publishes: the jar's values are the release's first ones. */
    @Test
    void theReleasesFlinkVersionsExtendThePublishedOnes() {
        List<String> published = crd.publishedFlinkVersions();
        assertTrue(published.size() >= 8, published.toString());
        assertEquals(published, ReleaseFacts.OPERATOR_FLINK_VERSIONS.subList(0, published.size()));
        assertEquals("v2_2", ReleaseFacts.OPERATOR_FLINK_VERSIONS.get(ReleaseFacts.OPERATOR_FLINK_VERSIONS.size() - 1));
    }
}
