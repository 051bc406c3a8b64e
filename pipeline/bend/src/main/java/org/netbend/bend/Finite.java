package org.netbend.bend;

/** The last line of defence that keeps every latent value finite (see README, "Safety"). */
public final class Finite {
    /**
     * Largest magnitude a bend writes. SD latents live within about +-5 (x_T is N(0,1), x_0 rarely passes 4),
     * so 1e4 never touches a sensible result while keeping later x*r far from float overflow.
     */
    public static final float LATENT_LIMIT = 1e4f;

    private Finite() { }

    /*
     * Both caps test the plain case first: two compares that the CPU predicts, where Math.min/max on floating
     * point compile to long NaN- and signed-zero-aware sequences. Inside the limits that path returns exactly
     * what the full expression would.
     */

    /** NaN becomes 0; everything else is clamped to +-LATENT_LIMIT. */
    public static float cap(double v) {
        if (v > -LATENT_LIMIT && v < LATENT_LIMIT) {
            return (float) v;
        }
        if (Double.isNaN(v)) {
            return 0f;
        }
        return (float) Math.max(-LATENT_LIMIT, Math.min(LATENT_LIMIT, v));
    }

    /** The same for a float; cap((double) v) == cap(v) for every float v (the limit is exact in both). */
    public static float cap(float v) {
        if (v > -LATENT_LIMIT && v < LATENT_LIMIT) {
            return v;
        }
        return v != v ? 0f : Math.max(-LATENT_LIMIT, Math.min(LATENT_LIMIT, v));
    }

    /** Caps {@code values[from .. to)} in place. */
    static void capRange(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = cap(values[i]);
        }
    }
}
