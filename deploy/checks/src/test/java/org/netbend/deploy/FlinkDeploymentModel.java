package org.netbend.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import java.util.Map;

/**
 * A typed model of the FlinkDeployment resource (flink.apache.org/v1beta1), field for field as the Flink
 * Kubernetes Operator 1.15 defines it (flink-kubernetes-operator-api, FlinkDeploymentSpec and what it holds).
 * The operator's own API jar is not on Maven Central in a version that knows Flink 2.x (the newest there,
 * 1.10.0, stops at v1_20), so these records stand in for it. Read with FAIL_ON_UNKNOWN_PROPERTIES: a field the
 * operator does not have fails the check; the pod templates are fabric8 models, checked by {@link UnknownFields}.
 */
record FlinkDeploymentModel(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(JobSpec job, Long restartNonce, Map<String, String> flinkConfiguration, String image,
                String imagePullPolicy, String serviceAccount, FlinkVersion flinkVersion, IngressSpec ingress,
                PodTemplateSpec podTemplate, JobManagerSpec jobManager, TaskManagerSpec taskManager,
                Map<String, String> logConfiguration, Mode mode) { }

    record JobSpec(String jarURI, Integer parallelism, String entryClass, List<String> args, JobState state,
                   Long savepointTriggerNonce, String initialSavepointPath, Long checkpointTriggerNonce,
                   UpgradeMode upgradeMode, Boolean allowNonRestoredState, Long savepointRedeployNonce,
                   Long autoscalerResetNonce) { }

    record JobManagerSpec(Resource resource, Integer replicas, PodTemplateSpec podTemplate) { }

    record TaskManagerSpec(Resource resource, Integer replicas, PodTemplateSpec podTemplate) { }

    record Resource(Double cpu, String memory, String ephemeralStorage) { }

    record IngressSpec(String template, String className, Map<String, String> annotations,
                       Map<String, String> labels, List<IngressTLS> tls) { }

    /** The operator's FlinkVersion values that its released CRD accepts (OperatorCrdTest holds the rest). */
    enum FlinkVersion { v1_17, v1_18, v1_19, v1_20, v2_0, v2_1, v2_2 }

    enum Mode { @JsonProperty("native") NATIVE, @JsonProperty("standalone") STANDALONE }

    enum UpgradeMode { @JsonProperty("savepoint") SAVEPOINT, @JsonProperty("last-state") LAST_STATE,
        @JsonProperty("stateless") STATELESS }

    enum JobState { @JsonProperty("running") RUNNING, @JsonProperty("suspended") SUSPENDED }
}
