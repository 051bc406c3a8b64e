package org.netbend.service.client;

import java.time.Duration;

/** The end of a wait, fixed when the wait starts, so that a chain of steps shares one budget. */
record Deadline(long atNanos, Duration total) {
    static Deadline in(Duration total) {
        if (total == null || total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("a wait needs a positive time limit, got " + total);
        }
        return new Deadline(System.nanoTime() + total.toNanos(), total);
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    boolean passed() {
        return System.nanoTime() - atNanos >= 0;
    }

    /** "within 30 s", for messages. */
    String within() {
        return "within " + (total.toMillis() % 1000 == 0 ? total.toSeconds() + " s" : total.toMillis() + " ms");
    }
}
