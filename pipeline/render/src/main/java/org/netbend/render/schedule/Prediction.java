package org.netbend.render.schedule;

/** What the U-Net predicts ({@code prediction_type}): the noise, v (SD 2.x 768), or the clean sample. */
enum Prediction {
    EPSILON, V_PREDICTION, SAMPLE;

    static Prediction of(SchedulerConfig config, String scheduler, boolean sampleSupported) {
        String value = sampleSupported
                ? config.choice(scheduler, "prediction_type", "epsilon", "epsilon", "v_prediction", "sample")
                : config.choice(scheduler, "prediction_type", "epsilon", "epsilon", "v_prediction");
        return switch (value) {
            case "v_prediction" -> V_PREDICTION;
            case "sample" -> SAMPLE;
            default -> EPSILON;
        };
    }

    /** The clean-sample estimate in the variance-preserving form, with a = alpha_t. */
    double x0(double sample, double output, double sqrtAlpha, double sqrtBeta) {
        return switch (this) {
            case EPSILON -> (sample - sqrtBeta * output) / sqrtAlpha;
            case V_PREDICTION -> sqrtAlpha * sample - sqrtBeta * output;
            case SAMPLE -> output;
        };
    }
}
