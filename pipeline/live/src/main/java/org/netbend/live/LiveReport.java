package org.netbend.live;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a session went: frames rendered and skipped, achieved fps over the session, audio-to-frame latency
 * percentiles, mean milliseconds per frame in each stage, and why it ended.
 */
public record LiveReport(int rendered, int skipped, double seconds, double[] latencies, double[] stageMillis,
        String ended) {
    public enum Stage { FEATURES, PARAMETERS, UNET, SCHEDULER, BEND, VAE, SINK }

    public double fps() { return seconds > 0 ? rendered / seconds : 0; }

    /** The q-quantile (0..1) of the latencies in seconds, nearest rank; 0 without frames. */
    public double latency(double q) {
        if (latencies.length == 0) {
            return 0;
        }
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    public String summary() {
        StringBuilder stages = new StringBuilder();
        for (Stage stage : Stage.values()) {
            stages.append(String.format(Locale.ROOT, " %s %.1f", stage.name().toLowerCase(Locale.ROOT),
                    stageMillis[stage.ordinal()]));
        }
        return String.format(Locale.ROOT, "%d frames rendered, %d skipped in %.1f s: %.1f fps; audio-to-frame latency"
                + " p50 %.0f ms, p95 %.0f ms; ms per frame:%s; %s", rendered, skipped, seconds, fps(),
                latency(0.5) * 1000, latency(0.95) * 1000, stages, ended);
    }
}
