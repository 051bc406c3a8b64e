package org.netbend.service;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.netbend.farm.LocalCluster;

/**
 * A single-node KRaft broker in this JVM (Kafka's own server, through its cluster kit), so that the service can
 * be tried on one machine with nothing else installed, and so that tests talk to a real broker. Every socket it
 * listens on (clients' and the controller's) is on 127.0.0.1, on a free port. Not for production: one node,
 * replication factor 1.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** The broker's ceiling for transactions; the results sink's transaction timeout must not exceed it. */
    public static final long TRANSACTION_MAX_TIMEOUT_MS = 15 * 60 * 1000;
    private static final long TOPIC_WAIT_SECONDS = 60;
    /** Largest record the broker takes: twice the largest request the service accepts. */
    public static final int MAX_MESSAGE_BYTES = 2 << 20;
    /** The listener of {@code serve --broker-port}. */
    private static final String FIXED = "FIXED";

    private final KafkaClusterTestKit cluster;
    private final int port;

    private EmbeddedBroker(KafkaClusterTestKit cluster, int port) {
        this.cluster = cluster;
        this.port = port;
    }

    /**
     * Starts a broker whose data lives under {@code dir} and creates the service's topics.
     *
     * @param partitions partitions of the requests topic (progress and results get the same)
     */
    public static EmbeddedBroker start(Path dir, Topics topics, int partitions) throws Exception {
        return start(dir, topics, partitions, Map.of());
    }

    /**
     * The same with more broker settings; {@code topics} null creates none (a test of {@link TopicSetup}).
     */
    static EmbeddedBroker start(Path dir, Topics topics, int partitions, Map<String, String> settings)
            throws Exception {
        return start(dir, topics, partitions, 0, settings);
    }

    /**
     * The same on a chosen port of 127.0.0.1 ({@code serve --broker-port}), so that clients can be given an address
     * typed in advance; 0 takes a free port.
     */
    public static EmbeddedBroker start(Path dir, Topics topics, int partitions, int port) throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a broker port must be in 0..65535, got " + port);
        }
        return start(dir, topics, partitions, port, Map.of());
    }

    private static EmbeddedBroker start(Path dir, Topics topics, int partitions, int port,
            Map<String, String> settings) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBaseDirectory(dir).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                // One node: internal topics cannot have more than one replica.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("transaction.max.timeout.ms", Long.toString(TRANSACTION_MAX_TIMEOUT_MS))
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                // Loopback only, also when a listener reopens after a restart (see LoopbackSockets).
                .setConfigProp("listeners", onLoopback(nodes.brokerListenerName()) + ","
                        + onLoopback(nodes.controllerListenerName()) + (port > 0 ? "," + FIXED + "://"
                        + LocalCluster.LOOPBACK + ":" + port : ""))
                // Above the service's own 1 MiB limit, so an oversized request is answered REJECTED by the service
                // rather than refused by the broker with a producer error.
                .setConfigProp("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        if (port > 0) {
            // A listener of its own beside the kit's two: the kit binds the sockets of the listeners it knows on
            // free ports whatever the port configured, and leaves the others to Kafka. A client that connects to
            // this one is told this one's address.
            builder.setConfigProp("listener.security.protocol.map", nodes.brokerListenerName().value()
                    + ":PLAINTEXT," + nodes.controllerListenerName().value() + ":PLAINTEXT," + FIXED + ":PLAINTEXT");
        }
        settings.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = LoopbackSockets.install(builder).build();
        EmbeddedBroker broker = new EmbeddedBroker(cluster, port);
        try {
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            if (topics != null) {
                broker.createTopics(topics, partitions);
            }
            return broker;
        } catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    private static String onLoopback(ListenerName listener) {
        return listener.value() + "://" + LocalCluster.LOOPBACK + ":0";
    }

    /**
     * Kafka's storage formatter prints to standard output ("Formatting metadata directory ..."), where a command's
     * own output goes; it is dropped for that call. Synchronized: System.out is the JVM's.
     */
    private static synchronized void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            cluster.format();
        } finally {
            System.setOut(out);
        }
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        // The kit knows only the ports it bound itself; asking it for a chosen port's listener would bind another.
        return port > 0 ? "127.0.0.1:" + port : cluster.bootstrapServers();
    }

    /** The broker's own node, for tests that stop and restart it. */
    public KafkaClusterTestKit cluster() {
        return cluster;
    }

    private void createTopics(Topics topics, int partitions) throws InterruptedException, TimeoutException {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> wanted = List.of(
                    new NewTopic(topics.requests(), partitions, (short) 1),
                    new NewTopic(topics.progress(), partitions, (short) 1)
                            .configs(Map.of("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1)))),
                    new NewTopic(topics.results(), partitions, (short) 1));
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get(TOPIC_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic.name() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new TimeoutException("the embedded broker did not create the topics within " + TOPIC_WAIT_SECONDS
                    + " s");
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
