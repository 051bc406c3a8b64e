package org.netbend.service.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.netbend.job.Cancellation;
import org.netbend.job.JobIds;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.netbend.job.ProgressEvent;
import org.netbend.job.Submission;
import org.netbend.service.KafkaSettings;
import org.netbend.service.Topics;

/**
 * The client side of service mode: sends requests and cancels to the requests topic (keyed by job id, acks=all,
 * idempotent), follows a job on the progress and results topics, and lists recent jobs. Any Kafka client property
 * of the {@link KafkaSettings} (TLS, SASL, ...) reaches every producer and consumer unchanged.
 *
 * <p>Results are read committed only, so a result in a transaction that the service aborted is never reported.
 * Whether a job was requested again after its last result is decided by the records' timestamps (the client's
 * clock for requests, the service's for results).
 */
public final class JobClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaSettings settings;
    private final Topics topics;
    private KafkaProducer<String, String> producer;

    public JobClient(KafkaSettings settings) {
        this.settings = settings;
        this.topics = settings.topics();
    }

    /** Sends a render request; returns once the broker has it. */
    public Submitted submit(Submission submission, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        Map<TopicPartition, Long> before;
        try (TopicReader reader = new TopicReader(settings, false)) {
            before = reader.ends(reader.partitions(deadline, topics.results(), topics.progress()), deadline);
        }
        send(submission.jobId(), RequestMessages.render(submission), deadline, "the request of job " + submission.jobId());
        return new Submitted(submission.jobId(), before);
    }

    /** Sends a cancel for the job; the service answers CANCELLED on the results topic. */
    public void cancel(String jobId, Duration timeout) {
        Cancellation cancel = new Cancellation(JobIds.check("jobId", jobId));
        send(jobId, RequestMessages.cancel(cancel), Deadline.in(timeout), "the cancel of job " + jobId);
    }

    /** Follows a job sent with {@link #submit} until its result, which only an answer after the send can be. */
    public JobResult watch(Submitted submitted, ProgressListener listener, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        try (TopicReader reader = new TopicReader(settings)) {
            reader.start(reader.partitions(deadline, topics.results(), topics.progress()), submitted.before());
            return follow(reader, submitted.jobId(), listener, deadline, null);
        }
    }

    /**
     * Follows several jobs sent with {@link #submit} (an album) until each has its result: one reader for all of
     * them, started where the topics ended before the first send, and for each job only answers after its own send
     * count. {@code ended} is told of each result as it arrives.
     *
     * @return the results by job id, in the order submitted
     */
    public Map<String, JobResult> watchAll(List<Submitted> submitted, ProgressListener listener,
            Consumer<JobResult> ended, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        Map<String, Submitted> jobs = new LinkedHashMap<>();
        Map<TopicPartition, Long> from = new HashMap<>();
        for (Submitted job : submitted) {
            jobs.put(job.jobId(), job);
            job.before().forEach((partition, offset) -> from.merge(partition, offset, Math::min));
        }
        Map<String, JobResult> results = new HashMap<>();
        try (TopicReader reader = new TopicReader(settings)) {
            reader.start(reader.partitions(deadline, topics.results(), topics.progress()), from);
            Consumer<ConsumerRecord<String, String>> each = record -> {
                Submitted job = jobs.get(record.key());
                if (job == null || record.offset()
                        < job.before().getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                    return; // another job's record, or one from before this job was sent
                }
                if (record.topic().equals(topics.results())) {
                    JobResult result = History.result(record.value());
                    if (result != null && job.jobId().equals(result.jobId()) && !results.containsKey(job.jobId())) {
                        results.put(job.jobId(), result);
                        ended.accept(result);
                    }
                } else if (record.topic().equals(topics.progress())) {
                    progressOf(record, job.jobId(), listener, null);
                }
            };
            while (results.size() < jobs.size() && !deadline.passed()) {
                reader.poll().forEach(each);
            }
            if (results.size() == jobs.size()) {
                // As in watch: the progress topic to its end, so the listener sees every job's last frames.
                try {
                    reader.readTo(reader.ends(reader.partitions(deadline, topics.progress()), deadline), each,
                            deadline, "the last progress of the album's jobs");
                } catch (WaitTimeoutException e) {
                    // The results are in hand; progress is only for show.
                }
            }
        }
        if (results.size() < jobs.size()) {
            List<String> waiting = jobs.keySet().stream().filter(id -> !results.containsKey(id)).toList();
            throw new WaitTimeoutException("no result for job" + (waiting.size() == 1 ? " " : "s ")
                    + String.join(", ", waiting) + " on " + topics.results() + " at " + settings.bootstrap() + " "
                    + deadline.within());
        }
        Map<String, JobResult> ordered = new LinkedHashMap<>();
        jobs.keySet().forEach(id -> ordered.put(id, results.get(id)));
        return ordered;
    }

    /**
     * Follows a job until its result. If the job already ended (a result at least as new as its latest request),
     * that result is returned at once; if it is waiting or rendering, its latest progress is reported, then each
     * new event until the result.
     *
     * @throws UnknownJobException when neither the requests nor the results topic holds the job
     */
    public JobResult watch(String jobId, ProgressListener listener, Duration timeout) {
        JobIds.check("jobId", jobId);
        Deadline deadline = Deadline.in(timeout);
        try (TopicReader reader = new TopicReader(settings)) {
            History history = history(reader, deadline, "the history of job " + jobId);
            History.Job job = history.jobs.get(jobId);
            if (job == null || job.requestedAt < 0 && job.result == null) {
                throw new UnknownJobException("no job '" + jobId + "' on " + topics.requests() + " or "
                        + topics.results() + " at " + settings.bootstrap());
            }
            if (job.ended()) {
                return job.result;
            }
            if (job.progress != null && job.progressAt >= job.requestedAt) {
                listener.progress(job.progress);
            }
            return follow(reader, jobId, listener, deadline, job.progress);
        }
    }

    /** The most recent jobs, newest first, as the three topics tell them now. */
    public List<JobSummary> jobs(int limit, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        try (TopicReader reader = new TopicReader(settings)) {
            return history(reader, deadline, "the recent jobs").jobs.entrySet().stream()
                    .map(e -> e.getValue().summary(e.getKey()))
                    .sorted(Comparator.comparing(JobSummary::when).reversed().thenComparing(JobSummary::jobId))
                    .limit(limit)
                    .toList();
        }
    }

    /** Reads the three topics from their beginning to where they end now; the reader stays at those ends. */
    private History history(TopicReader reader, Deadline deadline, String what) {
        List<TopicPartition> all = reader.partitions(deadline, topics.requests(), topics.progress(), topics.results());
        Map<TopicPartition, Long> ends = reader.ends(all, deadline);
        reader.start(all, Map.of());
        History history = new History();
        reader.readTo(ends, history::add, deadline, what);
        return history;
    }

    private JobResult follow(TopicReader reader, String jobId, ProgressListener listener, Deadline deadline,
            ProgressEvent last) {
        ProgressEvent latest = last;
        while (!deadline.passed()) {
            JobResult result = null;
            // The whole batch first: the consumer's position is already past all of it.
            for (ConsumerRecord<String, String> record : reader.poll()) {
                if (!jobId.equals(record.key())) {
                    continue; // another job's event
                }
                if (record.topic().equals(topics.results())) {
                    JobResult r = History.result(record.value());
                    if (r != null && jobId.equals(r.jobId()) && result == null) {
                        result = r;
                    }
                } else if (record.topic().equals(topics.progress())) {
                    latest = progressOf(record, jobId, listener, latest);
                }
            }
            if (result != null) {
                drainProgress(reader, jobId, listener, deadline);
                return result;
            }
        }
        throw new WaitTimeoutException("no result for job " + jobId + " on " + topics.results() + " at "
                + settings.bootstrap() + " " + deadline.within() + (latest == null ? "; no progress seen"
                : "; last progress " + latest.framesDone() + "/" + latest.framesTotal() + " frames"));
    }

    /**
     * Topics are fetched independently, so the result may be read before the progress that preceded it: read the
     * progress topic to its end before reporting the result, so that the listener sees the job's last frames.
     */
    private void drainProgress(TopicReader reader, String jobId, ProgressListener listener, Deadline deadline) {
        try {
            Map<TopicPartition, Long> ends = reader.ends(reader.partitions(deadline, topics.progress()), deadline);
            ProgressEvent[] latest = {null};
            reader.readTo(ends, record -> {
                if (record.topic().equals(topics.progress()) && jobId.equals(record.key())) {
                    latest[0] = progressOf(record, jobId, listener, latest[0]);
                }
            }, deadline, "the last progress of job " + jobId);
        } catch (WaitTimeoutException e) {
            // The result is in hand; progress is only for show.
        }
    }

    private static ProgressEvent progressOf(ConsumerRecord<String, String> record, String jobId,
            ProgressListener listener, ProgressEvent latest) {
        ProgressEvent event = History.progress(record.value());
        if (event != null && jobId.equals(event.jobId())) {
            listener.progress(event);
            return event;
        }
        return latest;
    }

    private void send(String jobId, String json, Deadline deadline, String what) {
        try {
            producer(deadline).send(new ProducerRecord<>(topics.requests(), jobId, json))
                    .get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new WaitTimeoutException("the broker at " + settings.bootstrap() + " did not acknowledge " + what
                    + " on " + topics.requests() + " " + deadline.within());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send " + what + " to " + topics.requests() + " at "
                    + settings.bootstrap() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + what, e);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new WaitTimeoutException("no metadata for " + topics.requests() + " from the broker at "
                    + settings.bootstrap() + " " + deadline.within() + " to send " + what + ": is it reachable?");
        }
    }

    private KafkaProducer<String, String> producer(Deadline deadline) {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties(settings, deadline.remaining()), new StringSerializer(),
                    new StringSerializer());
        }
        return producer;
    }

    /** The user's client properties as given, with what the requests topic needs on top. */
    static Properties producerProperties(KafkaSettings settings, Duration maxBlock) {
        Properties p = settings.client();
        // A request must not be lost or doubled by a retry: every replica has it, once.
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.max(1, maxBlock.toMillis())));
        return p;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** What the topics say about each job, built record by record. */
    private final class History {
        final Map<String, Job> jobs = new HashMap<>();

        final class Job {
            long requestedAt = -1;
            String audioName;
            int priority = 1;
            String album;
            ProgressEvent progress;
            long progressAt = -1;
            JobResult result;
            long resultAt = -1;

            /** The latest result answers the latest request (or there is no request left to answer). */
            boolean ended() {
                return result != null && resultAt >= requestedAt;
            }

            JobSummary summary(String jobId) {
                long when = Math.max(requestedAt, Math.max(progressAt, resultAt));
                if (ended()) {
                    int frames = result.state() == JobState.DONE && result.frames() != null ? result.frames() : -1;
                    int done = frames >= 0 ? frames : progress != null ? progress.framesDone() : -1;
                    int total = frames >= 0 ? frames : progress != null ? progress.framesTotal() : -1;
                    return new JobSummary(jobId, ListedState.of(result.state()), done, total, Instant.ofEpochMilli(when),
                            audioName, result.reason(), priority, submitted(), album);
                }
                boolean running = progress != null && progressAt >= requestedAt;
                return new JobSummary(jobId, running ? ListedState.RUNNING : ListedState.QUEUED,
                        running ? progress.framesDone() : -1, running ? progress.framesTotal() : -1,
                        Instant.ofEpochMilli(when), audioName, null, priority, submitted(), album);
            }

            private Instant submitted() {
                return requestedAt < 0 ? null : Instant.ofEpochMilli(requestedAt);
            }
        }

        void add(ConsumerRecord<String, String> record) {
            String key = record.key();
            if (key == null || !JobIds.PATTERN.matcher(key).matches()) {
                return; // not a job's record (an unreadable request is answered under "-")
            }
            if (record.topic().equals(topics.requests())) {
                JsonNode request = tree(record.value());
                if (request != null && "render".equals(request.path("type").asText("render"))) {
                    Job job = jobs.computeIfAbsent(key, k -> new Job());
                    job.requestedAt = Math.max(job.requestedAt, record.timestamp());
                    // camelCase is the wire's spelling; a request sent before it says audio-name (one release).
                    job.audioName = request.path("audioName").asText(request.path("audio-name").asText(job.audioName));
                    job.priority = request.path("priority").asInt(1);
                    job.album = request.hasNonNull("album") && JobIds.PATTERN.matcher(request.get("album").asText())
                            .matches() ? request.get("album").asText() : null;
                }
            } else if (record.topic().equals(topics.progress())) {
                ProgressEvent event = progress(record.value());
                if (event != null && key.equals(event.jobId())) {
                    Job job = jobs.computeIfAbsent(key, k -> new Job());
                    job.progress = event;
                    job.progressAt = record.timestamp();
                }
            } else if (record.topic().equals(topics.results())) {
                JobResult result = result(record.value());
                if (result != null && key.equals(result.jobId())) {
                    Job job = jobs.computeIfAbsent(key, k -> new Job());
                    job.result = result;
                    job.resultAt = record.timestamp();
                }
            }
        }

        /** A record that is not what the topic should hold is skipped: a client only reports. */
        static JobResult result(String json) {
            try {
                JobResult result = JobResult.fromJson(json);
                return result.state() == null ? null : result;
            } catch (RuntimeException e) {
                return null;
            }
        }

        static ProgressEvent progress(String json) {
            try {
                return ProgressEvent.fromJson(json);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static JsonNode tree(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                return node != null && node.isObject() ? node : null;
            } catch (Exception e) {
                return null;
            }
        }
    }
}
