package org.netbend.store;

import java.time.Duration;
import org.slf4j.Logger;

/** Runs one S3 operation under a {@link RetryPolicy}, logging each retry (never a credential). */
final class Retrier {
    @FunctionalInterface
    interface Call<T> {
        T call() throws Exception;
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private final RetryPolicy policy;
    private final S3Failures failures;
    private final Logger log;

    Retrier(RetryPolicy policy, S3Failures failures, Logger log) {
        this.policy = policy;
        this.failures = failures;
        this.log = log;
    }

    void run(String operation, String key, Action action) throws StoreException {
        call(operation, key, () -> {
            action.run();
            return null;
        });
    }

    <T> T call(String operation, String key, Call<T> call) throws StoreException {
        int attempts = policy.maxRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.call();
                if (attempt > 1) {
                    log.info("{}: {} '{}' succeeded on attempt {}", failures.store(), operation, key, attempt);
                }
                return result;
            } catch (RuntimeException e) {
                throw e; // a programming error, not a server problem
            } catch (Exception e) {
                if (!S3Failures.isTransient(e) || attempt == attempts) {
                    throw failures.failed(operation, key, attempt, e);
                }
                Duration delay = policy.delayBefore(attempt);
                log.warn("{}: {} '{}' attempt {}/{} failed ({}); retrying in {} ms", failures.store(), operation, key,
                        attempt, attempts,
                        failures.reason(e), delay.toMillis());
                sleep(delay, operation, key);
            }
        }
    }

    private void sleep(Duration delay, String operation, String key) throws StoreException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.plain(operation, key, "interrupted while waiting to retry");
        }
    }
}
