package org.netbend.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff: the n-th retry (n = 1, 2, ...) waits {@code min(maxDelay, initialDelay * 2^(n-1))}, scaled
 * by a jitter factor in [0.5, 1) so that the slots of a farm that all lost the server together do not all come
 * back in the same millisecond. The jitter only spaces requests; it never touches rendered data, so it does not
 * use the keyed generator.
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, DoubleSupplier jitter) {
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(5);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must be 0 or more, got " + maxRetries);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= initial <= max, got "
                    + initialDelay + " and " + maxDelay);
        }
    }

    public RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {
        this(maxRetries, initialDelay, maxDelay, () -> 0.5 + 0.5 * ThreadLocalRandom.current().nextDouble());
    }

    /** The default delays (200 ms doubling up to 5 s) with the given number of retries. */
    public static RetryPolicy withRetries(int maxRetries) {
        return new RetryPolicy(maxRetries, DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY);
    }

    /** How long to wait before retry number {@code retry} (1-based). */
    public Duration delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        long initial = initialDelay.toMillis();
        // Cap the shift: 2^30 ms is already far beyond any sensible maximum delay.
        long exponential = initial << Math.min(retry - 1, 30);
        long capped = exponential < 0 ? maxDelay.toMillis() : Math.min(maxDelay.toMillis(), exponential);
        return Duration.ofMillis(Math.round(capped * jitter.getAsDouble()));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + "]";
    }
}
