package org.netbend.render.schedule;

/**
 * diffusers' {@code DPMSolverMultistepScheduler} as DPM-Solver++ 2M (algorithm_type dpmsolver++, solver_order 2,
 * midpoint), optionally on Karras sigmas. Each step turns the U-Net output into a clean-sample estimate
 * {@code D = x0(x, out)} and, with {@code lambda = log(alpha / sigma)} and {@code h = lambda_next - lambda}:
 * <pre>
 *   first order:  x' = (sigma' / sigma) x - alpha' (e^-h - 1) D
 *   second order: x' = (sigma' / sigma) x - alpha' (e^-h - 1) (D + (D - D_prev) / (2 r)),  r = h_prev / h
 * </pre>
 * (alpha, sigma of the variance-preserving form). The first step of a run is first order (no history), and
 * the last step too (lower_order_final, or final_sigmas_type zero), so a 20-step run ends on the estimate itself.
 * Config fields honoured: betas, {@code timestep_spacing} (linspace by default, leading, trailing),
 * {@code steps_offset}, {@code prediction_type} (epsilon, v_prediction, sample), {@code use_karras_sigmas}
 * (forced on for {@code dpm++2m-karras}), {@code solver_order} 1 or 2, {@code lower_order_final},
 * {@code euler_at_final}, {@code final_sigmas_type}.
 */
public final class DpmSolverScheduler implements Scheduler {
    private final NoiseSchedule schedule;
    private final boolean karras;
    private final String spacing;
    private final int stepsOffset;
    private final Prediction prediction;
    private final int order;
    private final boolean lowerOrderFinal;
    private final boolean eulerAtFinal;
    private final boolean finalSigmaMin;
    private final String label;

    public DpmSolverScheduler(SchedulerConfig config, boolean forceKarras) {
        this.label = forceKarras ? "dpm++2m-karras" : "dpm++2m";
        this.schedule = NoiseSchedule.of(config, NoiseSchedule.DIFFUSERS, label);
        this.karras = forceKarras || config.flag("use_karras_sigmas", false);
        this.spacing = config.choice(label, "timestep_spacing", "linspace", "linspace", "leading", "trailing");
        this.stepsOffset = config.integer("steps_offset", 0);
        this.prediction = Prediction.of(config, label, true);
        config.choice(label, "algorithm_type", "dpmsolver++", "dpmsolver++");
        config.choice(label, "solver_type", "midpoint", "midpoint");
        this.order = config.integer("solver_order", 2);
        if (order != 1 && order != 2) {
            throw SchedulerConfig.unsupported(label, "solver_order", String.valueOf(order), "supported: 1, 2");
        }
        this.lowerOrderFinal = config.flag("lower_order_final", true);
        this.eulerAtFinal = config.flag("euler_at_final", false);
        this.finalSigmaMin = config.choice(label, "final_sigmas_type", "zero", "zero", "sigma_min").equals("sigma_min");
        config.requireOff(label, "thresholding", "use_lu_lambdas", "use_exponential_sigmas", "use_beta_sigmas");
        config.requireAbsentOr(label, "variance_type");
        config.requireAbsentOr(label, "timestep_type", "discrete");
        if (config.number("lambda_min_clipped", Double.NEGATIVE_INFINITY) != Double.NEGATIVE_INFINITY) {
            throw SchedulerConfig.unsupported(label, "lambda_min_clipped",
                    String.valueOf(config.number("lambda_min_clipped", 0)), "netbend supports only -inf");
        }
    }

    @Override
    public String name() { return label; }

    /** Integer timesteps: spaced over N + 1 points with the last dropped, as diffusers does for DPM. */
    private double[] spaced(int steps) {
        int train = schedule.trainTimesteps();
        TimestepSpacing.requireSteps(steps, train);
        return switch (spacing) {
            case "leading" -> {
                int ratio = train / (steps + 1);
                double[] t = new double[steps];
                for (int i = 0; i < steps; i++) {
                    t[i] = (steps - i) * ratio + stepsOffset;
                }
                yield t;
            }
            case "trailing" -> TimestepSpacing.trailing(steps, train);
            default -> {
                double[] t = new double[steps];
                for (int i = 0; i < steps; i++) {
                    t[i] = Math.rint(TimestepSpacing.linspace(0, train - 1, steps + 1, steps - i));
                }
                yield t;
            }
        };
    }

