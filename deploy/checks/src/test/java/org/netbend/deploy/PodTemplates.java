package org.netbend.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pod specs an overlay will run. For a FlinkDeployment this is the operator's merge of the common pod
 * template with the jobManager or taskManager one, lists merged by name
 * (kubernetes.operator.pod-template.merge-arrays-by-name: true, which the base sets and a check requires).
 */
final class PodTemplates {
    private PodTemplates() { }

    static JsonNode taskManagerPod(JsonNode flinkDeployment) {
        return merged(flinkDeployment, "taskManager");
    }

    static JsonNode jobManagerPod(JsonNode flinkDeployment) {
        return merged(flinkDeployment, "jobManager");
    }

    /** The main container of a Flink pod. */
    static JsonNode flinkContainer(JsonNode podSpec) {
        for (JsonNode c : podSpec.path("containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                return c;
            }
        }
        throw new AssertionError("no flink-main-container in the pod template");
    }

    /** Every pod spec of an overlay, named for messages: Deployments, Jobs, and the Flink JobManager and TaskManager. */
    static Map<String, JsonNode> all(Manifests m) {
        Map<String, JsonNode> pods = new java.util.TreeMap<>();
        for (String kind : List.of("Deployment", "Job")) {
            for (JsonNode o : m.ofKind(kind)) {
                pods.put(Manifests.id(o), o.path("spec").path("template").path("spec"));
            }
        }
        for (JsonNode f : m.ofKind("FlinkDeployment")) {
            pods.put(Manifests.id(f) + " JobManager", jobManagerPod(f));
            pods.put(Manifests.id(f) + " TaskManager", taskManagerPod(f));
        }
        return pods;
    }

    static List<JsonNode> containers(JsonNode podSpec) {
        List<JsonNode> all = new ArrayList<>();
        podSpec.path("initContainers").forEach(all::add);
        podSpec.path("containers").forEach(all::add);
        return all;
    }

    private static JsonNode merged(JsonNode flinkDeployment, String role) {
        JsonNode spec = flinkDeployment.path("spec");
        JsonNode common = spec.path("podTemplate").path("spec");
        JsonNode specific = spec.path(role).path("podTemplate").path("spec");
        JsonNode base = common.isMissingNode() ? JsonNodeFactory.instance.objectNode() : common.deepCopy();
        return specific.isMissingNode() ? base : merge(base, specific);
    }

    private static JsonNode merge(JsonNode base, JsonNode over) {
        if (base.isObject() && over.isObject()) {
            ObjectNode out = (ObjectNode) base.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode existing = out.get(e.getKey());
                out.set(e.getKey(), existing == null ? e.getValue().deepCopy() : merge(existing, e.getValue()));
            }
            return out;
        }
        if (base.isArray() && over.isArray()) {
            ArrayNode out = (ArrayNode) base.deepCopy();
            for (JsonNode item : over) {
                int match = -1;
                for (int i = 0; i < out.size(); i++) {
                    if (item.has("name") && item.path("name").equals(out.get(i).path("name"))) {
                        match = i;
                    }
                }
                if (match >= 0) {
                    out.set(match, merge(out.get(match), item));
                } else {
                    out.add(item.deepCopy());
                }
            }
            return out;
        }
        return over.deepCopy();
    }
}
