package org.netbend.service;

import java.time.Duration;
import java.util.Set;
import org.netbend.farm.RunOptions;
import org.netbend.job.OutputKeys;

/**
 * How the service runs: Kafka, the store and the slots ({@link RunOptions}), the models it offers, and its
 * delivery settings. Nothing here changes a frame.
 *
 * @param progressInterval   at most one PROGRESS event per job per interval (SEGMENT events always go out)
 * @param presignExpiry      how long a DONE result's URL works
 * @param checkpointInterval how often the job checkpoints; results are committed to Kafka at checkpoints
 * @param planThreads        jobs PLAN works on at once
 * @param transactionalIdPrefix the results sink's transactional id prefix; stable across restarts of the service
 * @param transactionTimeout the results sink's transaction timeout; at most the broker's transaction.max.timeout.ms
 * @param outputPrefix       where requests may have their video copied ({@code output}); see {@code OutputKeys}
 * @param deadLetterAttempts reads of one record after which it is answered FAILED instead of processed again
 *                           (see {@link DeadLetters})
 */
public record ServiceConfig(KafkaSettings kafka, RunOptions run, String defaultModel, Set<String> models,
        Duration progressInterval, Duration presignExpiry, Duration checkpointInterval, int planThreads,
        String groupId, String transactionalIdPrefix, Duration transactionTimeout, String outputPrefix,
        int deadLetterAttempts) {

    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_PRESIGN_EXPIRY = Duration.ofDays(1);
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);
    public static final int DEFAULT_PLAN_THREADS = 2;
    public static final int DEFAULT_DEAD_LETTER_ATTEMPTS = 5;

    public ServiceConfig {
        models = Set.copyOf(models == null || models.isEmpty() ? Set.of(defaultModel) : models);
        if (!models.contains(defaultModel)) {
            throw new IllegalArgumentException("the default model '" + defaultModel + "' is not among the models offered "
                    + models);
        }
        outputPrefix = OutputKeys.prefix(outputPrefix == null ? OutputKeys.DEFAULT_PREFIX : outputPrefix);
        if (deadLetterAttempts < 2) {
            throw new IllegalArgumentException("dead-letter attempts must be >= 2 (the first read and one retry), got "
                    + deadLetterAttempts);
        }
        if (planThreads < 1) {
            throw new IllegalArgumentException("plan threads must be >= 1, got " + planThreads);
        }
        if (progressInterval.isNegative() || presignExpiry.isNegative() || presignExpiry.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("the progress interval must be >= 0 and the URL expiry within 7 days "
                    + "(the S3 limit), got " + progressInterval + " and " + presignExpiry);
        }
        if (!transactionalIdPrefix.matches("[A-Za-z0-9._-]{1,100}") || !groupId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("the consumer group and transactional id prefix must match "
                    + "[A-Za-z0-9._-]{1,100}");
        }
    }

    /** The defaults for one service with one model. */
    public static ServiceConfig defaults(KafkaSettings kafka, RunOptions run, String model) {
        return new ServiceConfig(kafka, run, model, Set.of(model), DEFAULT_PROGRESS_INTERVAL, DEFAULT_PRESIGN_EXPIRY,
                DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_PLAN_THREADS, "netbend-service", "netbend-results",
                DEFAULT_TRANSACTION_TIMEOUT, OutputKeys.DEFAULT_PREFIX, DEFAULT_DEAD_LETTER_ATTEMPTS);
    }

    public ServiceConfig withCheckpointInterval(Duration interval) {
        return new ServiceConfig(kafka, run, defaultModel, models, progressInterval, presignExpiry, interval,
                planThreads, groupId, transactionalIdPrefix, transactionTimeout, outputPrefix, deadLetterAttempts);
    }

    public ServiceConfig withDeadLetterAttempts(int attempts) {
        return new ServiceConfig(kafka, run, defaultModel, models, progressInterval, presignExpiry, checkpointInterval,
                planThreads, groupId, transactionalIdPrefix, transactionTimeout, outputPrefix, attempts);
    }

    public ServiceConfig withKafka(KafkaSettings settings) {
        return new ServiceConfig(settings, run, defaultModel, models, progressInterval, presignExpiry,
                checkpointInterval, planThreads, groupId, transactionalIdPrefix, transactionTimeout, outputPrefix, deadLetterAttempts);
    }

    public ServiceConfig withRun(RunOptions options) {
        return new ServiceConfig(kafka, options, defaultModel, models, progressInterval, presignExpiry,
                checkpointInterval, planThreads, groupId, transactionalIdPrefix, transactionTimeout, outputPrefix, deadLetterAttempts);
    }
}
