package org.netbend.render.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parts of a diffusers {@code scheduler_config.json} that the samplers use. Missing fields take SD v1's
 * values; a model folder without a scheduler config is SD v1.
 */
public record SchedulerConfig(int trainTimesteps, double betaStart, double betaEnd, String betaSchedule,
        int stepsOffset, boolean setAlphaToOne, String predictionType) {

    public static final SchedulerConfig STABLE_DIFFUSION_V1 =
            new SchedulerConfig(1000, 0.00085, 0.012, "scaled_linear", 1, false, "epsilon");

    public SchedulerConfig {
        if (trainTimesteps < 2) {
            throw new IllegalArgumentException("num_train_timesteps must be at least 2, got " + trainTimesteps);
        }
        if (!(betaStart > 0 && betaEnd > betaStart && betaEnd < 1)) {
            throw new IllegalArgumentException("betas must satisfy 0 < beta_start < beta_end < 1, got "
                    + betaStart + ", " + betaEnd);
        }
        if (!predictionType.equals("epsilon") && !predictionType.equals("v_prediction")) {
            throw new IllegalArgumentException("unsupported prediction_type '" + predictionType
                    + "' (supported: epsilon, v_prediction)");
        }
    }

    /** Reads {@code scheduler/scheduler_config.json}; absent file means SD v1. */
    public static SchedulerConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return STABLE_DIFFUSION_V1;
        }
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        SchedulerConfig d = STABLE_DIFFUSION_V1;
        return new SchedulerConfig(
                json.path("num_train_timesteps").asInt(d.trainTimesteps()),
                json.path("beta_start").asDouble(d.betaStart()),
                json.path("beta_end").asDouble(d.betaEnd()),
                json.path("beta_schedule").asText(d.betaSchedule()),
                json.path("steps_offset").asInt(d.stepsOffset()),
                json.path("set_alpha_to_one").asBoolean(d.setAlphaToOne()),
                json.path("prediction_type").asText(d.predictionType()));
    }
}
