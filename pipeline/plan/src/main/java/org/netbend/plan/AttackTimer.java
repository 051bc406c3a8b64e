package org.netbend.plan;

/**
 * Places a sharp attack to within a few milliseconds. The onset detector's 46 ms window sees a click from
 * silence while it is still at the window's leading edge (its log floor makes even the Hann taper's first
 * percent a large rise), so such onsets come out up to 16 ms early. This keeps the energy of the first
 * difference x[n] − x[n−1] (high frequencies weighed up, so a hat on a kick's low tail still jumps) in every
 * {@value #BLOCK}-sample block of the recent past and moves an onset to the block, within −10..+25 ms of it,
 * whose energy rises most over the larger of the two blocks before it, when that rise is at least 3 dB: a
 * percussive attack. Slow attacks (a bowed string) rise less than that in 3 ms and keep the detector's time.
 */
final class AttackTimer {
    static final int BLOCK = 128;
    static final double BEFORE_SECONDS = 0.010;
    static final double AFTER_SECONDS = 0.025;
    /** A rise of 3 dB in energy from one block to the next marks an attack. */
    static final double MIN_RISE = Math.log(2);
    /** Block energies are floored 80 dB under the loudest block so far (level-independent). */
    static final double FLOOR_RATIO = 1e-8;
    private static final int RING = 2048; // 6 s of blocks at 44.1 kHz: far more than the picker's delay

    private final int sampleRate;
    private final double[] energy = new double[RING];
    private long blocksDone;      // blocks [0, blocksDone) are in the ring
    private double loudest;

    AttackTimer(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** Takes the blocks that {@code samples[0..length)}, starting at absolute sample {@code start}, completes. */
    void accept(float[] samples, long start, int length) {
        long end = start + length;
        while ((blocksDone + 1) * BLOCK <= end) {
            long from = blocksDone * BLOCK;
            double sum = 0;
            for (long i = Math.max(from, start + 1); i < from + BLOCK; i++) { // windows overlap: from > start
                double x = samples[(int) (i - start)] - samples[(int) (i - 1 - start)];
                sum += x * x;
            }
            energy[(int) (blocksDone % RING)] = sum;
            loudest = Math.max(loudest, sum);
            blocksDone++;
        }
    }

    /** The attack's time near {@code seconds}, or {@code seconds} itself when no block rises 3 dB. */
    double refine(double seconds) {
        long first = Math.max(2, (long) Math.floor((seconds - BEFORE_SECONDS) * sampleRate / BLOCK));
        long last = Math.min(blocksDone - 1, (long) Math.ceil((seconds + AFTER_SECONDS) * sampleRate / BLOCK));
        if (first < blocksDone - RING + 2) {
            return seconds;
        }
        double floor = Math.max(loudest * FLOOR_RATIO, Double.MIN_NORMAL);
        double bestRise = Double.NEGATIVE_INFINITY;
        long best = -1;
        for (long b = first; b <= last; b++) {
            double before = Math.max(at(b - 1), at(b - 2));
            double rise = Math.log(Math.max(at(b), floor)) - Math.log(Math.max(before, floor));
            if (rise > bestRise) {
                bestRise = rise;
                best = b;
            }
        }
        return bestRise < MIN_RISE ? seconds : (best * BLOCK + BLOCK / 2.0) / sampleRate;
    }

    private double at(long block) { return energy[(int) (block % RING)]; }
}
