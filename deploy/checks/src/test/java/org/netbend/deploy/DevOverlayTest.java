package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The dev overlay: no GPU anywhere, the toy model, one Kafka node, SeaweedFS in the namespace. */
class DevOverlayTest {
    private final Overlay dev = Overlay.of("dev");

    @Test
    void nothingAsksForAGpu() {
        assertAll(
                () -> assertFalse(dev.manifests().objects().toString().contains("nvidia.com/gpu"), "no GPU limit or toleration"),
                () -> assertFalse(dev.flinkConfig().containsKey("external-resources")),
                () -> assertEquals("cpu", dev.service().getProperty("device")),
                () -> assertEquals("toy", dev.service().getProperty("model")),
                () -> assertTrue(dev.manifests().find("Job", "netbend-model-download").isEmpty(), "the toy model needs no download"),
                () -> assertTrue(dev.flink().path("spec").path("image").asText().endsWith("-cpu"), "the CPU image"));
    }

    @Test
    void oneSmallKafkaNodeAndTheS3ServerTheEndpointNames() {
        assertEquals(1, dev.kafkaNodes());
        assertEquals("ephemeral", dev.manifests().single("KafkaNodePool").path("spec").path("storage").path("type").asText());
        String endpoint = dev.endpoint();
        String service = endpoint.replaceFirst("^http://", "").replaceFirst(":\\d+$", "");
        int port = Integer.parseInt(endpoint.replaceFirst(".*:", ""));
        assertEquals(port, dev.manifests().get("Service", service).path("spec").path("ports").get(0).path("port").asInt());
        assertTrue(dev.manifests().get("Deployment", service).toString().contains("-s3.config="), "SeaweedFS with S3 identities");
    }

    @Test
    void theDevServiceConfigurationHasTheSameKeysAsTheCommittedOne() throws IOException {
        Properties base = load("configs/service/netbend-service.properties");
        Properties dev = load("deploy/overlays/dev/service-dev.properties");
        assertEquals(base.stringPropertyNames(), dev.stringPropertyNames());
    }

    private static Properties load(String path) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Repo.path(path))) {
            p.load(r);
        }
        return p;
    }
}
