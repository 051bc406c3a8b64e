package org.netbend.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.CommonClientConfigs;
import org.netbend.farm.ClusterAddress;
import org.netbend.farm.DiffusionGenerator;
import org.netbend.farm.LocalCluster;
import org.netbend.farm.RemoteCluster;
import org.netbend.service.ClusterService;
import org.netbend.service.EmbeddedBroker;
import org.netbend.service.KafkaSettings;
import org.netbend.service.ServiceConfig;
import org.netbend.service.ServiceSettings;
import org.netbend.service.ServiceTopology;
import org.netbend.service.TopicSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run netbend as a service: render requests that arrive on Kafka.",
        customSynopsis = {"netbend serve [--bootstrap HOST:PORT | --broker-port PORT]",
            "                     [--store DIR|s3://BUCKET/PREFIX] [--parallelism N]",
            "                     [OPTIONS]"},
        description = {"Requests come from a Kafka topic; progress and results go to two more. Runs on an "
            + "embedded MiniCluster; without Kafka settings (--bootstrap, $NETBEND_KAFKA_BOOTSTRAP, --kafka-config "
            + "or kafka.bootstrap.servers in --config) it also starts a one-node Kafka broker on 127.0.0.1, so the "
            + "service can be tried on one machine. With --cluster the same job runs on a Flink cluster from the "
            + "job jar. One line per job accepted and ended; Ctrl-C stops."},
        footer = {"", "Examples:",
            "  netbend serve --store s3://renders/netbend --bootstrap kafka:9092 \\",
            "      --parallelism 2",
            "  netbend serve --broker-port 9092",
            "  (embedded broker at 127.0.0.1:9092; then, in another terminal:)",
            "  netbend submit song.wav -p \"forest\" --bootstrap 127.0.0.1:9092 --wait"})
