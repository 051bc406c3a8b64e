package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guide's steps work in the order it gives them, as far as that shows without a cluster: its commands are
 * read from docs/operations.md and held against each other and against the rendered overlays.
 */
class GuideTest {
    static final String DELETE_SETUP_JOBS = "kubectl delete job -n netbend -l netbend.org/setup-job=true --ignore-not-found";
    private final Guide guide = read();

    @Test
    void theNamespaceExistsBeforeTheOperatorsThatWatchIt() {
        List<Integer> creates = guide.indexesOf("kubectl create namespace netbend");
        List<Integer> watching = new ArrayList<>();
        for (int i : guide.indexesOf("helm install")) {
            if (guide.commands().get(i).contains("watchNamespaces={netbend}")) {
                watching.add(i);
            }
        }
        assertEquals(1, creates.size(), "the namespace is created once: " + creates);
        assertEquals(2, watching.size(), "the Flink operator and Strimzi watch netbend");
        watching.forEach(i -> assertTrue(creates.get(0) < i,
                "created before: " + guide.commands().get(i)));
    }

    /** A Job's pod template is immutable: every apply first deletes the setup Jobs, which all carry the label. */
    @Test
    void everyApplyCanBeRepeatedWithNewImagesOrCredentials() {
        List<Integer> applies = guide.indexesOf("kubectl apply -k deploy/overlays/");
        assertTrue(applies.size() >= 4, "the guide applies in sections 4, 6 and 7: " + applies);
        for (int i : applies) {
            assertEquals(DELETE_SETUP_JOBS, guide.commands().get(i - 1), "before " + guide.commands().get(i));
            String overlay = guide.commands().get(i).split("\\s+")[3].substring("deploy/overlays/".length());
            assertTrue(guide.commands().get(i).endsWith("-n netbend"), guide.commands().get(i));
            for (JsonNode job : Overlay.of(overlay).manifests().ofKind("Job")) {
                assertEquals("true", job.path("metadata").path("labels").path("netbend.org/setup-job").asText(),
                        Manifests.id(job) + " in " + overlay + " is not deleted before an apply");
            }
        }
    }

    @Test
    void whatTheGuideWaitsForAndReadsIsWhatTheOverlaysCreate() {
        Pattern object = Pattern.compile("\\b(kafka|kafkauser|job)/([a-z0-9.-]+)");
        List<String> problems = new ArrayList<>();
        for (int i : guide.indexesOf("kubectl wait -n netbend")) {
            Matcher m = object.matcher(guide.commands().get(i));
            while (m.find()) {
                String kind = switch (m.group(1)) {
                    case "kafka" -> "Kafka";
                    case "kafkauser" -> "KafkaUser";
                    default -> "Job";
                };
                if (Overlay.of("gpu").manifests().find(kind, m.group(2)).isEmpty()) {
                    problems.add(guide.commands().get(i) + ": gpu has no " + kind + " " + m.group(2));
                }
            }
        }
        Matcher secrets = Pattern.compile("kubectl get secret -n netbend ([a-z0-9-]+)").matcher(guide.text());
        int secretsRead = 0;
        while (secrets.find()) {
            secretsRead++;
            if (Overlay.of("dev").manifests().find("KafkaUser", secrets.group(1)).isEmpty()) {
                problems.add("the guide reads Secret " + secrets.group(1) + ", which no KafkaUser makes");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(secretsRead >= 1, "the guide shows where the submitter's login comes from");
        assertTrue(guide.text().contains("deploy/netbend-client"));
        Overlay.of("dev").manifests().get("Deployment", "netbend-client");
    }

    /** REST is open to the operator's namespace: the one the guide installs it into. */
    @Test
    void flinksRestIsOpenToTheNamespaceTheOperatorIsInstalledIn() {
        String install = guide.commands().stream().filter(c -> c.startsWith("helm install flink-kubernetes-operator"))
                .findFirst().orElseThrow();
        Matcher ns = Pattern.compile("--namespace (\\S+)").matcher(install);
        assertTrue(ns.find(), install);
        JsonNode policy = Overlay.of("gpu").manifests().get("NetworkPolicy", "netbend-flink");
        List<String> allowed = new ArrayList<>();
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            for (JsonNode from : rule.path("from")) {
                JsonNode name = from.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name");
                if (!name.isMissingNode()) {
                    allowed.add(name.asText());
                    assertEquals("8081", rule.path("ports").get(0).path("port").asText(), "only the REST port");
                }
            }
        }
        assertEquals(List.of(ns.group(1)), allowed);
    }

    @Test
    void everyFileTheGuideLinksExists() {
        Matcher link = Pattern.compile("\\]\\(\\.\\./([^)#]+)").matcher(guide.text());
        List<String> missing = new ArrayList<>();
        int links = 0;
        while (link.find()) {
            links++;
            if (!Files.exists(Repo.path(link.group(1)))) {
                missing.add(link.group(1));
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(links >= 10, "links found: " + links);
        assertFalse(guide.commands().isEmpty());
    }

    private static Guide read() {
        try {
            return Guide.read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
