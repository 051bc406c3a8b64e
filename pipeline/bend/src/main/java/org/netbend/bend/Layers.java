package org.netbend.bend;

import java.io.Serializable;

/**
 * Which sampler layers a bend acts on. Layer k (0 <= k < steps) is the latent entering step k, before the
 * U-Net call; layer {@code steps} is the final latent before decoding ({@code final}). For img2img, steps
 * counts only the steps actually run.
 */
public sealed interface Layers extends Serializable {

    boolean actsAt(int layer, int layers);

    /** The highest step index named, or -1 when the selection fits any step count (final, every). */
    int maxStep();

    String canonical();

    /** One step k. */
    record At(int step) implements Layers {
        public At {
            if (step < 0) {
                throw new BendSpecException("layer " + step + " is negative; layers count from 0");
            }
        }

        @Override public boolean actsAt(int layer, int layers) { return layer == step && step < layers; }

        @Override public int maxStep() { return step; }

        @Override public String canonical() { return Integer.toString(step); }
    }

    /** The final latent, after the last step and before the VAE decode. */
    record Final() implements Layers {
        @Override public boolean actsAt(int layer, int layers) { return layer == layers; }

        @Override public int maxStep() { return -1; }

        @Override public String canonical() { return "final"; }
    }

    /** Every step from {@code from} to {@code to}, both included. */
    record Span(int from, int to) implements Layers {
        public Span {
            if (from < 0 || to < from) {
                throw new BendSpecException("layer range '" + from + "-" + to + "' must be a-b with 0 <= a <= b");
            }
        }

        @Override public boolean actsAt(int layer, int layers) { return layer >= from && layer <= to && layer < layers; }

        @Override public int maxStep() { return to; }

        @Override public String canonical() { return from + "-" + to; }
    }

    /** Every sampler step 0..steps-1 (not the final latent: add a second bend at {@code final} for that). */
    record Every() implements Layers {
        @Override public boolean actsAt(int layer, int layers) { return layer < layers; }

        @Override public int maxStep() { return -1; }

        @Override public String canonical() { return "every"; }
    }
}