public class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin ModelOptions modelOptions;
    @Mixin KafkaOptions kafka;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Service properties (configs/service/netbend-service.properties; see docs/operations.md). "
                    + "Its kafka.* keys are the defaults beneath the Kafka options.")
    Path config;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "Where audio, frames and videos live. Default: $NETBEND_STORE, else ./netbend-store.")
    String store;

    @Option(names = "--parallelism", paramLabel = "N", description = "Render slots (default: 1).")
    Integer parallelism;

    @Option(names = "--device", paramLabel = "cpu|cuda[:N]", description = "cpu, cuda or cuda:N (default: cpu).")
    String device;

    @Option(names = "--broker-port", paramLabel = "PORT",
            description = "Without Kafka settings: the embedded broker's port on 127.0.0.1, so clients can be given "
                    + "its address in advance (default: a free port, printed).")
    Integer brokerPort;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Submit the service job to this Flink cluster's REST address (see deploy/standalone) and exit, "
                    + "instead of running it here. Needs Kafka settings (the cluster reaches Kafka itself).")
    String cluster;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Environment env = Environment.system();
        KafkaSettings kafkaSettings = givenKafka(env).orElse(null);
        if (kafkaSettings == null && cluster != null) {
            throw new UserError("serve --cluster needs Kafka that the cluster can reach: give --bootstrap HOST:PORT");
        }
        if (brokerPort != null && (kafkaSettings != null || brokerPort < 1 || brokerPort > 65535)) {
            throw new UserError(kafkaSettings != null ? "--broker-port is the embedded broker's, and Kafka settings "
                    + "name a broker of their own (" + kafkaSettings.bootstrap() + "): give one or the other"
                    : "--broker-port must be in 1..65535, got " + brokerPort);
        }
        Map<String, String> overrides = new HashMap<>();
        String model = modelOptions.chosen(env, err);
        modelOptions.resolve(model, env, err);
        overrides.put("model", model);
        overrides.put("store", store != null ? store : env.store());
        overrides.put("cache", modelOptions.cacheDir(env).toString());
        if (parallelism != null) {
            overrides.put("parallelism", parallelism.toString());
        }
        if (device != null) {
            overrides.put("device", device);
        }
        EmbeddedBroker broker = null;
        if (kafkaSettings == null) {
            Path dir = Files.createTempDirectory(Files.createDirectories(modelOptions.cacheDir(env).resolve("tmp")),
                    "broker-");
            broker = startBroker(dir);
            err.println("netbend: started a one-node Kafka broker at " + broker.bootstrapServers() + " (embedded, for "
                    + "trying the service; its topics go when serve stops)");
            kafkaSettings = embeddedKafka(env, broker.bootstrapServers());
        }
        overrides.put(ServiceSettings.BOOTSTRAP, kafkaSettings.bootstrap());
        ServiceConfig settings;
        try {
            settings = ServiceSettings.load(config, env.variables(), overrides).withKafka(kafkaSettings);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        err.println("netbend: serving requests from " + settings.kafka().topics().requests() + " at "
                + settings.kafka().bootstrap() + ", " + settings.run().parallelism() + " render slot(s), store "
                + settings.run().store() + "; Ctrl-C stops");
        if (cluster != null) {
            JobID job = ClusterService.submit(ClusterAddress.parse(cluster), RemoteCluster.jobJar(env.variables()),
                    settings);
            spec.commandLine().getOut().println("netbend: service job " + job + " submitted to " + cluster);
            return 0;
        }
        try {
            TopicSetup.ensure(settings.kafka()).forEach(topic -> err.println("netbend: created topic " + topic));
        } catch (TopicSetup.TopicUnavailable e) {
            throw new UserError(e.getMessage());
        }
        StopNote.set("Stored frames stay in " + settings.run().store() + (broker != null
                ? "; the embedded broker's requests go with it, and a job submitted again resumes from its frames."
                : "; running the same command again takes up the requests not yet answered."));
        EmbeddedBroker started = broker;
        Thread stopBroker = new Thread(() -> closeQuietly(started), "netbend-broker-stop");
        Runtime.getRuntime().addShutdownHook(stopBroker); // Ctrl-C
        try {
            Configuration conf = LocalCluster.loopbackConfiguration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
            StreamExecutionEnvironment flink = StreamExecutionEnvironment.createLocalEnvironment(
                    settings.run().parallelism() + 1, conf);
            ServiceTopology.build(flink, settings, DiffusionGenerator.factory());
            try (AutoCloseable beside = beside(settings, env)) {
                flink.execute(ClusterService.JOB_NAME);
            }
        } catch (Exception e) {
            if (!cancelled(e)) {
                throw e;
            }
            // Someone on this machine cancelled it through Flink's REST API: a deliberate stop, not a failure.
            err.println("netbend: the service job was cancelled (through Flink's REST API on this machine); serve stops");
            return 1;
        } finally {
            closeQuietly(started);
            removeHook(stopBroker);
        }
        return 0;
    }

    /** What runs beside the service while it runs (the studio's web server); nothing for serve. */
    AutoCloseable beside(ServiceConfig settings, Environment env) throws Exception {
        return () -> { };
    }

    /**
     * The Kafka options as submit, watch, cancel and jobs take them (flag, NETBEND_KAFKA_*, --kafka-config), over
     * the kafka.* keys of --config; empty when nothing names a broker.
     */
    Optional<KafkaSettings> givenKafka(Environment env) throws IOException {
        try {
            return kafka.settings(env, ServiceSettings.kafkaProperties(config));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The same with the embedded broker's address beneath everything else. */
    private KafkaSettings embeddedKafka(Environment env, String embedded) throws IOException {
        Map<String, String> base = new HashMap<>(ServiceSettings.kafkaProperties(config));
        base.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, embedded);
        return kafka.settings(env, base).orElseThrow();
    }

    private EmbeddedBroker startBroker(Path dir) throws Exception {
        int port = brokerPort == null ? 0 : brokerPort;
        try {
            return EmbeddedBroker.start(dir, org.netbend.service.Topics.DEFAULT, 1, port);
        } catch (Exception e) {
            if (port > 0 && !free(port)) {
                throw new UserError("--broker-port " + port + ": something else listens on 127.0.0.1:" + port
                        + "; choose another port, or give that broker with --bootstrap 127.0.0.1:" + port);
            }
            throw e;
        }
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Whether the job ended because it was cancelled (Flink wraps the reason in its execution exceptions). */
    static boolean cancelled(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JobCancellationException) {
                return true;
            }
        }
        return false;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs, and closing twice is harmless
        }
    }

    private static void closeQuietly(EmbeddedBroker broker) {
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