    @Override
    public int[] timesteps(int steps) {
        double[] t = spaced(steps);
        if (karras) {
            double[] s = karrasSigmas(t);
            for (int i = 0; i < s.length; i++) {
                t[i] = Math.rint(schedule.timestepOf(s[i]));
            }
        }
        return TimestepSpacing.toInts(t);
    }

    /** Each step's sigma, then the final one. */
    double[] sigmas(int steps) {
        double[] t = spaced(steps);
        double[] s;
        if (karras) {
            s = karrasSigmas(t);
        } else {
            s = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                s[i] = schedule.sigmaAt(t[i]);
            }
        }
        double[] out = java.util.Arrays.copyOf(s, s.length + 1);
        out[s.length] = finalSigmaMin ? schedule.sigma(0) : 0;
        return out;
    }

    /** Karras sigmas between the whole schedule's ends (diffusers converts the full table, not the spaced one). */
    private double[] karrasSigmas(double[] spacedTimesteps) {
        int train = schedule.trainTimesteps();
        return TimestepSpacing.karras(schedule.sigma(0), schedule.sigma(train - 1), spacedTimesteps.length);
    }

    @Override
    public Run start(int steps, int first) {
        double[] sigmas = sigmas(steps);
        int count = sigmas.length - 1;
        return new Run() {
            private float[] previous; // the last step's clean-sample estimate
            private int lowerOrderSteps;

            @Override
            public void addNoise(float[] x0, float[] noise) {
                double alpha = 1 / Math.sqrt(sigmas[first] * sigmas[first] + 1);
                double sigma = sigmas[first] * alpha;
                for (int i = 0; i < x0.length; i++) {
                    x0[i] = (float) (alpha * x0[i] + sigma * noise[i]);
                }
            }

            @Override
            public void step(int k, float[] modelOutput, float[] x, StepNoise noise) {
                int index = first + k;
                double s = sigmas[index];
                double alphaS = 1 / Math.sqrt(s * s + 1);
                double sigmaS = s * alphaS;
                double next = sigmas[index + 1];
                double alphaT = 1 / Math.sqrt(next * next + 1);
                double sigmaT = next * alphaT;
                double h = lambda(alphaT, sigmaT) - lambda(alphaS, sigmaS);
                float[] estimate = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    estimate[i] = (float) prediction.x0(x[i], modelOutput[i], alphaS, sigmaS);
                }
                boolean last = index == count - 1;
                boolean lowerFinal = last && (eulerAtFinal || (lowerOrderFinal && count < 15) || !finalSigmaMin);
                double ratio = sigmaT / sigmaS;
                double decay = -alphaT * Math.expm1(-h);
                if (order == 1 || lowerOrderSteps < 1 || lowerFinal || previous == null) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) (ratio * x[i] + decay * estimate[i]);
                    }
                } else {
                    double sPrev = sigmas[index - 1];
                    double alphaP = 1 / Math.sqrt(sPrev * sPrev + 1);
                    double hPrev = lambda(alphaS, sigmaS) - lambda(alphaP, sPrev * alphaP);
                    double r = hPrev / h;
                    for (int i = 0; i < x.length; i++) {
                        double d1 = (estimate[i] - previous[i]) / r;
                        x[i] = (float) (ratio * x[i] + decay * estimate[i] + 0.5 * decay * d1);
                    }
                }
                previous = estimate;
                if (lowerOrderSteps < order) {
                    lowerOrderSteps++;
                }
            }
        };
    }

    private static double lambda(double alpha, double sigma) {
        return Math.log(alpha) - Math.log(sigma);
    }
}
