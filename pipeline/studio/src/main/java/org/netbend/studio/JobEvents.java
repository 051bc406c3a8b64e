package org.netbend.studio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.netbend.job.JobIds;
import org.netbend.job.JobResult;
import org.netbend.job.ProgressEvent;
import org.netbend.service.KafkaSettings;

/**
 * One reader of the progress and results topics per studio (committed records only), kept in memory per job and
 * fanned out to the page's event streams. A job's events are numbered 0, 1, 2, ... in the order read, so an event
 * stream that drops resumes from its {@code Last-Event-ID} without losing or repeating one.
 */
final class JobEvents implements AutoCloseable {
    /** One event of a job: {@code kind} is progress or result, {@code json} the topic's value as written. */
    record Event(long id, String kind, String json) { }

    private final KafkaSettings settings;
    private final Map<String, List<Event>> byJob = new HashMap<>();
    private final Map<String, JobResult> results = new HashMap<>();
    private final Map<String, ProgressEvent> latest = new HashMap<>();
    private final Map<String, List<Consumer<Event>>> listeners = new HashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    JobEvents(KafkaSettings settings) {
        this.settings = settings;
        this.reader = new Thread(this::read, "studio-job-events");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends {@code to} every event of the job after {@code afterId} (-1 for all), then each new one as it is read,
     * until the returned handle is run.
     */
    synchronized Runnable follow(String jobId, long afterId, Consumer<Event> to) {
        for (Event e : byJob.getOrDefault(jobId, List.of())) {
            if (e.id() > afterId) {
                to.accept(e);
            }
        }
        listeners.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(to);
        return () -> unfollow(jobId, to);
    }

    private synchronized void unfollow(String jobId, Consumer<Event> to) {
        List<Consumer<Event>> list = listeners.get(jobId);
        if (list != null) {
            list.remove(to);
        }
    }

    synchronized Optional<JobResult> result(String jobId) {
        return Optional.ofNullable(results.get(jobId));
    }

    synchronized Optional<ProgressEvent> progress(String jobId) {
        return Optional.ofNullable(latest.get(jobId));
    }

    private synchronized void add(ConsumerRecord<String, String> record, boolean isResult) {
        String jobId = record.key();
        if (jobId == null || !JobIds.PATTERN.matcher(jobId).matches()) {
            return; // an unreadable request's answer, under "-"
        }
        try {
            if (isResult) {
                results.put(jobId, JobResult.fromJson(record.value()));
            } else {
                latest.put(jobId, ProgressEvent.fromJson(record.value()));
            }
        } catch (RuntimeException e) {
            return; // not what the topic should hold: a client only reports
        }
        List<Event> events = byJob.computeIfAbsent(jobId, k -> new ArrayList<>());
        Event event = new Event(events.size(), isResult ? "result" : "progress", record.value());
        events.add(event);
        for (Consumer<Event> listener : listeners.getOrDefault(jobId, List.of())) {
            listener.accept(event);
        }
    }

    private void read() {
        Properties p = settings.client();
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        String results = settings.topics().results();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running && partitions.isEmpty()) {
                for (String topic : List.of(results, settings.topics().progress())) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos != null) {
                        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                    }
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    add(record, record.topic().equals(results));
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                org.slf4j.LoggerFactory.getLogger(JobEvents.class).error("studio: the job event reader stopped: {}",
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(10_000);
    }
}
