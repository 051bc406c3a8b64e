package org.netbend.bend.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.netbend.bend.BendProgram;
import org.netbend.core.KeyedRandom;
import org.netbend.core.Latent;
import org.netbend.core.LatentBender;

/**
 * Time of one bend per operator on a 4x64x64 latent (one sampler layer, as the sampler calls it once per step), in
 * microseconds: the median of many timed rounds after a warm-up that lets the JIT compile every path. Run it with
 * {@code mvn -q -o -pl pipeline/bend test-compile exec:java} (the module's pom points exec:java here).
 * Figures only; it never fails on time.
 */
public final class OperatorBenchmark {
    private static final int WARMUP_ROUNDS = 2_000;
    private static final int ROUNDS = 31;
    private static final int CALLS_PER_ROUND = 50;

    private OperatorBenchmark() { }

    public static void main(String[] args) {
        Map<String, String> cases = new LinkedHashMap<>();
        for (String op : new String[] {"add", "subtract", "multiply", "add-sparse", "noise", "threshold",
            "threshold-binary", "threshold-soft", "inversion", "rotate-r1", "rotate-r2", "rotate-r3", "rotate-r4",
            "rotate(1,3)", "power", "clamp", "rescale"}) {
            cases.put(op, op + "@every=0.5");
        }
        cases.put("rotate-so4", "rotate-so4@every=0.1,0.2,0.3,0.4,0.5,0.6");
        cases.put("matrix (16 sources)", "matrix@every=" + "0.1,".repeat(15) + "0.1");
        for (String op : new String[] {"reflect(2)", "hadamard", "erode(4)", "dilate(4)", "normalize(channel)",
            "normalize(pixel)", "normalize-max", "log", "abs", "clamp(-1,1)", "rescale(-1,1)", "sobel",
            "gradient(x)"}) {
            cases.put(op, op + "@every");
        }
        cases.put("blend(dilate(4))", "blend(dilate(4))@every=0.5");
        cases.put("add:channel(0)", "add@every:channel(0)=0.5");
        cases.put("add:region(feather)", "add@every:region(0.25,0.25,0.75,0.75,0.1)=0.5");
        cases.put("add:fraction(0.1)", "add@every:fraction(0.1)=0.5");
        cases.put("multiply>normalize", "multiply>normalize(channel)@every=0.5");

        Latent base = KeyedRandom.of(1, 0, "bench").gaussianLatent(4, 64, 64);
        System.out.printf(Locale.ROOT, "%-24s %10s %10s%n", "operator (4x64x64)", "median us", "p10..p90");
        for (Map.Entry<String, String> entry : cases.entrySet()) {
            double[] stats = time(BendProgram.parse(entry.getValue()), base);
            System.out.printf(Locale.ROOT, "%-24s %10.1f %5.1f..%.1f%n", entry.getKey(), stats[0], stats[1], stats[2]);
        }
    }

    /** Median, 10th and 90th percentile of the per-call time in microseconds. */
    private static double[] time(BendProgram program, Latent base) {
        Latent latent = base.copy();
        int frame = 0;
        bender = null;
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            call(program, latent, base, frame++);
        }
        double[] perCall = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                call(program, latent, base, frame++);
            }
            perCall[round] = (System.nanoTime() - start) / 1e3 / CALLS_PER_ROUND;
        }
        Arrays.sort(perCall);
        return new double[] {perCall[ROUNDS / 2], perCall[ROUNDS / 10], perCall[ROUNDS * 9 / 10]};
    }

    private static void call(BendProgram program, Latent latent, Latent base, int call) {
        // One frame bender per 50 calls, as a sampler makes one per frame and calls it once per step; the latent
        // is reset with each frame so repeated bends do not drift into the latent limit.
        if (call % 50 == 0) {
            latent.copyFrom(base);
            bender = program.forFrame(46, call / 50, program.constantParameters());
        }
        bender.bend(call % 50, 50, latent);
    }

    private static LatentBender bender;
}
