package org.netbend.farm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendProgram;
import org.netbend.bend.BendSpec;
import org.netbend.farm.BendTracks;
import org.netbend.plan.FeatureTrack;

/**
 * How bend handling scales with the number of bends: parsing, compiling and the per-frame parameter tracks
 * (with their de-duplicated labels) for N identical and N distinct bends on a 20-frame track. Every step should
 * grow linearly in N. Run: {@code ./netbend bench bends [N,N,...]}.
 */
public final class BendScaleBenchmark {
    private BendScaleBenchmark() { }

    public static void main(String[] args) {
        String[] counts = (args.length > 0 ? args[0] : "10000,100000").split(",");
        run(1000, false); // warm-up
        System.out.printf(Locale.ROOT, "%-9s %8s %10s %10s %10s%n", "bends", "kind", "parse ms", "compile ms",
                "tracks ms");
        for (String count : counts) {
            for (boolean distinct : new boolean[] {false, true}) {
                run(Integer.parseInt(count.trim()), distinct);
            }
        }
    }

    private static void run(int count, boolean distinct) {
        long start = System.nanoTime();
        List<BendSpec> bends = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bends.add(BendParser.parse(distinct ? "add@" + (i % 50) + "=rms[0.." + (1 + i % 997) + "]" : "add@0=rms"));
        }
        long parsed = System.nanoTime();
        BendProgram.compile(bends);
        long compiled = System.nanoTime();
        int labels = BendTracks.compute(track(20), bends).labelled().size();
        long tracked = System.nanoTime();
        if (labels != count) {
            throw new IllegalStateException(labels + " labels for " + count + " bends");
        }
        if (count >= 10_000) {
            System.out.printf(Locale.ROOT, "%-9d %8s %10.1f %10.1f %10.1f%n", count, distinct ? "distinct" : "same",
                    (parsed - start) / 1e6, (compiled - parsed) / 1e6, (tracked - compiled) / 1e6);
        }
    }

    private static FeatureTrack track(int frames) {
        Map<String, float[]> features = new LinkedHashMap<>();
        float[] rms = new float[frames];
        for (int i = 0; i < frames; i++) {
            rms[i] = i / (float) frames;
        }
        features.put("rms", rms);
        return new FeatureTrack(20, frames, frames / 20.0, 22050, features, null);
    }
}
