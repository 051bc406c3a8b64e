package org.netbend.farm;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The segments a render slot holds, taken fairly across jobs instead of first in, first out: stride scheduling
 * (Waldspurger and Weihl, 1995). Every job has a pass value; the slot takes the next segment of the job with the
 * lowest pass, and that job's pass grows by 1/priority. A job that arrives starts at the lowest pass of the jobs
 * already waiting, so it neither jumps the queue by a backlog of credit nor waits behind an album: a short job
 * submitted while an album renders gets every other segment (with equal priorities). Within a job, segments keep
 * their order. Not thread-safe: the render slot guards it.
 *
 * @param <T> what is queued (a segment and its result future)
 */
final class FairQueue<T> {
    private final Map<String, JobLane<T>> lanes = new HashMap<>();
    private double virtualTime;
    private long arrivals;
    private int size;

    private static final class JobLane<T> {
        final ArrayDeque<T> items = new ArrayDeque<>();
        final long arrival;
        double pass;
        int priority;

        JobLane(long arrival, double pass, int priority) {
            this.arrival = arrival;
            this.pass = pass;
            this.priority = priority;
        }
    }

    /** Queues {@code item} of job {@code jobId}; a higher {@code priority} (>= 1) gets proportionally more turns. */
    void add(String jobId, int priority, T item) {
        JobLane<T> lane = lanes.get(jobId);
        if (lane == null) {
            lane = new JobLane<>(arrivals++, virtualTime, Math.max(1, priority));
            lanes.put(jobId, lane);
        }
        lane.priority = Math.max(1, priority);
        lane.items.addLast(item);
        size++;
    }

    /** The next item by the rule above, or empty when nothing waits. */
    Optional<T> poll() {
        JobLane<T> next = null;
        for (JobLane<T> lane : lanes.values()) {
            if (next == null || lane.pass < next.pass || lane.pass == next.pass && lane.arrival < next.arrival) {
                next = lane;
            }
        }
        if (next == null) {
            return Optional.empty();
        }
        T item = next.items.pollFirst();
        size--;
        virtualTime = next.pass;
        next.pass += 1.0 / next.priority;
        if (next.items.isEmpty()) {
            lanes.values().remove(next);
        }
        return Optional.of(item);
    }

    /** Removes every queued item of a job (a cancel), returning how many there were. */
    int removeJob(String jobId, java.util.function.Consumer<T> removed) {
        JobLane<T> lane = lanes.remove(jobId);
        if (lane == null) {
            return 0;
        }
        lane.items.forEach(removed);
        size -= lane.items.size();
        return lane.items.size();
    }

    int size() { return size; }

    boolean isEmpty() { return size == 0; }
}
