package org.netbend.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The option check itself: it must fail on what the cluster would reject or silently ignore. */
class FlinkOptionsTest {
    @Test
    void knownOptionsWithValidValuesPass() {
        assertEquals(List.of(), FlinkOptions.problems(Map.of(
                "execution.checkpointing.interval", "30 s",
                "taskmanager.numberOfTaskSlots", "1",
                "external-resource.gpu.amount", "1",
                "metrics.reporter.prom.port", "9249",
                "kubernetes.operator.pod-template.merge-arrays-by-name", "true")));
    }

    @Test
    void misspeltKeysAndBadValuesAreReported() {
        List<String> problems = FlinkOptions.problems(Map.of(
                "execution.checkpointing.intervall", "30 s",
                "execution.checkpointing.timeout", "ten minutes",
                "taskmanager.numberOfTaskSlots", "one",
                "external-resource.gpu.amount", "1.5",
                "kubernetes.operator.job.upgrade.last-state", "true",
                "state.checkpoints.dir", "s3://netbend/flink/checkpoints"));
        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.contains("state.checkpoints.dir: deprecated in Flink 2.3, use execution.checkpointing.dir"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("execution.checkpointing.intervall: not an option")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("execution.checkpointing.timeout: 'ten minutes'")));
    }

    /** deploy/standalone's configuration (flat standard YAML) uses current Flink 2.3 options only. */
    @Test
    void theStandaloneConfigurationUsesCurrentOptions() throws Exception {
        JsonNode yaml = Manifests.YAML.readTree(Repo.path("deploy/standalone/conf/config.yaml").toFile());
        Map<String, String> config = new java.util.TreeMap<>();
        yaml.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        assertTrue(config.size() >= 20, config.toString());
        assertEquals(List.of(), FlinkOptions.problems(config));
    }
}
