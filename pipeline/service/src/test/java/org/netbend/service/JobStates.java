package org.netbend.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** The states a named job goes through, polled from the JobManager's REST API every 100 ms. */
final class JobStates implements AutoCloseable {
    private record Change(long nanos, String state) { }

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private JobStates(StandaloneCluster cluster, String jobName) {
        poller = new Thread(() -> {
            while (running) {
                String state = stateOf(cluster.get("/jobs/overview"), jobName);
                if (state != null && (changes.isEmpty() || !changes.get(changes.size() - 1).state().equals(state))) {
                    changes.add(new Change(System.nanoTime(), state));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "job-state-poller");
        poller.setDaemon(true);
    }

    static JobStates watch(StandaloneCluster cluster, String jobName) {
        JobStates states = new JobStates(cluster, jobName);
        states.poller.start();
        return states;
    }

    /** The newest job of that name (a later test run of the same request has the same name). */
    private static String stateOf(JsonNode overview, String jobName) {
        if (overview == null) {
            return null;
        }
        String state = null;
        long newest = Long.MIN_VALUE;
        for (JsonNode job : overview.path("jobs")) {
            if (job.path("name").asText().equals(jobName) && job.path("start-time").asLong() > newest) {
                newest = job.path("start-time").asLong();
                state = job.path("state").asText();
            }
        }
        return state;
    }

    /** e.g. "RESTARTING after 1.2 s, RUNNING after 4.0 s, FINISHED after 9.1 s". */
    String describeSince(long nanos) {
        List<String> parts = new ArrayList<>();
        for (Change change : changes) {
            if (change.nanos() >= nanos) {
                parts.add(String.format(Locale.ROOT, "%s %.1f s after the kill", change.state(),
                        (change.nanos() - nanos) / 1e9));
            }
        }
        return parts.isEmpty() ? "no state change seen" : String.join(", ", parts);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(5000);
    }
}
