package org.netbend.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.configuration.ExternalResourceOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * Checks a FlinkDeployment's flinkConfiguration against Flink 2.3's own option definitions: every key must be
 * an option Flink (or the operator, or a plugin we ship) knows, and every value must parse as that option's type
 * (a duration, a number, an enum value).
 */
final class FlinkOptions {
    private static final List<Class<?>> OPTION_CLASSES = List.of(CheckpointingOptions.class, StateBackendOptions.class,
            StateRecoveryOptions.class, HighAvailabilityOptions.class, RestartStrategyOptions.class,
            TaskManagerOptions.class, JobManagerOptions.class, MetricOptions.class, ExternalResourceOptions.class,
            CoreOptions.class, RestOptions.class, RpcOptions.class, BlobServerOptions.class,
            HeartbeatManagerOptions.class, WebOptions.class);

    /** Options of the Flink Kubernetes Operator (KubernetesOperatorConfigOptions, release 1.15) the overlays use. */
    static final Set<String> OPERATOR_OPTIONS = Set.of(
            "kubernetes.operator.job.upgrade.last-state-fallback.enabled",
            "kubernetes.operator.periodic.savepoint.interval",
            "kubernetes.operator.savepoint.history.max.count",
            "kubernetes.operator.cluster.health-check.enabled",
            "kubernetes.operator.pod-template.merge-arrays-by-name");

    /** Options read by plugins in the worker image: the S3 file system and Flink's GPU driver. */
    static final Set<String> PLUGIN_OPTIONS = Set.of("s3.endpoint", "s3.path.style.access",
            "external-resource.gpu.param.discovery-script.path", "external-resource.gpu.param.discovery-script.args");

    /** Per-reporter options (metrics.reporter.NAME.SUFFIX). */
    static final Set<String> REPORTER_SUFFIXES = Set.of("factory.class", "port", "interval", "scope.delimiter");

    private static final Map<String, ConfigOption<?>> BY_KEY = new HashMap<>();
    /** Deprecated keys that Flink 2.3 still reads, with the key to use instead. */
    private static final Map<String, String> DEPRECATED = new HashMap<>();

    static {
        collectOptions();
    }

    private FlinkOptions() { }

    /** One line per problem; empty when every key is known and every value parses. */
    static List<String> problems(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey();
            if (DEPRECATED.containsKey(key)) {
                problems.add(key + ": deprecated in Flink 2.3, use " + DEPRECATED.get(key));
                continue;
            }
            ConfigOption<?> option = BY_KEY.get(key);
            if (option == null) {
                option = perResourceOption(key);
            }
            if (option != null) {
                try {
                    Configuration parsed = new Configuration();
                    parsed.setString(key, e.getValue());
                    parsed.get(option);
                } catch (RuntimeException ex) {
                    problems.add(key + ": '" + e.getValue() + "' is not a valid value: " + ex.getMessage());
                }
            } else if (!OPERATOR_OPTIONS.contains(key) && !PLUGIN_OPTIONS.contains(key) && !isReporterOption(key)) {
                problems.add(key + ": not an option of Flink 2.3, the operator or the image's plugins");
            }
        }
        return problems;
    }

    static final String KUBERNETES_CONFIG_KEY = "kubernetes.config-key";

    private static ConfigOption<?> perResourceOption(String key) {
        String[] parts = key.split("\\.", 3);
        if (parts.length == 3 && parts[0].equals("external-resource")) {
            // Flink names these keys per resource; the amount is a whole number, the factory a class name.
            if (ExternalResourceOptions.getAmountConfigOptionForResource(parts[1]).equals(key)) {
                return ConfigOptions.key(key).longType().noDefaultValue();
            }
            if (ExternalResourceOptions.getExternalResourceDriverFactoryConfigOptionForResource(parts[1]).equals(key)) {
                return ConfigOptions.key(key).stringType().noDefaultValue();
            }
            // The Kubernetes resource name (suffix KubernetesConfigOptions.EXTERNAL_RESOURCE_KUBERNETES_CONFIG_KEY_SUFFIX
            // of flink-kubernetes, which the checks do not load): Flink sets it in each TaskManager's requests and limits.
            if (ExternalResourceOptions.getSystemConfigKeyConfigOptionForResource(parts[1], KUBERNETES_CONFIG_KEY)
                    .equals(key)) {
                return ConfigOptions.key(key).stringType().noDefaultValue();
            }
        }
        return null;
    }

    private static boolean isReporterOption(String key) {
        String[] parts = key.split("\\.", 4);
        return parts.length == 4 && parts[0].equals("metrics") && parts[1].equals("reporter")
                && REPORTER_SUFFIXES.contains(parts[3]);
    }

    private static void collectOptions() {
        Map<String, String> deprecatedFields = new HashMap<>();
        for (Class<?> c : OPTION_CLASSES) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                    try {
                        ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                        if (f.isAnnotationPresent(Deprecated.class)) {
                            // A whole option Flink keeps only for old configurations (such as the adaptive
                            // scheduler's keys that Flink 2.3 renamed to ...submission...).
                            deprecatedFields.put(option.key(), c.getSimpleName() + "." + f.getName());
                            continue;
                        }
                        BY_KEY.put(option.key(), option);
                        for (FallbackKey fallback : option.fallbackKeys()) {
                            if (fallback.isDeprecated()) {
                                DEPRECATED.putIfAbsent(fallback.getKey(), option.key());
                            } else {
                                BY_KEY.putIfAbsent(fallback.getKey(), option);
                            }
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        deprecatedFields.forEach((key, field) -> DEPRECATED.putIfAbsent(key, "the option that replaces " + field));
        DEPRECATED.keySet().removeAll(BY_KEY.keySet());
    }
}
