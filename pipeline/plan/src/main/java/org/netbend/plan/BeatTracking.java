package org.netbend.plan;

import be.tarsos.dsp.beatroot.BeatRootOnsetEventHandler;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Beats from onsets with TarsosDSP's port of BeatRoot (Dixon): tempo induction by inter-onset-interval
 * clustering, then a population of agents that each follow one tempo and phase hypothesis; the best agent's
 * beats are taken, gaps filled. Tempo per frame comes from the onsets around it, so it may change along the track.
 */
final class BeatTracking {
    /** Half-width of the window of onsets that set a frame's tempo. */
    static final double TEMPO_HALF_WINDOW_SECONDS = 3.0;
    static final double MIN_PERIOD_SECONDS = 0.3;
    static final double MAX_PERIOD_SECONDS = 1.0;
    static final double PERIOD_TOLERANCE = 0.02;

    private BeatTracking() { }

    static double[] beats(double[] onsetTimes, double[] saliences) {
        if (onsetTimes.length < 4) {
            return new double[0]; // BeatRoot needs a few intervals to induce a tempo
        }
        BeatRootOnsetEventHandler beatRoot = new BeatRootOnsetEventHandler();
        for (int i = 0; i < onsetTimes.length; i++) {
            beatRoot.handleOnset(onsetTimes[i], saliences[i]);
        }
        OnsetDetection.DoubleList beats = new OnsetDetection.DoubleList();
        withoutLibraryChatter(() -> beatRoot.trackBeats((time, salience) -> beats.add(time)));
        double[] sorted = beats.toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * BeatRoot prints "No best agent" to the process's stderr when it finds no beat (an empty result says so
     * already). The streams are swapped only for the call, under a lock, and anything else printed meanwhile is
     * passed on.
     */
    private static synchronized void withoutLibraryChatter(Runnable call) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(dropping(out));
        System.setErr(dropping(err));
        try {
            call.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static PrintStream dropping(PrintStream target) {
        return new PrintStream(target, true) {
            @Override
            public void println(String line) {
                if (!"No best agent".equals(line)) {
                    super.println(line);
                }
            }
        };
    }

    /**
     * Local tempo in BPM at each frame's centre time t, from the onsets around it, so that it follows tempo
     * changes (BeatRoot's single best agent keeps one tempo for the whole track):
     * <ol>
     *   <li>take the intervals d between successive onsets that both lie in [t − 3 s, t + 3 s];</li>
     *   <li>fold each into the beat-period range [0.3 s, 1 s) (200..60 BPM) by doubling or halving, so
     *       eighth-note hi-hats count for the beat they subdivide;</li>
     *   <li>the period P is the mode of the folded intervals (the one with the most others within ±2 %), refined
     *       as the mean of those within ±2 % of it; tempo = 60 / P.</li>
     * </ol>
     * Frames with fewer than two intervals in reach take the tempo of the nearest frame that has one; 0 when no
     * frame has one.
     */
    static double[] tempoPerFrame(double[] onsetTimes, int frameCount, double fps) {
        double[] tempo = new double[frameCount];
        if (onsetTimes.length < 3) {
            return tempo;
        }
        double[] folded = new double[onsetTimes.length];
        int from = 0;
        for (int f = 0; f < frameCount; f++) {
            double t = (f + 0.5) / fps;
            while (from < onsetTimes.length && onsetTimes[from] < t - TEMPO_HALF_WINDOW_SECONDS) {
                from++;
            }
            int count = 0;
            for (int i = from; i + 1 < onsetTimes.length && onsetTimes[i + 1] <= t + TEMPO_HALF_WINDOW_SECONDS; i++) {
                folded[count++] = fold(onsetTimes[i + 1] - onsetTimes[i]);
            }
            tempo[f] = count >= 2 ? 60 / modePeriod(folded, count) : 0;
        }
        fillGaps(tempo);
        return tempo;
    }

    static double fold(double interval) {
        double d = interval;
        while (d < MIN_PERIOD_SECONDS) {
            d *= 2;
        }
        while (d >= MAX_PERIOD_SECONDS) {
            d /= 2;
        }
        return d;
    }

    private static double modePeriod(double[] periods, int count) {
        int bestSupport = -1;
        double best = periods[0];
        for (int i = 0; i < count; i++) {
            int support = 0;
            for (int j = 0; j < count; j++) {
                if (Math.abs(periods[j] - periods[i]) <= PERIOD_TOLERANCE * periods[i]) {
                    support++;
                }
            }
            if (support > bestSupport) {
                bestSupport = support;
                best = periods[i];
            }
        }
        double sum = 0;
        int n = 0;
        for (int j = 0; j < count; j++) {
            if (Math.abs(periods[j] - best) <= PERIOD_TOLERANCE * best) {
                sum += periods[j];
                n++;
            }
        }
        return sum / n;
    }

    /** Replaces zeros by the nearest non-zero value (forward, then backward). */
    private static void fillGaps(double[] tempo) {
        double last = 0;
        for (int i = 0; i < tempo.length; i++) {
            if (tempo[i] > 0) {
                last = tempo[i];
            } else {
                tempo[i] = last;
            }
        }
        last = 0;
        for (int i = tempo.length - 1; i >= 0; i--) {
            if (tempo[i] > 0) {
                last = tempo[i];
            } else {
                tempo[i] = last;
            }
        }
    }
}
