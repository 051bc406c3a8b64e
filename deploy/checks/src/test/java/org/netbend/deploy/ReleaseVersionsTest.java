package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The docs, the manifests and the checks name the same operator releases, and Kafka is one Strimzi supports. */
class ReleaseVersionsTest {
    static final List<String> OVERLAYS = Kustomize.OVERLAYS;

    @Test
    void theChecksUseTheReleasesTheFactsDescribe() {
        assertEquals(ReleaseFacts.STRIMZI_RELEASE, System.getProperty("strimzi.version"),
                "io.strimzi:api (the typed model) is the release the facts are about");
        assertEquals(ReleaseFacts.FLINK_OPERATOR_RELEASE, System.getProperty("flink-operator.release"),
                "root pom flink-operator.release");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafkaIsAVersionStrimziSupportsWithItsMetadataVersionPinned(String overlay) {
        JsonNode kafka = Overlay.of(overlay).manifests().single("Kafka").path("spec").path("kafka");
        String version = kafka.path("version").asText();
        assertTrue(ReleaseFacts.STRIMZI_KAFKA_VERSIONS.containsKey(version), "Kafka " + version + " is not one that Strimzi "
                + ReleaseFacts.STRIMZI_RELEASE + " supports: " + new TreeSet<>(ReleaseFacts.STRIMZI_KAFKA_VERSIONS.keySet()));
        String metadata = kafka.path("metadataVersion").asText();
        assertTrue(metadata.matches(Pattern.quote(ReleaseFacts.STRIMZI_KAFKA_VERSIONS.get(version)) + "-IV\\d+"),
                "metadataVersion " + metadata + " is pinned to Kafka " + version + "'s");
    }

    @Test
    void theGuideInstallsAndNamesTheReleasesTheChecksUse() throws Exception {
        Guide guide = Guide.read();
        String commands = String.join("\n", guide.commands());
        assertEquals(List.of(ReleaseFacts.FLINK_OPERATOR_RELEASE),
                all(Pattern.compile("flink-kubernetes-operator-(\\d+\\.\\d+\\.\\d+)/"), commands), "Flink operator chart");
        assertEquals(List.of(ReleaseFacts.STRIMZI_RELEASE),
                all(Pattern.compile("strimzi-kafka-operator --version (\\S+)"), commands), "Strimzi chart");
        Set<String> releasesNamed = new TreeSet<>(all(Pattern.compile("[Rr]elease (\\d+\\.\\d+\\.\\d+)"), guide.text()));
        assertEquals(new TreeSet<>(List.of(ReleaseFacts.FLINK_OPERATOR_RELEASE, ReleaseFacts.STRIMZI_RELEASE)), releasesNamed,
                "every release the guide names is one the checks use");
        String kafka = Overlay.of("gpu").manifests().single("Kafka").path("spec").path("kafka").path("version").asText();
        assertEquals(List.of(kafka), all(Pattern.compile("manifests ask for Kafka (\\S+)"), guide.text()));
        List<String> supported = new ArrayList<>(new TreeSet<>(ReleaseFacts.STRIMZI_KAFKA_VERSIONS.keySet()));
        String listed = String.join(", ", supported.subList(0, supported.size() - 1)) + " and " + supported.get(supported.size() - 1);
        assertTrue(guide.text().contains("Strimzi " + ReleaseFacts.STRIMZI_RELEASE + " supports Kafka " + listed),
                "the guide lists the Kafka versions Strimzi supports: " + listed);
        assertTrue(guide.text().contains("`flinkVersion: " + Overlay.of("gpu").flink().path("spec").path("flinkVersion").asText() + "`"));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
