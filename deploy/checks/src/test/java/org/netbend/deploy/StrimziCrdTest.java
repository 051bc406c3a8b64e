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
 * Every Strimzi resource passes the CRDs of Strimzi {@value ReleaseFacts#STRIMZI_RELEASE}: the v1 CRDs its build
 * generates into io.strimzi:api's test jar (crds/v1/*.yaml; their v1 schemas are the release's
 * packaging/install CRDs' v1 schemas, descriptions aside), unpacked by this module's build.
 */
class StrimziCrdTest {
    static final List<String> OVERLAYS = Kustomize.OVERLAYS;
    private static final CrdSchemas STRIMZI = CrdSchemas.unpacked("strimzi.crds");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyStrimziResourcePassesTheReleasedCrds(String overlay) {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (JsonNode object : Overlay.of(overlay).manifests().objects()) {
            if (object.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                checked++;
                STRIMZI.problems(object).forEach(p -> problems.add(Manifests.id(object) + " " + p));
            }
        }
        assertEquals(List.of(), problems, overlay);
        assertEquals(7, checked, overlay + ": Kafka, KafkaNodePool, three KafkaTopics, two KafkaUsers");
    }

    @Test
    void misspeltAndWrongFieldsAreRefused() {
        ObjectNode kafka = Overlay.of("gpu").manifests().single("Kafka").deepCopy();
        ((ObjectNode) kafka.path("spec").path("kafka")).put("listener", "plain");
        ((ObjectNode) kafka.path("spec").path("kafka").path("listeners").get(0).path("authentication"))
                .put("type", "scram-sha-256");
        List<String> problems = STRIMZI.problems(kafka);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("listener")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("/spec/kafka/listeners/0/authentication/type")),
                problems.toString());

        ObjectNode user = Overlay.of("gpu").manifests().get("KafkaUser", "netbend-submitter").deepCopy();
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0).path("resource")).put("type", "topics");
        assertEquals(1, STRIMZI.problems(user).size(), STRIMZI.problems(user).toString());
    }
}
