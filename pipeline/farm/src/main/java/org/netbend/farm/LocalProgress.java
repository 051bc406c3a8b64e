package org.netbend.farm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.netbend.job.JobEvent;

/**
 * Frame events as they happen, for a client in the same JVM as the render slots (the embedded run).
 *
 * <p>The job's event stream carries every frame too, but a slot hands its events to Flink only when its segment is
 * done, so a progress bar fed from it would jump a segment at a time. A cluster run has no such listener: there
 * progress comes from the Flink metrics and the event stream.
 */
public final class LocalProgress {
    private static final Map<String, Consumer<JobEvent>> LISTENERS = new ConcurrentHashMap<>();

    private LocalProgress() { }

    /** Frame events of {@code jobId} go to {@code listener}, from the render threads, until the result is closed. */
    public static AutoCloseable subscribe(String jobId, Consumer<JobEvent> listener) {
        LISTENERS.put(jobId, listener);
        return () -> LISTENERS.remove(jobId, listener);
    }

    static void publish(JobEvent event) {
        Consumer<JobEvent> listener = LISTENERS.get(event.jobId());
        if (listener != null) {
            listener.accept(event);
        }
    }
}
