package org.netbend.service.client;

import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.netbend.job.JobResult;
import org.netbend.job.ProgressEvent;
import org.netbend.service.EmbeddedBroker;
import org.netbend.service.Topics;

/**
 * Plays the service's part on the real broker, as the service's sink does: results in Kafka transactions
 * (committed or aborted), progress events without. The service itself is tested elsewhere; these tests are
 * about what a client makes of what the topics hold.
 */
public final class ServiceStandIn implements AutoCloseable {
    private final KafkaProducer<String, String> transactional;
    private final KafkaProducer<String, String> plain;
    private final Topics topics;

    public ServiceStandIn(String bootstrap, Topics topics) {
        this.topics = topics;
        Properties t = new Properties();
        t.setProperty("bootstrap.servers", bootstrap);
        t.setProperty("transactional.id", "stand-in-" + UUID.randomUUID());
        t.setProperty("transaction.timeout.ms", Long.toString(EmbeddedBroker.TRANSACTION_MAX_TIMEOUT_MS));
        transactional = new KafkaProducer<>(t, new StringSerializer(), new StringSerializer());
        transactional.initTransactions();
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        plain = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public void commit(JobResult... results) {
        transaction(results);
        transactional.commitTransaction();
    }

    /** Results written and then aborted, as after a failed checkpoint: read_committed never shows them. */
    public void abort(JobResult... results) {
        transaction(results);
        transactional.flush();
        transactional.abortTransaction();
    }

    public void progress(String jobId, int done, int total) {
        ProgressEvent event = new ProgressEvent(1, jobId, ProgressEvent.Kind.PROGRESS, done, total, 1, 2.0,
                (total - done) / 2.0, -1, -1, null);
        plain.send(new ProducerRecord<>(topics.progress(), jobId, event.toJson()));
        plain.flush();
    }

    private void transaction(JobResult... results) {
        transactional.beginTransaction();
        for (JobResult r : results) {
            transactional.send(new ProducerRecord<>(topics.results(), r.jobId(), r.toJson()));
        }
    }

    @Override
    public void close() {
        transactional.close();
        plain.close();
    }
}
