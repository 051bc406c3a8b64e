package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The production overlay: one GPU per TaskManager and slot, on GPU nodes, with Flink's GPU plugin. */
class GpuOverlayTest {
    private final Overlay gpu = Overlay.of("gpu");

    @Test
    void eachTaskManagerHasOneGpuAndOneSlotOnAGpuNode() {
        JsonNode tm = PodTemplates.taskManagerPod(gpu.flink());
        JsonNode limits = PodTemplates.flinkContainer(tm).path("resources").path("limits");
        Map<String, String> c = gpu.flinkConfig();
        assertAll(
                // Flink writes the amount into the TaskManager's requests and limits under this name: one setting.
                () -> assertEquals("nvidia.com/gpu", c.get("external-resource.gpu.kubernetes.config-key"),
                        "Flink requests the GPU from Kubernetes itself"),
                () -> assertTrue(limits.path("nvidia.com/gpu").isMissingNode(),
                        "no second GPU limit in the pod template that could disagree with Flink's amount"),
                () -> assertEquals("1", c.get("external-resource.gpu.amount"), "one GPU per TaskManager"),
                () -> assertEquals(c.get("taskmanager.numberOfTaskSlots"), c.get("external-resource.gpu.amount"),
                        "one slot per GPU"),
                () -> assertFalse(tm.path("nodeSelector").isEmpty(), "TaskManagers select GPU nodes"),
                () -> assertTrue(tolerates(tm, "nvidia.com/gpu"), "TaskManagers tolerate the GPU nodes' taint"),
                () -> assertEquals(0, PodTemplates.flinkContainer(PodTemplates.jobManagerPod(gpu.flink()))
                        .path("resources").path("limits").path("nvidia.com/gpu").asInt(), "the JobManager takes no GPU"),
                () -> assertEquals("cuda", gpu.service().getProperty("device")));
    }

    @Test
    void flinksGpuPluginIsConfiguredWithTheScriptTheImageShips() throws Exception {
        Map<String, String> c = gpu.flinkConfig();
        String script = c.get("external-resource.gpu.param.discovery-script.path");
        String dockerfile = Files.readString(Repo.path("worker-image/Dockerfile"));
        assertAll(
                () -> assertEquals("gpu", c.get("external-resources")),
                () -> assertEquals("org.apache.flink.externalresource.gpu.GPUDriverFactory",
                        c.get("external-resource.gpu.driver-factory.class")),
                () -> assertEquals("plugins/external-resource-gpu/nvidia-gpu-discovery.sh", script),
                () -> assertTrue(dockerfile.contains("test -x " + script), "the image build checks the script is there"));
    }

    @Test
    void theModelJobDownloadsIntoTheFolderTheServiceReads() {
        JsonNode job = gpu.manifests().get("Job", "netbend-model-download");
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode command = container.path("command");
        String source = command.get(command.size() - 2).asText();
        String cacheDir = command.get(command.size() - 1).asText();
        JsonNode tm = PodTemplates.taskManagerPod(gpu.flink());
        String tmMount = OverlayChecksTest.mount(PodTemplates.flinkContainer(tm), "models").path("mountPath").asText();
        JsonNode jobMount = OverlayChecksTest.mount(container, "models");
        Properties service = gpu.service();
        assertAll(
                () -> assertTrue(source.startsWith("hf:"), source),
                () -> assertEquals(cacheDir, jobMount.path("mountPath").asText(), "the Job writes into its model mount"),
                () -> assertFalse(jobMount.path("readOnly").asBoolean(false), "the Job's mount is writable"),
                () -> assertEquals(OverlayChecksTest.volume(tm, "models").path("persistentVolumeClaim").path("claimName"),
                        OverlayChecksTest.volume(job.path("spec").path("template").path("spec"), "models")
                                .path("persistentVolumeClaim").path("claimName"), "the same claim"),
                // ModelResolver's layout for hf:OWNER/NAME@REV: CACHE/hf/OWNER--NAME/REV
                () -> assertEquals(tmMount + "/hf/" + hfFolder(source), service.getProperty("model"),
                        "the service's model is the downloaded folder as the TaskManagers see it"),
                () -> assertEquals("ReadWriteMany", gpu.manifests().get("PersistentVolumeClaim", "netbend-models")
                        .path("spec").path("accessModes").get(0).asText(), "TaskManagers on many nodes mount it"),
                () -> assertFalse(gpu.manifests().get("PersistentVolumeClaim", "netbend-models").path("spec")
                        .path("storageClassName").asText().isEmpty(),
                        "the overlay names the ReadWriteMany storage class (a default class is most often ReadWriteOnce)"));
    }

    @Test
    void kafkaIsReplicatedOverThreeNodesWithPersistentStorage() {
        JsonNode pool = gpu.manifests().single("KafkaNodePool");
        assertEquals(3, pool.path("spec").path("replicas").asInt());
        assertEquals("jbod", pool.path("spec").path("storage").path("type").asText());
        assertEquals(2, gpu.kafkaConfig().path("min.insync.replicas").asInt());
    }

    private static String hfFolder(String source) {
        String spec = source.substring("hf:".length());
        int at = spec.indexOf('@');
        String repo = at < 0 ? spec : spec.substring(0, at);
        String revision = at < 0 ? "main" : spec.substring(at + 1);
        return repo.replace("/", "--") + "/" + revision.replace("/", "--");
    }

    private static boolean tolerates(JsonNode podSpec, String taint) {
        for (JsonNode t : podSpec.path("tolerations")) {
            if (t.path("key").asText().equals(taint)) {
                return true;
            }
        }
        return false;
    }
}
