package org.netbend.bend.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netbend.bend.BendProgram;
import org.netbend.core.KeyedRandom;
import org.netbend.core.Latent;
import org.netbend.core.LatentBender;

/**
 * Time of one {@code bend} call per operator on a 4x64x64 latent, in microseconds, as a sampler makes it: one
 * frame bender per 50 calls (one per step), every call acting. Two columns:
 * <ul>
 *   <li>{@code alone}: each case is warmed up and timed before the next case has run, so the JIT has seen few
 *       operators (early cases flatter themselves: their call sites are still monomorphic);</li>
 *   <li>{@code mixed}: after every case has run, rounds of all cases interleaved, so each call site has seen
 *       every operator. This is the realistic figure: a render runs several bends in one JVM.</li>
 * </ul>
 * Run it with {@code mvn -q -o -pl pipeline/bend test-compile exec:java}. Figures only; it never fails on time.
 */
public final class OperatorBenchmark {
    private static final int WARMUP_CALLS = 3_000;
    private static final int ROUNDS = 41;
    private static final int CALLS_PER_ROUND = 50;

    private OperatorBenchmark() { }

    public static void main(String[] args) {
        Latent base = KeyedRandom.of(1, 0, "bench").gaussianLatent(4, 64, 64);
        List<Case> cases = new ArrayList<>();
        cases().forEach((name, spec) -> cases.add(new Case(name, BendProgram.parse(spec), base)));

        double[][] alone = new double[cases.size()][];
        for (int c = 0; c < cases.size(); c++) {
            cases.get(c).run(WARMUP_CALLS);
            alone[c] = percentiles(cases.get(c).rounds(ROUNDS));
        }
        // Mixed: warm every case again, then interleave them round by round.
        for (Case c : cases) {
            c.run(WARMUP_CALLS / 3);
        }
        double[][] mixedRounds = new double[cases.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < cases.size(); c++) {
                mixedRounds[c][round] = cases.get(c).rounds(1)[0];
            }
        }
        System.out.printf(Locale.ROOT, "%-22s %9s %9s %17s%n", "operator (4x64x64)", "alone us", "mixed us",
                "mixed p10..p90");
        for (int c = 0; c < cases.size(); c++) {
            double[] mixed = percentiles(mixedRounds[c]);
            System.out.printf(Locale.ROOT, "%-22s %9.1f %9.1f %8.1f..%-8.1f%n", cases.get(c).name, alone[c][0],
                    mixed[0], mixed[1], mixed[2]);
        }
    }

    private static Map<String, String> cases() {
        Map<String, String> cases = new LinkedHashMap<>();
        for (String op : new String[] {"add", "subtract", "multiply", "add-sparse", "noise", "threshold",
            "threshold-binary", "threshold-soft", "inversion", "rotate-r1", "rotate-r2", "rotate-r3", "rotate-r4",
            "rotate(1,3)", "power", "clamp", "rescale"}) {
            cases.put(op, op + "@every=0.5");
        }
        cases.put("rotate-so4", "rotate-so4@every=0.1,0.2,0.3,0.4,0.5,0.6");
        cases.put("matrix (16 sources)", "matrix@every=" + "0.1,".repeat(15) + "0.1");
        for (String op : new String[] {"reflect(2)", "hadamard", "erode(4)", "dilate(4)", "erode(15)",
            "normalize(channel)", "normalize(pixel)", "normalize-max", "log", "abs", "clamp(-1,1)", "rescale(-1,1)",
            "sobel", "gradient(x)", "gradient(y)"}) {
            cases.put(op, op + "@every");
        }
        cases.put("blend(dilate(4))", "blend(dilate(4))@every=0.5");
        cases.put("add:channel(0)", "add@every:channel(0)=0.5");
        cases.put("add:region(feather)", "add@every:region(0.25,0.25,0.75,0.75,0.1)=0.5");
        cases.put("add:fraction(0.1)", "add@every:fraction(0.1)=0.5");
        cases.put("multiply>normalize", "multiply>normalize(channel)@every=0.5");
        return cases;
    }

    /** Median, 10th and 90th percentile. */
    private static double[] percentiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new double[] {sorted[n / 2], sorted[n / 10], sorted[n * 9 / 10]};
    }

    /** One spec being timed, with its own latent and frame counter. */
    private static final class Case {
        final String name;
        final BendProgram program;
        final Latent base;
        final Latent latent;
        final double[][] params;
        LatentBender bender;
        int call;

        Case(String name, BendProgram program, Latent base) {
            this.name = name;
            this.program = program;
            this.base = base;
            this.latent = base.copy();
            this.params = program.constantParameters();
        }

        void run(int calls) {
            for (int i = 0; i < calls; i++) {
                step();
            }
        }

        /** Microseconds per call of each round of CALLS_PER_ROUND calls. */
        double[] rounds(int rounds) {
            double[] perCall = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                run(CALLS_PER_ROUND);
                perCall[r] = (System.nanoTime() - start) / 1e3 / CALLS_PER_ROUND;
            }
            return perCall;
        }

        private void step() {
            // A fresh frame bender every 50 calls, as a sampler makes one per frame and calls it once per step;
            // the latent is reset with each frame so repeated bends do not drift into the latent limit.
            if (call % 50 == 0) {
                latent.copyFrom(base);
                bender = program.forFrame(46, call / 50, params);
            }
            bender.bend(call % 50, 50, latent);
            call++;
        }
    }
}
