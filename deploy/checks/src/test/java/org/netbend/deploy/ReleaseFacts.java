package org.netbend.deploy;

import java.util.List;
import java.util.Map;

/**
 * Facts of the operator releases docs/operations.md installs that no package on Maven Central carries, each with
 * where it was read. Tests hold the manifests, the docs and the checks' own versions to them.
 */
final class ReleaseFacts {
    /** The Flink Kubernetes Operator release the guide installs (root pom: flink-operator.release). */
    static final String FLINK_OPERATOR_RELEASE = "1.15.0";

    /**
     * The {@code flinkVersion} values the FlinkDeployment CRD of operator release 1.15.0 accepts: the enum in
     * helm/flink-kubernetes-operator/crds/flinkdeployments.flink.apache.org-v1.yml at tag release-1.15.0 of
     * apache/flink-kubernetes-operator. The release's Java enum FlinkVersion also has v2_3 and v2_4, but the CRD
     * YAML was not regenerated for it, so the API server rejects them.
     */
    static final List<String> OPERATOR_FLINK_VERSIONS = List.of(
            "v1_13", "v1_14", "v1_15", "v1_16", "v1_17", "v1_18", "v1_19", "v1_20", "v2_0", "v2_1", "v2_2");

    /**
     * The one field of {@code spec.job} that release 1.15.0's CRD has and the 1.10.0 API jar's lacks (the same
     * file compared with the jar's META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml; outside the pod
     * templates nothing else was added or removed). 1.15.0 also accepts nested YAML in flinkConfiguration, where
     * 1.10.0 takes strings only: the stricter rule holds for both.
     */
    static final Map<String, String> OPERATOR_JOB_FIELDS_ADDED = Map.of("autoscalerResetNonce", "integer");

    /** The Strimzi release the guide installs; also the io.strimzi:api version of the typed model (root pom). */
    static final String STRIMZI_RELEASE = "0.51.0";

    /**
     * Kafka versions Strimzi 0.51.0 supports, with their KRaft metadata level: the entries with
     * {@code supported: true} in kafka-versions.yaml at tag 0.51.0 of strimzi/strimzi-kafka-operator. (4.2.1 came
     * with Strimzi 1.1.0.)
     */
    static final Map<String, String> STRIMZI_KAFKA_VERSIONS = Map.of("4.1.0", "4.1", "4.1.1", "4.1", "4.2.0", "4.2");

    private ReleaseFacts() { }
}
