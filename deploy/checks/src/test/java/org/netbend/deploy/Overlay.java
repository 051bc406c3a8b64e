package org.netbend.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** One rendered overlay and the values the checks compare across its objects. Rendered once per test run. */
record Overlay(String name, Manifests manifests) {
    private static final Map<String, Overlay> RENDERED = new ConcurrentHashMap<>();

    static Overlay of(String name) {
        return RENDERED.computeIfAbsent(name, n -> {
            try {
                return new Overlay(n, Manifests.render(n));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    JsonNode flink() {
        return manifests.single("FlinkDeployment");
    }

    Map<String, String> flinkConfig() {
        Map<String, String> config = new HashMap<>();
        flink().path("spec").path("flinkConfiguration").fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    /** The service configuration file as the pods see it (the generated netbend-service ConfigMap). */
    Properties service() {
        JsonNode map = manifests.generated("ConfigMap", "netbend-service");
        String text = map.path("data").path("netbend-service.properties").asText();
        if (text.isEmpty()) {
            throw new AssertionError(name + ": netbend-service has no netbend-service.properties");
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return p;
    }

    String endpoint() {
        return manifests.generated("ConfigMap", "netbend-endpoints").path("data").path("s3-endpoint").asText();
    }

    int kafkaNodes() {
        int nodes = 0;
        for (JsonNode pool : manifests.ofKind("KafkaNodePool")) {
            nodes += pool.path("spec").path("replicas").asInt();
        }
        return nodes;
    }

    JsonNode kafkaConfig() {
        return manifests.single("Kafka").path("spec").path("kafka").path("config");
    }
}
