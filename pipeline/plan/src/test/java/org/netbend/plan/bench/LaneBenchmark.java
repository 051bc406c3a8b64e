package org.netbend.plan.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.netbend.core.Lane;
import org.netbend.core.LaneInterpolation;
import org.netbend.core.LanePoint;
import org.netbend.core.LaneTime;
import org.netbend.core.Modifier;
import org.netbend.core.ModifierKind;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.LaneTracks;
import org.netbend.plan.ParameterTracks;

/**
 * What a lane costs where the studio redraws it on every keystroke: a 10-minute track at 20 fps (12,000 frames),
 * lanes of 100, 2,000 and 20,000 points (the most a lane holds) in each interpolation, then five bends reading lanes
 * and a feature through modifiers, as {@code POST /api/tracks} would compute them. Prints the median of 25 runs
 * after a warm-up, in milliseconds. Run: {@code ./netbend bench lanes [MINUTES]}. Figures only.
 */
public final class LaneBenchmark {
    private static final double FPS = 20;
    private static final int RUNS = 25;

    private LaneBenchmark() { }

    public static void main(String[] args) {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int frames = (int) (minutes * 60 * FPS);
        Random random = new Random(7);
        float[] rms = new float[frames];
        for (int i = 0; i < frames; i++) {
            rms[i] = random.nextFloat();
        }
        FeatureTrack track = new FeatureTrack(FPS, frames, frames / FPS, 44_100, Map.of("rms", rms), null);
        System.out.printf(Locale.ROOT, "%d-minute track at %.0f fps (%d frames), median of %d runs, one thread%n",
                minutes, FPS, frames, RUNS);
        System.out.printf(Locale.ROOT, "%-36s %8s%n", "lane to per-frame values", "ms");
        for (int points : new int[] {100, 2_000, Lane.MAX_POINTS}) {
            for (LaneInterpolation how : LaneInterpolation.values()) {
                Map<String, Lane> lanes = Map.of("x", lane(how, points, minutes * 60.0, random));
                double ms = medianMillis(() -> LaneTracks.withLanes(track, lanes));
                System.out.printf(Locale.ROOT, "%-36s %8.3f%n", points + " points, " + how.label(), ms);
            }
        }
        Map<String, Lane> lanes = new HashMap<>();
        lanes.put("swell", lane(LaneInterpolation.CUBIC, 50, minutes * 60.0, random));
        lanes.put("knob", lane(LaneInterpolation.STEP, Lane.MAX_POINTS, minutes * 60.0, random));
        List<ParameterSource> bends = List.of(
                new ParameterSource.Feature("lane:swell", new Range(0, 2 * Math.PI), List.of()),
                new ParameterSource.Feature("lane:knob", new Range(1, 1.5), List.of(new Modifier(ModifierKind.INPUT,
                        List.of("0", "127")))),
                new ParameterSource.Combined(ParameterSource.Combiner.MAX, List.of("rms", "lane:swell"), new Range(0, 2),
                        List.of(new Modifier(ModifierKind.MEDIAN, List.of("5")))),
                new ParameterSource.Feature("rms", new Range(0, 5), List.of(new Modifier(ModifierKind.ENVELOPE,
                        List.of("10", "300")), new Modifier(ModifierKind.CURVE, List.of("exp")))),
                new ParameterSource.Feature("lane:knob", new Range(0, 1), List.of(new Modifier(ModifierKind.SMOOTH,
                        List.of("0.8")))));
        double ms = medianMillis(() -> {
            FeatureTrack withLanes = LaneTracks.withLanes(track, lanes);
            List<double[]> tracks = new ArrayList<>();
            for (ParameterSource source : bends) {
                tracks.add(ParameterTracks.compute(withLanes, source));
            }
            return tracks;
        });
        System.out.printf(Locale.ROOT, "%-36s %8.3f%n", "2 lanes + 5 bends' parameter tracks", ms);
        FeatureTrack withLanes = LaneTracks.withLanes(track, lanes);
        for (int b = 0; b < bends.size(); b++) {
            ParameterSource source = bends.get(b);
            System.out.printf(Locale.ROOT, "  %-34s %8.3f%n", "bend " + b + " alone",
                    medianMillis(() -> ParameterTracks.compute(withLanes, source)));
        }
    }

    /** {@code n} points spread over the track, values 0..127 as a recorded knob. */
    private static Lane lane(LaneInterpolation how, int n, double seconds, Random random) {
        List<LanePoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new LanePoint(LaneTime.seconds(seconds * i / n), random.nextInt(128)));
        }
        return new Lane(how, points);
    }

    private static double medianMillis(java.util.function.Supplier<Object> work) {
        for (int i = 0; i < 5; i++) {
            work.get();
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }
}
