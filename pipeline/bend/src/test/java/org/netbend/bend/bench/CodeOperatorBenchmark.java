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
 * Per-frame cost of the learned operators beside the paper's hand-picked rotate-r1: one frame = a fresh frame
 * bender (what PLAN's per-frame parameters cost to turn into matrices or fields) and 50 calls, one per sampler
 * step ({@code @every}), on a 4x64x64 latent; code-prompts also computes the frame's prompt weights. Cases are
 * interleaved round by round (after a warm-up of each), so every call site has seen every operator. Prints the
 * median and the 10th..90th percentile of microseconds per frame. Figures only: `./netbend bench code-ops`.
 */
public final class CodeOperatorBenchmark {
    private static final int WARMUP_FRAMES = 300;
    private static final int ROUNDS = 41;
    private static final int FRAMES_PER_ROUND = 10;

    private CodeOperatorBenchmark() { }

    public static void main(String[] args) {
        Map<String, String> specs = new LinkedHashMap<>();
        specs.put("rotate-r1 (hand-picked)", "rotate-r1@every=0.5");
        specs.put("code-matrix (6, SO(4))", "code-matrix@every=0.1,0.2,0.3,0.4,0.5,0.6");
        specs.put("code-matrix(16)", "code-matrix(16)@every=" + "0.3,".repeat(15) + "0.3");
        specs.put("code-field(16) 4x2x2", "code-field(16)@every=" + "0.3,".repeat(15) + "0.3");
        specs.put("code-field(64) 4x4x4", "code-field(64)@every=" + "0.3,".repeat(63) + "0.3");
        specs.put("code-field(256) 4x8x8", "code-field(256)@every=" + "0.3,".repeat(255) + "0.3");
        specs.put("code-prompts (3 prompts)", "code-prompts(a forest|a city|the sea)@every=0.2,0.5,0.9");
        Latent base = new Latent(4, 64, 64);
        KeyedRandom random = KeyedRandom.of(1, 0, "bench");
        for (int i = 0; i < base.size(); i++) {
            base.data()[i] = (float) random.nextGaussian();
        }
        Case[] cases = specs.entrySet().stream().map(e -> new Case(e.getKey(), BendProgram.parse(e.getValue()), base))
                .toArray(Case[]::new);
        for (Case c : cases) {
            c.frames(WARMUP_FRAMES);
        }
        double[][] perFrame = new double[cases.length][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            for (int c = 0; c < cases.length; c++) {
                long start = System.nanoTime();
                cases[c].frames(FRAMES_PER_ROUND);
                perFrame[c][r] = (System.nanoTime() - start) / 1e3 / FRAMES_PER_ROUND;
            }
        }
        System.out.printf(Locale.ROOT, "%-26s %12s %20s %10s%n", "case (4x64x64, 50 steps)", "us/frame",
                "p10..p90 us/frame", "us/step");
        for (int c = 0; c < cases.length; c++) {
            double[] sorted = perFrame[c].clone();
            Arrays.sort(sorted);
            double median = sorted[ROUNDS / 2];
            System.out.printf(Locale.ROOT, "%-26s %12.1f %9.1f..%-9.1f %10.1f%n", cases[c].name, median,
                    sorted[ROUNDS / 10], sorted[ROUNDS * 9 / 10], median / 50);
        }
    }

    /** One spec, its latent and its frame counter. */
    private static final class Case {
        final String name;
        final BendProgram program;
        final Latent base;
        final Latent latent;
        final double[][] params;
        int frame;
        double sink;

        Case(String name, BendProgram program, Latent base) {
            this.name = name;
            this.program = program;
            this.base = base;
            this.latent = base.copy();
            this.params = program.constantParameters();
        }

        void frames(int count) {
            for (int i = 0; i < count; i++) {
                latent.copyFrom(base);
                LatentBender bender = program.forFrame(46, frame++, params);
                if (program.choosesPrompts()) {
                    sink += program.promptWeights(params).weights().get(0);
                }
                for (int step = 0; step < 50; step++) {
                    bender.bend(step, 50, latent);
                }
            }
        }
    }
}
