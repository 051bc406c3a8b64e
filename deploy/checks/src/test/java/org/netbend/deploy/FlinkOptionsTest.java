package org.netbend.deploy;

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
                "kubernetes.operator.job.upgrade.last-state", "true"));
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("execution.checkpointing.intervall: not an option")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("execution.checkpointing.timeout: 'ten minutes'")));
    }
}
