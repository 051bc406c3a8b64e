package org.netbend.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads rendered objects into the typed model of their kind and reports every field the model does not know. */
final class TypedModels {
    /** Every apiVersion and kind the overlays may contain, with its model. Anything else fails the check. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry("flink.apache.org/v1beta1/FlinkDeployment", FlinkDeploymentModel.class));

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private TypedModels() { }

    /** The problems of one object: an unknown kind, a field of the wrong type, an unknown or dropped field. */
    static List<String> problems(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        Class<?> type = KINDS.get(key);
        if (type == null) {
            return List.of(Manifests.id(object) + ": no typed model for " + key);
        }
        Object typed;
        try {
            typed = MAPPER.treeToValue(object, type);
        } catch (Exception e) {
            return List.of(Manifests.id(object) + ": not a valid " + key + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new ArrayList<>();
        for (String path : UnknownFields.in(typed)) {
            problems.add(Manifests.id(object) + ": unknown field " + path);
        }
        for (String path : UnknownFields.dropped(object, MAPPER.valueToTree(typed))) {
            problems.add(Manifests.id(object) + ": field " + path + " is not part of " + type.getSimpleName());
        }
        return problems;
    }

    static <T> T read(JsonNode object, Class<T> type) {
        try {
            return MAPPER.treeToValue(object, type);
        } catch (Exception e) {
            throw new AssertionError(Manifests.id(object) + ": " + e.getMessage(), e);
        }
    }
}
