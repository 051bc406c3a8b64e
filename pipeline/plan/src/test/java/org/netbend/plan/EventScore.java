package org.netbend.plan;

/**
 * Precision, recall and F-measure of detected event times against reference times (as mir_eval's onset and beat
 * scores): a detection within ±tolerance of a reference is a hit, each reference and each detection matched at
 * most once, both walked in time order.
 */
record EventScore(int hits, int detected, int reference) {
    static EventScore of(double[] reference, double[] detected, double tolerance) {
        int hits = 0;
        int j = 0;
        for (double ref : reference) {
            while (j < detected.length && detected[j] < ref - tolerance) {
                j++;
            }
            if (j < detected.length && Math.abs(detected[j] - ref) <= tolerance) {
                hits++;
                j++;
            }
        }
        return new EventScore(hits, detected.length, reference.length);
    }

    /** Only the events in [from, to): for scores after a tempo change. */
    static EventScore between(double[] reference, double[] detected, double tolerance, double from, double to) {
        return of(within(reference, from, to), within(detected, from, to), tolerance);
    }

    private static double[] within(double[] times, double from, double to) {
        return java.util.Arrays.stream(times).filter(t -> t >= from && t < to).toArray();
    }

    double precision() { return detected == 0 ? 0 : hits / (double) detected; }

    double recall() { return reference == 0 ? 0 : hits / (double) reference; }

    double f() { return hits == 0 ? 0 : 2 * precision() * recall() / (precision() + recall()); }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "F=%.3f (P=%.3f R=%.3f, %d hits, %d detected, %d reference)",
                f(), precision(), recall(), hits, detected, reference);
    }
}
