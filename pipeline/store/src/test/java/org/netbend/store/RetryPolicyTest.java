package org.netbend.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void delaysDoubleFromTheInitialDelayUpToTheMaximum() {
        RetryPolicy noJitter = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(5), () -> 1.0);

        List<Long> delays = IntStream.rangeClosed(1, 8).mapToObj(n -> noJitter.delayBefore(n).toMillis()).toList();

        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), delays);
    }

    @Test
    void jitterScalesEachDelay() {
        RetryPolicy halved = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), () -> 0.5);
        assertEquals(100, halved.delayBefore(1).toMillis());
        assertEquals(2500, halved.delayBefore(40).toMillis()); // a huge retry number stays at the capped maximum
    }

    @Test
    void theDefaultJitterStaysInItsBand() {
        RetryPolicy policy = RetryPolicy.withRetries(3);
        for (int i = 0; i < 200; i++) {
            long ms = policy.delayBefore(2).toMillis();
            assertTrue(ms >= 200 && ms <= 400, "delay " + ms);
        }
    }

    @Test
    void nonsenseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.withRetries(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.withRetries(1).delayBefore(0));
    }
}
