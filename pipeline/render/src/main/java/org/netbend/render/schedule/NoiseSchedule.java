package org.netbend.render.schedule;

/**
 * The training noise schedule of a diffusion model: betas, alphas and their cumulative product
 * {@code alphas_cumprod[t] = prod_{s<=t} (1 - beta_s)}, computed in double precision and rounded to float.
 * diffusers builds the same schedule in float32 (torch.linspace(..., float32)**2 and a float32 cumprod), so
 * values differ from torch's by a few float32 ulps (relative 1.6e-6 at t = 981): invisible in images. SD v1 uses {@code scaled_linear} betas from 0.00085 to 0.012 over 1000 steps:
 * {@code betas = linspace(sqrt(0.00085), sqrt(0.012), 1000)^2}.
 */
public final class NoiseSchedule {
    private final double[] betas;
    private final double[] alphasCumprod;

    private NoiseSchedule(double[] betas) {
        this.betas = betas;
        this.alphasCumprod = new double[betas.length];
        double product = 1;
        for (int t = 0; t < betas.length; t++) {
            product *= 1 - betas[t];
            alphasCumprod[t] = product;
        }
    }

    /** Stable Diffusion v1's schedule. */
    public static NoiseSchedule stableDiffusionV1() {
        return of(SchedulerConfig.STABLE_DIFFUSION_V1);
    }

    public static NoiseSchedule of(SchedulerConfig config) {
        int n = config.trainTimesteps();
        double[] betas = new double[n];
        switch (config.betaSchedule()) {
            case "scaled_linear" -> {
                double lo = Math.sqrt(config.betaStart());
                double hi = Math.sqrt(config.betaEnd());
                for (int i = 0; i < n; i++) {
                    double b = linspace(lo, hi, n, i);
                    betas[i] = b * b;
                }
            }
            case "linear" -> {
                for (int i = 0; i < n; i++) {
                    betas[i] = linspace(config.betaStart(), config.betaEnd(), n, i);
                }
            }
            default -> throw new IllegalArgumentException("unsupported beta_schedule '" + config.betaSchedule()
                    + "' (supported: scaled_linear, linear)");
        }
        return new NoiseSchedule(betas);
    }

    /** numpy/torch linspace: start + i * (stop - start) / (n - 1), the last point exactly stop. */
    private static double linspace(double start, double stop, int n, int i) {
        if (n == 1) {
            return start;
        }
        return i == n - 1 ? stop : start + i * (stop - start) / (n - 1);
    }

    public int trainTimesteps() { return betas.length; }

    public double beta(int t) { return betas[t]; }

    public double alphaCumprod(int t) { return alphasCumprod[t]; }

    /** A copy of the whole table. */
    public double[] alphasCumprod() { return alphasCumprod.clone(); }

    /** The noise level in sigma (variance-exploding) form: sqrt((1 - a) / a). */
    public double sigma(int t) {
        double a = alphasCumprod[t];
        return Math.sqrt((1 - a) / a);
    }
}
