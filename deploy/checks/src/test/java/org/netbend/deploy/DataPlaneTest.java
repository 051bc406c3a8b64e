package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The safe default data plane: no pod takes a connection unless a policy allows it, Kafka asks every client for a
 * login and checks its ACLs, and each client (the service's pods, the dev client) has the login and the label it
 * needs, with the login's secret only ever referenced.
 */
class DataPlaneTest {
    static final List<String> OVERLAYS = Kustomize.OVERLAYS;
    static final String KAFKA_CLIENT = "netbend.org/kafka-client";
    static final String STORE_CLIENT = "netbend.org/store-client";
    static final String JAAS_VARIABLE = "NETBEND_KAFKA_PROP_SASL_JAAS_CONFIG";

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodIsClosedUnlessAPolicyOpensIt(String overlay) {
        Manifests m = Overlay.of(overlay).manifests();
        JsonNode deny = m.get("NetworkPolicy", "netbend-default-deny-ingress").path("spec");
        JsonNode flink = m.get("NetworkPolicy", "netbend-flink").path("spec");
        assertAll(
                () -> assertTrue(deny.path("podSelector").isEmpty(), "selects every pod"),
                () -> assertEquals("[\"Ingress\"]", deny.path("policyTypes").toString()),
                () -> assertTrue(deny.path("ingress").isMissingNode(), "allows nothing"),
                // Flink's native labels: app = the FlinkDeployment's name (the cluster id).
                () -> assertEquals(Manifests.name(Overlay.of(overlay).flink()),
                        flink.path("podSelector").path("matchLabels").path("app").asText()),
                () -> assertEquals("flink-native-kubernetes",
                        flink.path("podSelector").path("matchLabels").path("type").asText()));
        if (overlay.equals("dev")) {
            JsonNode s3 = m.get("NetworkPolicy", "netbend-s3").path("spec");
            assertEquals("true", s3.path("ingress").get(0).path("from").get(0).path("podSelector")
                    .path("matchLabels").path(STORE_CLIENT).asText());
            assertEquals(Set.of("netbend-create-bucket", "netbend-client", "flink"), podsLabelled(overlay, STORE_CLIENT),
                    "what reaches the store");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafkaAsksEveryClientForALoginAndOnlyLabelledPodsReachIt(String overlay) {
        JsonNode kafka = Overlay.of(overlay).manifests().single("Kafka").path("spec");
        assertEquals("simple", kafka.path("kafka").path("authorization").path("type").asText());
        assertTrue(kafka.path("entityOperator").has("userOperator"), "the user operator makes the logins");
        for (JsonNode listener : kafka.path("kafka").path("listeners")) {
            assertAll(listener.path("name").asText(),
                    () -> assertEquals("scram-sha-512", listener.path("authentication").path("type").asText()),
                    () -> assertEquals("true", listener.path("networkPolicyPeers").get(0).path("podSelector")
                            .path("matchLabels").path(KAFKA_CLIENT).asText()));
        }
        Set<String> expected = overlay.equals("dev") ? Set.of("flink", "netbend-client") : Set.of("flink");
        assertEquals(expected, podsLabelled(overlay, KAFKA_CLIENT));
    }

    /** The service logs in as netbend-service, whose ACLs cover what the service's configuration uses. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theServiceLogsInWithAUserAllowedWhatItDoes(String overlay) {
        Overlay o = Overlay.of(overlay);
        Properties service = o.service();
        JsonNode tm = PodTemplates.flinkContainer(PodTemplates.taskManagerPod(o.flink()));
        JsonNode jm = PodTemplates.flinkContainer(PodTemplates.jobManagerPod(o.flink()));
        String user = secretOf(tm, JAAS_VARIABLE);
        JsonNode acls = o.manifests().get("KafkaUser", user).path("spec").path("authorization").path("acls");
        assertAll(
                () -> assertEquals(user, secretOf(jm, JAAS_VARIABLE), "the JobManager builds the job with the same login"),
                () -> assertEquals("SASL_PLAINTEXT", service.getProperty("kafka.client.security.protocol"),
                        "the bootstrap port " + service.getProperty("kafka.bootstrap.servers") + " is the listener without TLS"),
                () -> assertTrue(service.getProperty("kafka.bootstrap.servers").endsWith(":9092")),
                () -> assertEquals("SCRAM-SHA-512", service.getProperty("kafka.client.sasl.mechanism")),
                () -> assertTrue(allows(acls, "topic", service.getProperty("kafka.topic.requests"), "Read")),
                () -> assertTrue(allows(acls, "topic", service.getProperty("kafka.topic.progress"), "Write")),
                () -> assertTrue(allows(acls, "topic", service.getProperty("kafka.topic.results"), "Write")),
                // ServiceSettings' defaults: the configuration names neither.
                () -> assertTrue(allows(acls, "group", "netbend-service", "Read")),
                () -> assertTrue(allows(acls, "transactionalId", "netbend-results-0", "Write")),
                () -> assertTrue(!allows(acls, "topic", service.getProperty("kafka.topic.requests"), "Write"),
                        "the service never writes requests"));
    }

    /** The dev client logs in as netbend-submitter through the Kafka settings the CLI passes through. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void submittersMayWriteRequestsAndReadAnswersOnly(String overlay) {
        JsonNode acls = Overlay.of(overlay).manifests().get("KafkaUser", "netbend-submitter").path("spec")
                .path("authorization").path("acls");
        assertAll(
                () -> assertTrue(allows(acls, "topic", "netbend.requests", "Write")),
                () -> assertTrue(allows(acls, "topic", "netbend.progress", "Read")),
                () -> assertTrue(allows(acls, "topic", "netbend.results", "Read")),
                () -> assertTrue(!allows(acls, "topic", "netbend.results", "Write"), "no forged results"),
                () -> assertTrue(!allows(acls, "topic", "netbend.requests", "Read"), "no reading others' requests"));
        if (overlay.equals("dev")) {
            JsonNode client = Overlay.of(overlay).manifests().get("Deployment", "netbend-client")
                    .path("spec").path("template").path("spec").path("containers").get(0);
            Map<String, String> env = new java.util.HashMap<>();
            client.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            assertAll(
                    () -> assertEquals("netbend-submitter", secretOf(client, JAAS_VARIABLE)),
                    () -> assertEquals("SASL_PLAINTEXT", env.get("NETBEND_KAFKA_PROP_SECURITY_PROTOCOL")),
                    () -> assertEquals("SCRAM-SHA-512", env.get("NETBEND_KAFKA_PROP_SASL_MECHANISM")),
                    () -> assertEquals(Overlay.of(overlay).service().getProperty("kafka.bootstrap.servers"),
                            env.get("NETBEND_KAFKA_BOOTSTRAP")));
        }
    }

    /** Kafka's rule for a resource: a literal name, or a prefix of it, with the operation listed. */
    static boolean allows(JsonNode acls, String type, String name, String operation) {
        for (JsonNode acl : acls) {
            JsonNode resource = acl.path("resource");
            boolean prefix = resource.path("patternType").asText("literal").equals("prefix");
            boolean matches = prefix ? name.startsWith(resource.path("name").asText())
                    : name.equals(resource.path("name").asText());
            boolean listed = false;
            for (JsonNode op : acl.path("operations")) {
                listed |= op.asText().equals(operation);
            }
            if (resource.path("type").asText().equals(type) && matches && listed) {
                return true;
            }
        }
        return false;
    }

    private static String secretOf(JsonNode container, String variable) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(variable)) {
                return e.path("valueFrom").path("secretKeyRef").path("name").asText();
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no " + variable);
    }

    /** The workloads whose pods carry {@code label: "true"} ("flink" for the FlinkDeployment's pods). */
    private static Set<String> podsLabelled(String overlay, String label) {
        Manifests m = Overlay.of(overlay).manifests();
        Set<String> names = new HashSet<>();
        for (String kind : List.of("Deployment", "Job")) {
            for (JsonNode w : m.ofKind(kind)) {
                if (w.path("spec").path("template").path("metadata").path("labels").path(label).asText().equals("true")) {
                    names.add(Manifests.name(w));
                }
            }
        }
        if (Overlay.of(overlay).flink().path("spec").path("podTemplate").path("metadata").path("labels")
                .path(label).asText().equals("true")) {
            names.add("flink");
        }
        return names;
    }
}
