package org.netbend.studio;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobIds;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.netbend.job.ProgressEvent;
import org.netbend.job.ServiceMessage;
import org.netbend.job.Submission;
import org.netbend.job.SubmissionDecoder;
import org.netbend.service.client.JobClient;
import org.netbend.service.client.JobSummary;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * Jobs: created from the request JSON of docs/request.md (checked by the job module's {@link SubmissionDecoder},
 * the service's own), sent with the service's {@link JobClient}, followed through {@link JobEvents}, and their
 * frames and videos read from the store.
 */
final class JobRoutes implements AutoCloseable {
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    /** Event streams one client address may hold open at once. */
    static final int MAX_STREAMS_PER_CLIENT = 16;
    /**
     * How often an open event stream gets a comment line: a write is the only way to learn that the client went
     * (a closed tab, a dropped network), and the failed write closes the stream and frees its place.
     */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final SubmissionDecoder decoder;
    private final JobClient client;
    private final JobEvents events;
    private final ObjectStore store;
    private final Path work;
    private final JobDownloads downloads;
    private final Map<String, AtomicInteger> streams = new ConcurrentHashMap<>();
    private final java.util.Set<SseClient> open = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService heartbeat =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "studio-sse-heartbeat");
                t.setDaemon(true);
                return t;
            });

    JobRoutes(SubmissionDecoder decoder, JobClient client, JobEvents events, ObjectStore store, Path work,
            JobDownloads downloads) {
        this.decoder = decoder;
        this.client = client;
        this.events = events;
        this.store = store;
        this.work = work;
        this.downloads = downloads;
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The event streams open now, by client address (for tests and the benchmark). */
    int openStreams() {
        return open.size();
    }

    private void beat() {
        for (SseClient sse : open) {
            synchronized (sse) {
                if (!sse.terminated()) {
                    sse.sendComment("");
                }
            }
        }
    }

    /** POST /api/jobs: 202 with the job id, or 400 with the REJECTED message the service would give. */
    void create(Context ctx) {
        Submission submission = decode(ctx.bodyAsBytes());
        submit(submission);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jobId", submission.jobId());
        answer.put("state", "QUEUED");
        answer.put("warnings", submission.notices()); // a kebab-case request is taken for one release: said here
        ctx.status(202).json(answer);
    }

    /** A render request checked as the service checks it; a refusal is a 400 with its field (and bend span). */
    Submission decode(byte[] body) {
        ServiceMessage message;
        try {
            message = decoder.decode(body);
        } catch (InvalidRequestException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", e.field());
            if (e.getCause() instanceof org.netbend.bend.BendSpecException bend && bend.hasSpan()) {
                details.put("start", bend.start());
                details.put("end", bend.end());
            }
            throw new ApiException(400, JobResult.rejected("-", e).reason(), details);
        }
        if (!(message instanceof Submission submission)) {
            throw ApiException.badRequest("POST /api/jobs takes a render request; cancel with POST "
                    + "/api/jobs/{id}/cancel");
        }
        return submission;
    }

    /** To the requests topic, as {@code netbend submit} sends it. */
    void submit(Submission submission) {
        synchronized (client) {
            client.submit(submission, KAFKA_TIMEOUT);
        }
    }

    /** GET /api/jobs: the recent jobs, newest first, as the topics tell them. */
    void list(Context ctx) {
        List<JobSummary> jobs = client.jobs(100, KAFKA_TIMEOUT);
        ctx.json(jobs.stream().map(JobRoutes::summary).toList());
    }

    /** GET /api/jobs/{id}: the state this studio has read for the job. */
    void one(Context ctx) throws IOException {
        String id = jobId(ctx);
        Optional<JobResult> result = events.result(id);
        Optional<ProgressEvent> progress = events.progress(id);
        Optional<org.netbend.job.JobRequest> request = store.exists(new JobKeys(id).request())
                ? Optional.of(downloads.request(id)) : Optional.empty();
        if (result.isEmpty() && progress.isEmpty() && request.isEmpty()) {
            throw ApiException.notFound("no events of job " + id + " yet (unknown, or waiting in the queue)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", id);
        body.put("state", result.map(r -> r.state().name()).orElse(progress.isPresent() ? "RUNNING" : "QUEUED"));
        request.ifPresent(r -> {
            body.put("audio", r.audioKey());
            body.put("audioName", r.audioName());
        });
        progress.ifPresent(p -> {
            body.put("framesDone", p.framesDone());
            body.put("framesTotal", p.framesTotal());
        });
        result.ifPresent(r -> {
            body.put("videoKey", r.videoKey());
            body.put("frames", r.frames());
            body.put("reason", r.reason());
        });
        ctx.json(body);
    }

    /**
     * Before an event stream starts: a client at its limit gets 429 and a JSON reason (once a stream has started,
     * its status is sent and only an event could say so).
     */
    void admit(Context ctx) {
        AtomicInteger perClient = streams.get(ctx.ip());
        if (perClient != null && perClient.get() >= MAX_STREAMS_PER_CLIENT) {
            throw new ApiException(429, "too many event streams from this client (at most " + MAX_STREAMS_PER_CLIENT
                    + "); close one (a closed tab frees its stream within " + HEARTBEAT.toSeconds() + " s)");
        }
    }

    /** GET /api/jobs/{id}/events: server-sent events, each with its id; Last-Event-ID resumes after it. */
    void events(SseClient sse) {
        Context ctx = sse.ctx();
        String id = jobId(ctx);
        long after = lastEventId(ctx.header("Last-Event-ID"));
        AtomicInteger perClient = streams.computeIfAbsent(ctx.ip(), k -> new AtomicInteger());
        if (perClient.incrementAndGet() > MAX_STREAMS_PER_CLIENT) {
            perClient.decrementAndGet();
            sse.sendEvent("error", "{\"error\":\"too many event streams from this client (at most "
                    + MAX_STREAMS_PER_CLIENT + ")\"}", null);
            sse.close();
            return;
        }
        sse.keepAlive();
        // Registered before the replay, so a client that goes during it is still let go of exactly once.
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable[] stop = {() -> { }};
        sse.onClose(() -> {
            if (closed.compareAndSet(false, true)) {
                open.remove(sse);
                stop[0].run();
                perClient.decrementAndGet();
            }
        });
        open.add(sse);
        stop[0] = events.follow(id, after, event -> {
            synchronized (sse) {
                if (!sse.terminated()) {
                    sse.sendEvent(event.kind(), event.json(), Long.toString(event.id()));
                }
            }
        });
        if (closed.get()) {
            stop[0].run(); // it went while the past events were replayed
        }
    }

    /** GET /api/jobs/{id}/frames: the indexes of the frames stored so far. */
    void frames(Context ctx) throws IOException {
        JobKeys keys = new JobKeys(jobId(ctx));
        ctx.json(store.list(keys.framesPrefix()).stream()
                .map(JobKeys::frameIndexOf)
                .filter(java.util.OptionalInt::isPresent).map(java.util.OptionalInt::getAsInt).toList());
    }

    /** GET /api/jobs/{id}/frames/{n}: one stored frame as PNG. */
    void frame(Context ctx) throws IOException {
        String n = ctx.pathParam("n");
        if (!n.matches("\\d{1,6}")) {
            throw ApiException.badRequest("a frame number is 0.." + JobKeys.MAX_FRAME_INDEX + ", got "
                    + AudioRoutes.shown(n));
        }
        String key = new JobKeys(jobId(ctx)).frame(Integer.parseInt(n));
        byte[] png = store.get(key).orElseThrow(() -> ApiException.notFound("no frame " + n + " stored yet"));
        ctx.contentType("image/png").result(png);
    }

    /** GET /api/jobs/{id}/video: the finished video, with HTTP range requests so that seeking works. */
    void video(Context ctx) throws IOException {
        String id = jobId(ctx);
        JobResult result = events.result(id).filter(r -> r.state() == JobState.DONE)
                .orElseThrow(() -> ApiException.notFound("job " + id + " has no video (not DONE)"));
        Path file = work.resolve("videos").resolve(id + ".mp4");
        if (!Files.isRegularFile(file)) {
            store.getFile(result.videoKey(), file);
        }
        ctx.writeSeekableStream(Files.newInputStream(file), "video/mp4", Files.size(file));
    }

    /** POST /api/jobs/{id}/cancel: the service answers CANCELLED on the results topic. */
    void cancel(Context ctx) {
        String id = jobId(ctx);
        synchronized (client) {
            client.cancel(id, KAFKA_TIMEOUT);
        }
        ctx.status(202).json(Map.of("jobId", id, "cancel", "sent"));
    }

    static String jobId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!JobIds.PATTERN.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw ApiException.badRequest("not a job id ([A-Za-z0-9._-]{1,64}): " + AudioRoutes.shown(id));
        }
        return id;
    }

    private static long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Last-Event-ID must be a number, got " + AudioRoutes.shown(header));
        }
    }

    private static Map<String, Object> summary(JobSummary job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", job.jobId());
        body.put("state", job.state().name());
        body.put("framesDone", job.framesDone());
        body.put("framesTotal", job.framesTotal());
        body.put("when", job.when().toString());
        body.put("audioName", job.audioName());
        body.put("reason", job.reason());
        body.put("priority", job.priority());
        body.put("submitted", job.submitted() == null ? null : job.submitted().toString());
        body.put("album", job.album());
        return body;
    }

    /** Stops the heartbeat and closes the streams still open (the server is stopping). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        for (SseClient sse : open) {
            sse.close();
        }
    }
}
