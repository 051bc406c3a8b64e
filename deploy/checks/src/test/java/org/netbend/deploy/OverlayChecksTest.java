package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What every overlay must hold, whatever cluster it is for. */
class OverlayChecksTest {
    static final List<String> OVERLAYS = Kustomize.OVERLAYS;
    static final Set<String> TOPICS = Set.of("netbend.requests", "netbend.progress", "netbend.results");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passwd|token|access_key|private).*");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void flinkRunsTheServiceJobInApplicationModeWithLastStateUpgrades(String name) {
        JsonNode spec = Overlay.of(name).flink().path("spec");
        JsonNode job = spec.path("job");
        assertAll(
                () -> assertEquals("flink.apache.org/v1beta1", Overlay.of(name).flink().path("apiVersion").asText()),
                () -> assertEquals("native", spec.path("mode").asText()),
                // The newest value the released operator's CRD accepts (it runs the Flink 2.3 image alike).
                () -> assertEquals(ReleaseFacts.OPERATOR_FLINK_VERSIONS.get(ReleaseFacts.OPERATOR_FLINK_VERSIONS.size() - 1),
                        spec.path("flinkVersion").asText()),
                () -> assertEquals("local:///opt/flink/usrlib/netbend-job.jar", job.path("jarURI").asText()),
                () -> assertEquals("org.netbend.service.ServiceJob", job.path("entryClass").asText()),
                () -> assertEquals("last-state", job.path("upgradeMode").asText()),
                () -> assertEquals("running", job.path("state").asText()),
                () -> assertTrue(job.path("parallelism").asInt() >= 1));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void flinkConfigurationUsesOnlyKnownOptionsWithValidValues(String name) {
        assertEquals(List.of(), FlinkOptions.problems(Overlay.of(name).flinkConfig()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void checkpointsSavepointsAndHaLiveInTheBucketWithKubernetesHa(String name) throws Exception {
        Overlay o = Overlay.of(name);
        Map<String, String> c = o.flinkConfig();
        String bucket = env(o.manifests().get("Job", "netbend-create-bucket"), "BUCKET");
        String prefix = "s3://" + bucket + "/";
        assertAll(
                () -> assertEquals("kubernetes", c.get("high-availability.type")),
                () -> assertTrue(c.get("high-availability.storageDir").startsWith(prefix), c.get("high-availability.storageDir")),
                () -> assertTrue(c.get("execution.checkpointing.dir").startsWith(prefix), c.get("execution.checkpointing.dir")),
                () -> assertTrue(c.get("execution.checkpointing.savepoint-dir").startsWith(prefix)),
                () -> assertEquals("RETAIN_ON_CANCELLATION", c.get("execution.checkpointing.externalized-checkpoint-retention")),
                () -> assertEquals("EXACTLY_ONCE", c.get("execution.checkpointing.mode")),
                () -> assertTrue(o.service().getProperty("store").startsWith(prefix), "the store is in the bucket the Job creates"),
                () -> assertEquals(o.endpoint(), c.get("s3.endpoint"), "Flink's S3 endpoint and NETBEND_S3_ENDPOINT"),
                () -> assertNotNull(c.get("restart-strategy.type")),
                () -> assertEquals("org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                        c.get("metrics.reporter.prom.factory.class")),
                () -> assertEquals("true", c.get("kubernetes.operator.pod-template.merge-arrays-by-name")),
                () -> assertEquals("1", c.get("taskmanager.numberOfTaskSlots")));
        // The reporter class really is Flink 2.3's (flink-metrics-prometheus on the test class path).
        Class.forName(c.get("metrics.reporter.prom.factory.class"));
        int metricsPort = Integer.parseInt(c.get("metrics.reporter.prom.port"));
        assertTrue(ports(PodTemplates.flinkContainer(PodTemplates.taskManagerPod(o.flink()))).contains(metricsPort),
                "the TaskManager container declares the Prometheus port");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafkaHasTheThreeTopicsWithRetentionAndConsistentTransactionTimeouts(String name) {
        Overlay o = Overlay.of(name);
        Properties service = o.service();
        int nodes = o.kafkaNodes();
        Set<String> topics = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode t : o.manifests().ofKind("KafkaTopic")) {
            JsonNode spec = t.path("spec");
            topics.add(spec.path("topicName").asText());
            if (!spec.path("config").has("retention.ms")) {
                problems.add(Manifests.id(t) + " has no retention.ms");
            }
            if (spec.path("replicas").asInt() > nodes) {
                problems.add(Manifests.id(t) + " wants " + spec.path("replicas").asInt() + " replicas on " + nodes + " nodes");
            }
            int minIsr = spec.path("config").path("min.insync.replicas").asInt(o.kafkaConfig().path("min.insync.replicas").asInt(1));
            if (minIsr > spec.path("replicas").asInt()) {
                problems.add(Manifests.id(t) + ": min.insync.replicas " + minIsr + " > replicas");
            }
            if (!t.path("metadata").path("labels").path("strimzi.io/cluster").asText().equals(Manifests.name(o.manifests().single("Kafka")))) {
                problems.add(Manifests.id(t) + " is not labelled for the Kafka cluster");
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(TOPICS, topics);
        assertEquals(TOPICS, Set.of(service.getProperty("kafka.topic.requests"), service.getProperty("kafka.topic.progress"),
                service.getProperty("kafka.topic.results")), "the service reads and writes the topics Strimzi creates");
        assertTrue(service.getProperty("kafka.bootstrap.servers").startsWith(Manifests.name(o.manifests().single("Kafka")) + "-kafka-bootstrap:"));

        JsonNode broker = o.kafkaConfig();
        long brokerMax = broker.path("transaction.max.timeout.ms").asLong();
        long producer = Long.parseLong(service.getProperty("kafka.transaction.timeout.ms"));
        Configuration flink = Configuration.fromMap(o.flinkConfig());
        Duration checkpointCycle = flink.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)
                .plus(flink.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT));
        assertAll(
                () -> assertTrue(brokerMax > 0, "the broker sets transaction.max.timeout.ms"),
                () -> assertTrue(producer <= brokerMax, "producer transaction.timeout.ms " + producer
                        + " must not exceed the broker's transaction.max.timeout.ms " + brokerMax),
                () -> assertTrue(producer > checkpointCycle.toMillis(), "a transaction must outlive a checkpoint interval"
                        + " plus the checkpoint timeout (" + checkpointCycle + "), or a slow checkpoint aborts it"),
                () -> assertTrue(broker.path("transaction.state.log.replication.factor").asInt() <= nodes),
                () -> assertTrue(broker.path("transaction.state.log.min.isr").asInt()
                        <= broker.path("transaction.state.log.replication.factor").asInt()),
                () -> assertTrue(broker.path("offsets.topic.replication.factor").asInt() <= nodes),
                () -> assertFalse(broker.path("auto.create.topics.enable").asBoolean(true), "topics come from KafkaTopic only"));
        JsonNode pool = o.manifests().single("KafkaNodePool");
        assertTrue(rolesOf(pool).containsAll(Set.of("controller", "broker")), "KRaft: the pool holds the controllers");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void taskManagersMountTheModelVolumeReadOnly(String name) {
        Overlay o = Overlay.of(name);
        JsonNode tm = PodTemplates.taskManagerPod(o.flink());
        JsonNode mount = mount(PodTemplates.flinkContainer(tm), "models");
        JsonNode volume = volume(tm, "models");
        String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
        assertAll(
                () -> assertTrue(mount.path("readOnly").asBoolean(), "the TaskManager's model mount is readOnly"),
                () -> assertTrue(volume.path("persistentVolumeClaim").path("readOnly").asBoolean(), "the claim is mounted readOnly"),
                () -> assertTrue(o.manifests().find("PersistentVolumeClaim", claim).isPresent(), "claim " + claim + " exists"),
                () -> assertTrue(o.manifests().find("PersistentVolumeClaim", claim).get().path("spec").path("accessModes").size() > 0));
        JsonNode jm = PodTemplates.jobManagerPod(o.flink());
        assertFalse(hasMount(PodTemplates.flinkContainer(jm), "models"), "only TaskManagers load the model");
        // Common mounts survive the merge with the TaskManager template.
        assertTrue(hasMount(PodTemplates.flinkContainer(tm), "service-config"));
        assertTrue(hasMount(PodTemplates.flinkContainer(tm), "cache"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodRunsAsNonRootWithoutPrivilegeEscalation(String name) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> pod : PodTemplates.all(Overlay.of(name).manifests()).entrySet()) {
            JsonNode podSecurity = pod.getValue().path("securityContext");
            for (JsonNode c : PodTemplates.containers(pod.getValue())) {
                JsonNode sc = c.path("securityContext");
                String where = pod.getKey() + " container " + c.path("name").asText();
                boolean nonRoot = sc.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false));
                long uid = sc.path("runAsUser").asLong(podSecurity.path("runAsUser").asLong(0));
                if (!nonRoot || uid == 0) {
                    problems.add(where + ": runAsNonRoot " + nonRoot + ", runAsUser " + uid);
                }
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + ": allowPrivilegeEscalation is not false");
                }
                if (!sc.path("capabilities").path("drop").toString().contains("ALL")) {
                    problems.add(where + ": does not drop all capabilities");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyImageIsPinnedAndEveryReferenceResolves(String name) {
        Manifests m = Overlay.of(name).manifests();
        List<String> problems = new ArrayList<>();
        List<String> images = new ArrayList<>();
        images.add(Overlay.of(name).flink().path("spec").path("image").asText());
        for (JsonNode pod : PodTemplates.all(m).values()) {
            PodTemplates.containers(pod).forEach(c -> images.add(c.path("image").asText()));
        }
        for (String image : images) {
            if (!image.isEmpty() && !Images.isPinned(image)) {
                problems.add("image not pinned to an exact tag or digest: " + image);
            }
        }
        for (Map.Entry<String, JsonNode> pod : PodTemplates.all(m).entrySet()) {
            for (JsonNode ref : pod.getValue().findValues("configMapKeyRef")) {
                requireExists(m, "ConfigMap", ref.path("name").asText(), pod.getKey(), problems);
            }
            for (JsonNode ref : pod.getValue().findValues("secretKeyRef")) {
                requireExists(m, "Secret", ref.path("name").asText(), pod.getKey(), problems);
            }
            for (JsonNode v : pod.getValue().path("volumes")) {
                if (v.has("configMap")) {
                    requireExists(m, "ConfigMap", v.path("configMap").path("name").asText(), pod.getKey(), problems);
                }
                if (v.has("persistentVolumeClaim")) {
                    requireExists(m, "PersistentVolumeClaim", v.path("persistentVolumeClaim").path("claimName").asText(),
                            pod.getKey(), problems);
                }
            }
        }
        requireExists(m, "ServiceAccount", Overlay.of(name).flink().path("spec").path("serviceAccount").asText(), "FlinkDeployment", problems);
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretValueIsInTheManifests(String name) {
        Manifests m = Overlay.of(name).manifests();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> pod : PodTemplates.all(m).entrySet()) {
            for (JsonNode c : PodTemplates.containers(pod.getValue())) {
                for (JsonNode env : c.path("env")) {
                    if (SECRET_NAME.matcher(env.path("name").asText()).matches() && env.has("value")) {
                        problems.add(pod.getKey() + ": " + env.path("name").asText() + " has a literal value; use a secretKeyRef");
                    }
                }
            }
        }
        // The only Secret is the one generated from the operator's file; rendered from the example, it holds
        // placeholders, so the committed example carries no real credential.
        for (JsonNode secret : m.ofKind("Secret")) {
            assertTrue(Manifests.name(secret).startsWith("netbend-credentials-"), "unexpected Secret " + Manifests.id(secret));
            secret.path("data").fields().forEachRemaining(e -> {
                String value = new String(java.util.Base64.getDecoder().decode(e.getValue().asText()));
                if (SECRET_NAME.matcher(e.getKey()).matches() && !value.isEmpty() && !value.startsWith("CHANGE_ME")) {
                    problems.add("credentials.env.example holds a value for " + e.getKey());
                }
            });
        }
        for (JsonNode map : m.ofKind("ConfigMap")) {
            String text = map.path("data").toString();
            if (Pattern.compile("(?i)(secret[_-]?key|password|AKIA[0-9A-Z]{16})\\s*[=:]").matcher(text).find()) {
                problems.add(Manifests.id(map) + " looks like it holds a credential");
            }
        }
        assertEquals(List.of(), problems);
    }

    static String env(JsonNode object, String name) {
        for (JsonNode c : object.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode e : c.path("env")) {
                if (e.path("name").asText().equals(name)) {
                    return e.path("value").asText();
                }
            }
        }
        throw new AssertionError(Manifests.id(object) + " has no env " + name);
    }

    static JsonNode mount(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals(volume)) {
                return m;
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " does not mount " + volume);
    }

    static boolean hasMount(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals(volume)) {
                return true;
            }
        }
        return false;
    }

    static JsonNode volume(JsonNode podSpec, String name) {
        for (JsonNode v : podSpec.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("pod has no volume " + name);
    }

    private static Set<Integer> ports(JsonNode container) {
        Set<Integer> ports = new HashSet<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        return ports;
    }

    private static Set<String> rolesOf(JsonNode pool) {
        Set<String> roles = new HashSet<>();
        pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static void requireExists(Manifests m, String kind, String name, String where, List<String> problems) {
        // Strimzi's user operator writes a Secret named after each KafkaUser (its password and JAAS line).
        boolean writtenByStrimzi = kind.equals("Secret") && m.find("KafkaUser", name).isPresent();
        if (m.find(kind, name).isEmpty() && !writtenByStrimzi) {
            problems.add(where + " refers to " + kind + " " + name + ", which the overlay does not create");
        }
    }
}
