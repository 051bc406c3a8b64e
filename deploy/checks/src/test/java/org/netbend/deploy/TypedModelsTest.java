package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/** Every object every overlay renders is read into its kind's typed model, with no unknown field. */
class TypedModelsTest {
    static final List<String> OVERLAYS = Kustomize.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyRenderedObjectFitsItsTypedModel(String overlay) throws Exception {
        Manifests manifests = Manifests.render(overlay);
        List<String> problems = new ArrayList<>();
        for (JsonNode object : manifests.objects()) {
            problems.addAll(TypedModels.problems(object));
        }
        assertEquals(List.of(), problems, overlay + ": objects that do not fit their kind");
        assertTrue(manifests.objects().size() >= 15, overlay + " rendered only " + manifests.objects().size() + " objects");
    }

    /** The check itself: a misspelt field is caught in a core object, a Strimzi resource and the FlinkDeployment. */
    @Test
    void misspeltFieldsAreReported() throws Exception {
        Manifests gpu = Manifests.render("gpu");
        ObjectNode job = gpu.get("Job", "netbend-create-bucket").deepCopy();
        ((ObjectNode) job.path("spec").path("template").path("spec")).put("restartPolicyy", "Never");
        ObjectNode kafka = gpu.single("Kafka").deepCopy();
        ((ObjectNode) kafka.path("spec").path("kafka")).put("listener", "plain");
        ObjectNode flink = gpu.single("FlinkDeployment").deepCopy();
        ((ObjectNode) flink.path("spec").path("taskManager")).put("slots", 1);
        ObjectNode flinkPod = gpu.single("FlinkDeployment").deepCopy();
        ((ObjectNode) flinkPod.path("spec").path("taskManager").path("podTemplate").path("spec")).put("nodeSelecter", "x");

        assertEquals(List.of("Job/netbend-create-bucket: unknown field .spec.template.spec.restartPolicyy"),
                TypedModels.problems(job));
        assertEquals(List.of("Kafka/netbend: unknown field .spec.kafka.listener"), TypedModels.problems(kafka));
        assertTrue(TypedModels.problems(flink).get(0).contains("slots"), TypedModels.problems(flink).toString());
        assertEquals(List.of("FlinkDeployment/netbend: unknown field .spec.taskManager.podTemplate.spec.nodeSelecter"),
                TypedModels.problems(flinkPod));
    }
}
