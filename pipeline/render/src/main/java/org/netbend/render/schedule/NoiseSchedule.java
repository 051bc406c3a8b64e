package org.netbend.render.schedule;

/**
 * The training noise schedule of a diffusion model: betas and their cumulative product
 * {@code alphas_cumprod[t] = prod_{s<=t} (1 - beta_s)}, computed in double precision and rounded to float where
 * used. diffusers builds the same schedule in float32 (torch.linspace(..., float32)**2 and a float32 cumprod), so
 * values differ from torch's by a few float32 ulps (relative 1.6e-6 at t = 981): invisible in images.
 * {@code beta_schedule}: {@code scaled_linear} (SD: {@code linspace(sqrt(0.00085), sqrt(0.012), 1000)^2}),
 * {@code linear}, {@code squaredcos_cap_v2} (the cosine schedule, betas capped at 0.999), or {@code trained_betas}.
 */
public final class NoiseSchedule {
    /** diffusers' defaults for a config that names none (every scheduler but LCM). */
    static final Defaults DIFFUSERS = new Defaults(0.0001, 0.02, "linear");

    private final double[] betas;
    private final double[] alphasCumprod;

    /** Betas used when a config leaves them out. */
    record Defaults(double betaStart, double betaEnd, String betaSchedule) { }

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
        return of(config, DIFFUSERS, "ddim");
    }

    static NoiseSchedule of(SchedulerConfig config, Defaults defaults, String scheduler) {
        config.requireOff(scheduler, "rescale_betas_zero_snr");
        double[] trained = config.numbers("trained_betas");
        if (trained != null) {
            if (trained.length < 2) {
                throw new IllegalArgumentException("the model's scheduler_config.json has fewer than 2 trained_betas");
            }
            return new NoiseSchedule(trained.clone());
        }
        int n = config.integer("num_train_timesteps", 1000);
        if (n < 2) {
            throw new IllegalArgumentException("num_train_timesteps must be at least 2, got " + n);
        }
        double start = config.number("beta_start", defaults.betaStart());
        double end = config.number("beta_end", defaults.betaEnd());
        String kind = config.choice(scheduler, "beta_schedule", defaults.betaSchedule(),
                "scaled_linear", "linear", "squaredcos_cap_v2");
        if (!kind.equals("squaredcos_cap_v2") && !(start > 0 && end > start && end < 1)) {
            throw new IllegalArgumentException("betas must satisfy 0 < beta_start < beta_end < 1, got "
                    + start + ", " + end);
        }
        double[] betas = new double[n];
        switch (kind) {
            case "scaled_linear" -> {
                double lo = Math.sqrt(start);
                double hi = Math.sqrt(end);
                for (int i = 0; i < n; i++) {
                    double b = linspace(lo, hi, n, i);
                    betas[i] = b * b;
                }
            }
            case "linear" -> {
                for (int i = 0; i < n; i++) {
                    betas[i] = linspace(start, end, n, i);
                }
            }
            default -> {
                // diffusers' betas_for_alpha_bar: 1 - abar((i+1)/n) / abar(i/n), capped at 0.999
                for (int i = 0; i < n; i++) {
                    betas[i] = Math.min(1 - cosineAlphaBar((i + 1.0) / n) / cosineAlphaBar((double) i / n), 0.999);
                }
            }
        }
        return new NoiseSchedule(betas);
    }

    private static double cosineAlphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    /** numpy/torch linspace: start + i * (stop - start) / (n - 1), the last point exactly stop. */
    static double linspace(double start, double stop, int n, int i) {
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

    /** sigma at a fractional timestep, linear between the integers (numpy's interp, as diffusers does). */
    public double sigmaAt(double t) {
        int last = betas.length - 1;
        if (t <= 0) {
            return sigma(0);
        }
        if (t >= last) {
            return sigma(last);
        }
        int lo = (int) Math.floor(t);
        double w = t - lo;
        return w == 0 ? sigma(lo) : sigma(lo) + w * (sigma(lo + 1) - sigma(lo));
    }

    /**
     * diffusers' {@code _sigma_to_t}: the fractional timestep whose log-sigma is {@code sigma}'s, linear in
     * log-sigma between neighbouring training steps.
     */
    public double timestepOf(double sigma) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int n = betas.length;
        int low = 0;
        for (int i = 0; i < n; i++) {
            if (logSigma - Math.log(sigma(i)) >= 0) {
                low = i; // the last index whose log-sigma is <= logSigma (log-sigmas increase with t)
            }
        }
        low = Math.min(low, n - 2);
        double lowLog = Math.log(sigma(low));
        double highLog = Math.log(sigma(low + 1));
        double w = Math.max(0, Math.min(1, (lowLog - logSigma) / (lowLog - highLog)));
        return (1 - w) * low + w * (low + 1);
    }
}
