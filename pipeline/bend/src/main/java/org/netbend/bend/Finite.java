package org.netbend.bend;

/** The last line of defence that keeps every latent value finite (see README, "Safety"). */
public final class Finite {
    /**
     * Largest magnitude a bend writes. SD latents live within about +-5 (x_T is N(0,1), x_0 rarely passes 4),
     * so 1e4 never touches a sensible result while keeping later x*r far from float overflow.
     */
    public static final float LATENT_LIMIT = 1e4f;

    private Finite() { }

    /** NaN becomes 0; everything else is clamped to +-LATENT_LIMIT. */
    public static float cap(double v) {
        if (Double.isNaN(v)) {
            return 0f;
        }
        return (float) Math.max(-LATENT_LIMIT, Math.min(LATENT_LIMIT, v));
    }
}
