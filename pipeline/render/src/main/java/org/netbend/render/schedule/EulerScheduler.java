package org.netbend.render.schedule;

/**
 * diffusers' {@code EulerDiscreteScheduler} and, with {@code ancestral}, {@code EulerAncestralDiscreteScheduler}.
 * In sigma form {@code x_s = x0 + sigma eps}: one Euler step of the probability-flow ODE to the next sigma
 * (ancestral: to sigma_down, then fresh noise times sigma_up is added, so the marginal is right at sigma_next).
 * Config fields honoured: betas, {@code timestep_spacing} (linspace by default, leading, trailing),
 * {@code steps_offset}, {@code prediction_type} (epsilon, v_prediction), {@code use_karras_sigmas} with
 * {@code sigma_min}/{@code sigma_max} (Euler only), {@code final_sigmas_type} (zero, sigma_min).
 *
 * <p>The latent handed in and out is the variance-preserving one, {@code x_t = x_s / sqrt(1 + sigma^2)}
 * (exactly diffusers' {@code scale_model_input}), so bends see the same scale as with DDIM. Timesteps are
 * fractional in diffusers (linspace and Karras): a floating-point U-Net input gets them exactly
 * ({@link #exactTimesteps}), an int64 one truncated ({@link #timesteps}), as diffusers' ONNX pipelines cast
 * them; the sigmas always use the exact values.
 */
public final class EulerScheduler implements Scheduler {
    private final NoiseSchedule schedule;
    private final boolean ancestral;
    private final String spacing;
    private final int stepsOffset;
    private final Prediction prediction;
    private final boolean karras;
    private final double sigmaMin;
    private final double sigmaMax;
    private final boolean finalSigmaMin;

    public EulerScheduler(SchedulerConfig config) {
        this(config, false);
    }

    public EulerScheduler(SchedulerConfig config, boolean ancestral) {
        String name = ancestral ? "euler-ancestral" : "euler";
        this.ancestral = ancestral;
        this.schedule = NoiseSchedule.of(config, NoiseSchedule.DIFFUSERS, name);
        this.spacing = config.choice(name, "timestep_spacing", "linspace", "linspace", "leading", "trailing");
        this.stepsOffset = config.integer("steps_offset", 0);
        this.prediction = Prediction.of(config, name, false);
        this.karras = !ancestral && config.flag("use_karras_sigmas", false);
        this.sigmaMin = config.number("sigma_min", Double.NaN);
        this.sigmaMax = config.number("sigma_max", Double.NaN);
        if (!ancestral) {
            config.choice(name, "interpolation_type", "linear", "linear");
            this.finalSigmaMin = config.choice(name, "final_sigmas_type", "zero", "zero", "sigma_min").equals("sigma_min");
            config.requireOff(name, "use_exponential_sigmas", "use_beta_sigmas");
            config.requireAbsentOr(name, "timestep_type", "discrete");
        } else {
            this.finalSigmaMin = false;
        }
    }

    @Override
    public String name() { return ancestral ? "euler-ancestral" : "euler"; }

    @Override
    public boolean drawsNoise() { return ancestral; }

    /** The fractional timesteps diffusers visits (and feeds a floating-point U-Net input). */
    @Override
    public double[] exactTimesteps(int steps) {
        double[] t = spaced(steps);
        if (karras) {
            double[] s = karrasSigmas(t);
            double[] k = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                k[i] = schedule.timestepOf(s[i]);
            }
            return k;
        }
        return t;
    }

    /** The sigmas of each step, then the final one (0, or sigma_min when the config asks). */
    double[] sigmas(int steps) {
        double[] t = spaced(steps);
        double[] s = karras ? karrasSigmas(t) : interpolated(t);
        double[] out = java.util.Arrays.copyOf(s, s.length + 1);
        out[s.length] = finalSigmaMin ? schedule.sigma(0) : 0;
        return out;
    }

    private double[] spaced(int steps) {
        int train = schedule.trainTimesteps();
        TimestepSpacing.requireSteps(steps, train);
        return switch (spacing) {
            case "leading" -> TimestepSpacing.leading(steps, train, stepsOffset);
            case "trailing" -> TimestepSpacing.trailing(steps, train);
            default -> TimestepSpacing.linspace(steps, train);
        };
    }

    private double[] interpolated(double[] t) {
        double[] s = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            s[i] = schedule.sigmaAt(t[i]);
        }
        return s;
    }

    private double[] karrasSigmas(double[] t) {
        double[] s = interpolated(t);
        double min = Double.isNaN(sigmaMin) ? s[s.length - 1] : sigmaMin;
        double max = Double.isNaN(sigmaMax) ? s[0] : sigmaMax;
        return TimestepSpacing.karras(min, max, s.length);
    }

    @Override
    public int[] timesteps(int steps) {
        return TimestepSpacing.toInts(exactTimesteps(steps));
    }

    @Override
    public double initialNoiseScale(int steps) {
        double max = sigmas(steps)[0];
        // init_noise_sigma is sigma_max for linspace and trailing, sqrt(sigma_max^2 + 1) for leading
        return spacing.equals("leading") ? 1 : max / Math.sqrt(max * max + 1);
    }

    @Override
    public Run start(int steps, int first) {
        double[] sigmas = sigmas(steps);
        return new Run() {
            @Override
            public void addNoise(float[] x0, float[] noise) {
                double sigma = sigmas[first];
                double scale = 1 / Math.sqrt(sigma * sigma + 1);
                for (int i = 0; i < x0.length; i++) {
                    x0[i] = (float) ((x0[i] + noise[i] * sigma) * scale);
                }
            }

            @Override
            public void step(int k, float[] modelOutput, float[] x, StepNoise noise) {
                int index = first + k;
                double sigma = sigmas[index];
                double next = sigmas[index + 1];
                double toSigma = Math.sqrt(sigma * sigma + 1);
                double target = next;
                double up = 0;
                if (ancestral) {
                    up = Math.sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma));
                    target = Math.sqrt(next * next - up * up);
                }
                double fromSigma = 1 / Math.sqrt(next * next + 1);
                double dt = target - sigma;
                float[] fresh = up > 0 ? noise.draw(index) : null;
                for (int i = 0; i < x.length; i++) {
                    double xs = x[i] * toSigma;
                    double x0 = prediction == Prediction.EPSILON ? xs - sigma * modelOutput[i]
                            : modelOutput[i] * (-sigma / toSigma) + xs / (sigma * sigma + 1);
                    double derivative = (xs - x0) / sigma;
                    double prev = xs + derivative * dt;
                    if (fresh != null) {
                        prev += fresh[i] * up;
                    }
                    x[i] = (float) (prev * fromSigma);
                }
            }
        };
    }
}
