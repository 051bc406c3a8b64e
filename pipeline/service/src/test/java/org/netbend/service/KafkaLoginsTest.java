package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka logins of deploy/base/kafka-users.yaml on a real KRaft broker with SCRAM-SHA-512 and ACLs, as Strimzi
 * sets them up: the users' ACLs are read from the manifest, and each side logs in through the Kafka client settings
 * it already passes through (the service's configuration file plus NETBEND_KAFKA_PROP_SASL_JAAS_CONFIG, the
 * submitters' NETBEND_KAFKA_PROP_* variables). The service can do its work, a submitter can do its own and no more,
 * a wrong password is refused.
 */
@Timeout(120)
class KafkaLoginsTest {
    private static final String SERVICE = "netbend-service";
    private static final String SUBMITTER = "netbend-submitter";
    private static final Duration POLL = Duration.ofSeconds(30);
    private static final String JAAS_PROPERTY = "java.security.auth.login.config";
    private static final String JAAS_BEFORE = System.getProperty(JAAS_PROPERTY);

    @TempDir static Path dir;
    private static KafkaClusterTestKit cluster;
    private static final Map<String, String> passwords = new HashMap<>();

    @BeforeAll
    static void startBrokerWithTheManifestsUsers() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(dir).setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                // The test kit's own admin logs in with PLAIN; netbend's users with SCRAM-SHA-512, as on Strimzi.
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512")
                .setConfigProp("listener.name.external.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                // The test kit's admin, and the broker itself on its PLAINTEXT controller listener (ANONYMOUS).
                .setConfigProp("super.users", "User:" + JaasUtils.KAFKA_PLAIN_ADMIN + ";User:ANONYMOUS")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = Admin.create(admin())) {
            admin.createTopics(List.of(new NewTopic("netbend.requests", 1, (short) 1),
                    new NewTopic("netbend.progress", 1, (short) 1), new NewTopic("netbend.results", 1, (short) 1)))
                    .all().get();
            List<AclBinding> acls = new ArrayList<>();
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            for (JsonNode user : kafkaUsers()) {
                String name = user.path("metadata").path("name").asText();
                passwords.put(name, UUID.randomUUID().toString());
                users.add(new UserScramCredentialUpsertion(name,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), passwords.get(name)));
                for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                    acls.addAll(bindings(name, acl));
                }
            }
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get();
            admin.createAcls(acls).all().get();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        // The test kit pointed the JVM at its JAAS file for the broker's PLAIN admin; later tests in this JVM
        // start from the JVM's own login configuration again.
        if (JAAS_BEFORE == null) {
            System.clearProperty(JAAS_PROPERTY);
        } else {
            System.setProperty(JAAS_PROPERTY, JAAS_BEFORE);
        }
        javax.security.auth.login.Configuration.setConfiguration(null);
    }

    /** The service reads requests in its group, writes progress, and commits results in a transaction. */
    @Test
    void theServiceLogsInFromItsConfigurationAndDoesItsWork() throws Exception {
        ServiceConfig config = ServiceSettings.load(Path.of("../../configs/service/netbend-service.properties"),
                Map.of("NETBEND_KAFKA_PROP_SASL_JAAS_CONFIG", jaas(SERVICE, passwords.get(SERVICE))),
                Map.of(ServiceSettings.BOOTSTRAP, cluster.bootstrapServers()));
        Properties client = config.kafka().client();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());

        send(submitter(), "netbend.requests", "job-1", "{\"job-id\":\"job-1\"}");
        try (KafkaConsumer<String, String> requests = consumer(client, config.groupId())) {
            requests.subscribe(List.of(config.kafka().topics().requests()));
            ConsumerRecords<String, String> read = pollUntilRecords(requests);
            assertEquals("job-1", read.iterator().next().key());
            requests.commitSync(); // the group's committed offset, as Flink commits it at a checkpoint
        }
        send(client, config.kafka().topics().progress(), "job-1", "{\"frames\":1}");
        Properties transactional = new Properties();
        transactional.putAll(client);
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalIdPrefix() + "-0-1");
        try (KafkaProducer<String, String> results = producer(transactional)) {
            results.initTransactions();
            results.beginTransaction();
            results.send(new ProducerRecord<>(config.kafka().topics().results(), "job-1", "{\"state\":\"DONE\"}")).get();
            results.commitTransaction();
        }
        try (KafkaConsumer<String, String> answers = consumer(submitter(), null)) {
            answers.assign(List.of(new TopicPartition("netbend.results", 0)));
            answers.seekToBeginning(answers.assignment());
            assertEquals("job-1", pollUntilRecords(answers).iterator().next().key(), "the submitter reads its result");
        }
    }

    /** A submitter may send requests and read answers, and neither forge results nor read the requests. */
    @Test
    void aSubmitterMayOnlySendRequestsAndReadAnswers() throws Exception {
        send(submitter(), "netbend.requests", "job-2", "{\"job-id\":\"job-2\"}");
        ExecutionException forged = assertThrows(ExecutionException.class,
                () -> send(submitter(), "netbend.results", "job-2", "{\"state\":\"DONE\"}"));
        assertInstanceOf(TopicAuthorizationException.class, forged.getCause());
        try (KafkaConsumer<String, String> requests = consumer(submitter(), null)) {
            requests.assign(List.of(new TopicPartition("netbend.requests", 0)));
            requests.seekToBeginning(requests.assignment());
            assertThrows(TopicAuthorizationException.class, () -> requests.poll(POLL));
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Properties wrong = KafkaSettings.fromProperties(Map.of(), submitterEnvironment("not-the-password"),
                cluster.bootstrapServers()).client();
        wrong.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        wrong.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        ExecutionException refused = assertThrows(ExecutionException.class, () -> send(wrong, "netbend.requests", "k", "v"));
        assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.toString());
    }

    /** As `submit`, `watch` and `cancel` get it: NETBEND_KAFKA_PROP_* variables, as in the dev overlay's client. */
    private static Properties submitter() {
        Properties p = KafkaSettings.fromProperties(Map.of(), submitterEnvironment(passwords.get(SUBMITTER)),
                cluster.bootstrapServers()).client();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return p;
    }

    private static Map<String, String> submitterEnvironment(String password) {
        return Map.of("NETBEND_KAFKA_PROP_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "NETBEND_KAFKA_PROP_SASL_MECHANISM", "SCRAM-SHA-512",
                "NETBEND_KAFKA_PROP_SASL_JAAS_CONFIG", jaas(SUBMITTER, password));
    }

    /** The JAAS line Strimzi's user operator writes into the user's Secret. */
    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static Properties admin() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
        return p;
    }

    /** Strimzi's simple authorization: each ACL of a KafkaUser becomes one allow binding per operation. */
    private static List<AclBinding> bindings(String user, JsonNode acl) {
        JsonNode resource = acl.path("resource");
        ResourceType type = switch (resource.path("type").asText()) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new IllegalArgumentException("unknown ACL resource type " + resource);
        };
        PatternType pattern = resource.path("patternType").asText("literal").equals("prefix")
                ? PatternType.PREFIXED : PatternType.LITERAL;
        String name = type == ResourceType.CLUSTER ? "kafka-cluster" : resource.path("name").asText();
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode operation : acl.path("operations")) {
            AclOperation op = AclOperation.valueOf(operation.asText()
                    .replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
            bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)));
        }
        return bindings;
    }

    private static List<JsonNode> kafkaUsers() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> users = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(Path.of("../../deploy/base/kafka-users.yaml").toFile())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(users::add);
        }
        assertEquals(List.of(SERVICE, SUBMITTER), users.stream().map(u -> u.path("metadata").path("name").asText()).toList());
        return users;
    }

    private static void send(Properties client, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = producer(client)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static KafkaProducer<String, String> producer(Properties client) {
        return new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Properties client, String group) {
        Properties p = new Properties();
        p.putAll(client);
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until records come, at most {@link #POLL} in all; says what it waited for when none do. */
    private static ConsumerRecords<String, String> pollUntilRecords(KafkaConsumer<String, String> consumer) {
        long end = System.nanoTime() + POLL.toNanos();
        while (System.nanoTime() < end) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                return records;
            }
        }
        throw new AssertionError("no record on " + consumer.assignment() + " within " + POLL.toSeconds() + " s");
    }
}
