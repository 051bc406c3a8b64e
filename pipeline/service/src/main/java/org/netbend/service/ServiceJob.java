package org.netbend.service;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.netbend.farm.DiffusionGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service job's entry point on a cluster (the job jar's main class): {@code --config FILE} with the
 * service's properties (see {@link ServiceSettings}), and optional {@code --bootstrap HOST:PORT},
 * {@code --store URI}, {@code --parallelism N} that override the file. `netbend serve` runs the same topology on an
 * embedded MiniCluster.
 */
public final class ServiceJob {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceJob.class);

    private ServiceJob() { }

    public static void main(String[] args) throws Exception {
        Path config = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--config" -> config = Path.of(value);
                case "--bootstrap" -> overrides.put(ServiceSettings.BOOTSTRAP, value);
                case "--store" -> overrides.put("store", value);
                case "--parallelism" -> overrides.put("parallelism", value);
                case "--model" -> overrides.put("model", value);
                default -> throw new IllegalArgumentException("unknown option " + flag
                        + "; known: --config, --bootstrap, --store, --parallelism, --model");
            }
        }
        ServiceConfig settings = ServiceSettings.load(config, System.getenv(), overrides);
        LOG.info("netbend service: {}, store {}", settings.kafka(), settings.run().store());
        TopicSetup.ensure(settings.kafka()).forEach(topic -> LOG.info("created topic {}", topic));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ServiceTopology.build(env, settings, DiffusionGenerator.factory());
        env.execute("netbend service");
    }
}
