package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;

/** Progress of a job as Flink metrics and as events: frames done of total, frames per second, ETA. */
class ProgressIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(() -> {
        Configuration conf = new Configuration();
        conf.setString("metrics.reporter.capture.factory.class", CapturingReporter.Factory.class.getName());
        return new MiniClusterResourceConfiguration.Builder().setConfiguration(conf)
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build();
    });

    @TempDir Path temp;

    @Test
    void metricsAndEventsCountEveryFrameOnceAndReportSpeedAndEta() throws Exception {
        CapturingReporter.METRICS.clear();
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("p.wav"), 0.5, 0.5, 0.5);
        try (ObjectStore store = new LocalStore(temp.resolve("store"))) {
            JobRequest request = Jobs.txt2img(store, audio, List.of(), 4);
            List<JobEvent> events = new ArrayList<>();
            List<JobEvent> live = java.util.Collections.synchronizedList(new ArrayList<>());
            JobEvent done;
            try (AutoCloseable subscription = LocalProgress.subscribe(request.jobId(), live::add)) {
                done = LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request,
                        Jobs.options(temp.resolve("store"), temp.resolve("cache"), 2, false), events::add);
            }
            int total = 15;
            assertEquals(total, done.totalFrames());
            // The in-process channel saw every frame as it was made, each once.
            assertEquals(total, live.stream().filter(e -> e.kind() == JobEvent.Kind.FRAME).map(JobEvent::frame)
                    .distinct().count());
            assertEquals(total, live.stream().filter(e -> e.kind() == JobEvent.Kind.FRAME).count());

            // Events: frames done never go back, the last progress event says all frames, with a speed and no time left.
            int last = 0;
            for (JobEvent e : events) {
                assertTrue(e.framesDone() >= last, "framesDone must not go back: " + e);
                last = e.framesDone();
            }
            JobEvent lastProgress = events.get(events.size() - 2);
            assertEquals(total, lastProgress.framesDone());
            assertTrue(lastProgress.framesPerSecond() > 0, "frames per second is measured");
            assertEquals(0.0, lastProgress.etaSeconds(), "nothing left to do");
            assertTrue(events.stream().filter(e -> e.kind() == JobEvent.Kind.FRAME).anyMatch(e -> e.etaSeconds() > 0),
                    "an ETA is given while frames remain");

            // Metrics: per slot counters (render) and per job gauges (assemble).
            assertEquals(total, sum("netbend.framesRendered"), "frames rendered over all slots");
            assertEquals(0, sum("netbend.framesResumed"));
            assertEquals(4, sum("netbend.segmentsDone"));
            assertEquals(total, gauge("job." + request.jobId() + ".framesDone"));
            assertEquals(total, gauge("job." + request.jobId() + ".framesTotal"));
            assertEquals(0.0, gauge("job." + request.jobId() + ".etaSeconds"));
            assertTrue(((Number) gauge("job." + request.jobId() + ".framesPerSecond")).doubleValue() > 0);

            // The same request again: every frame comes from the store, counted as resumed.
            CapturingReporter.METRICS.clear();
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request,
                    Jobs.options(temp.resolve("store"), temp.resolve("cache"), 2, false), e -> { });
            assertEquals(0, sum("netbend.framesRendered"));
            assertEquals(total, sum("netbend.framesResumed"));
        }
    }

    private static long sum(String suffix) {
        List<Long> counts = new ArrayList<>();
        for (Map.Entry<String, Metric> e : CapturingReporter.METRICS.entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Counter c) {
                counts.add(c.getCount());
            }
        }
        assertFalse(counts.isEmpty(), "no counter named *" + suffix + " in " + CapturingReporter.METRICS.keySet());
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    private static Object gauge(String suffix) {
        for (Map.Entry<String, Metric> e : CapturingReporter.METRICS.entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Gauge<?> g) {
                return g.getValue();
            }
        }
        throw new AssertionError("no gauge named *" + suffix + " in " + CapturingReporter.METRICS.keySet());
    }
}
