package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A TaskManager's memory as Flink 2.3 itself divides it, from the overlay's configuration and the container size
 * the operator gives it: no managed memory (the job has no RocksDB or batch operators), and the native memory of
 * ONNX Runtime and CUDA (JVM overhead) at least 1 GiB and a third of the process.
 */
class TaskManagerMemoryTest {
    static final List<String> OVERLAYS = Kustomize.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void managedMemoryIsZeroAndNativeMemoryHasRoom(String overlay) {
        Overlay o = Overlay.of(overlay);
        Map<String, String> flink = o.flinkConfig();
        Configuration configuration = Configuration.fromMap(flink);
        // The operator sets the process size from spec.taskManager.resource.memory.
        String memory = o.flink().path("spec").path("taskManager").path("resource").path("memory").asText();
        configuration.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse(memory));
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(configuration);
        long process = spec.getTotalProcessMemorySize().getBytes();
        long overhead = spec.getJvmOverheadSize().getBytes();
        assertAll(overlay + " (" + memory + ": heap " + spec.getTaskHeapSize().toHumanReadableString() + ", overhead "
                        + spec.getJvmOverheadSize().toHumanReadableString() + ")",
                () -> assertEquals(0, spec.getManagedMemorySize().getBytes(), "no managed memory"),
                () -> assertTrue(overhead >= MemorySize.parse("1g").getBytes(), "at least 1 GiB for native memory"),
                () -> assertTrue(overhead * 3 >= process, "a third of the process or more for native memory"),
                () -> assertTrue(spec.getTaskOffHeapSize().getBytes() >= MemorySize.parse("256m").getBytes(),
                        "direct buffers for ONNX Runtime's tensors"),
                () -> assertTrue(spec.getTaskHeapSize().getBytes() >= MemorySize.parse("512m").getBytes(),
                        "heap for the frames and the job"));
    }
}
