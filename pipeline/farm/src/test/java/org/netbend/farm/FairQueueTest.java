package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A slot takes segments fairly across jobs: a short job is never stuck behind an album. */
class FairQueueTest {
    private static List<String> drain(FairQueue<String> queue) {
        List<String> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            order.add(queue.poll().orElseThrow());
        }
        return order;
    }

    @Test
    void oneJobKeepsItsOrder() {
        FairQueue<String> queue = new FairQueue<>();
        for (int s = 0; s < 5; s++) {
            queue.add("album", 1, "album-" + s);
        }
        assertEquals(List.of("album-0", "album-1", "album-2", "album-3", "album-4"), drain(queue));
    }

    @Test
    void aShortJobThatArrivesBehindAnAlbumGetsTheNextTurn() {
        FairQueue<String> queue = new FairQueue<>();
        for (int s = 0; s < 1000; s++) {
            queue.add("album", 1, "album-" + s);
        }
        assertEquals("album-0", queue.poll().orElseThrow());
        assertEquals("album-1", queue.poll().orElseThrow());
        queue.add("single", 1, "single-0");
        queue.add("single", 1, "single-1");
        List<String> next = List.of(queue.poll().orElseThrow(), queue.poll().orElseThrow(), queue.poll().orElseThrow(),
                queue.poll().orElseThrow());
        // Alternating from the single's arrival: it is done after 4 turns, not after 998.
        assertTrue(next.containsAll(List.of("single-0", "single-1")), next.toString());
        assertEquals(next.indexOf("single-0") + 2, next.indexOf("single-1"), "turns alternate: " + next);
    }

    @Test
    void priorityWeighsTheTurns() {
        FairQueue<String> queue = new FairQueue<>();
        for (int s = 0; s < 300; s++) {
            queue.add("low", 1, "low");
            queue.add("high", 3, "high");
        }
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(queue.poll().orElseThrow());
        }
        long high = first.stream().filter("high"::equals).count();
        // Three turns in four, up to the rounding of the passes (sums of 1/3) at ties.
        assertTrue(Math.abs(high - 150) <= 2, "priority 3 against 1 gets three turns in four, got " + high + " of 200");
    }

    @Test
    void aNewJobGetsNoCreditForTheTimeItWasAbsent() {
        FairQueue<String> queue = new FairQueue<>();
        for (int s = 0; s < 100; s++) {
            queue.add("a", 1, "a");
        }
        for (int i = 0; i < 90; i++) {
            queue.poll();
        }
        for (int s = 0; s < 10; s++) {
            queue.add("b", 1, "b");
        }
        List<String> rest = drain(queue);
        assertEquals(List.of("b", "a", "b", "a", "b", "a"), rest.subList(0, 6), "b alternates with a, never runs 10 in a row");
    }

    @Test
    void aCancelledJobsQueuedItemsAreRemoved() {
        FairQueue<String> queue = new FairQueue<>();
        queue.add("a", 1, "a0");
        queue.add("b", 1, "b0");
        queue.add("a", 1, "a1");
        List<String> removed = new ArrayList<>();
        assertEquals(2, queue.removeJob("a", removed::add));
        assertEquals(List.of("a0", "a1"), removed);
        assertEquals(List.of("b0"), drain(queue));
    }
}
