package org.netbend.plan;

/**
 * Exact frame boundaries in samples for a video frame rate, free of floating-point drift over long tracks.
 *
 * <p>The frame rate is held as a fraction p/q (29.97 and 30000/1001 both work: the fraction is the closest one
 * with q up to 1,000,000). Frame i covers samples [floor(i·sr·q/p), floor((i+1)·sr·q/p)), the paper's window;
 * a track of n samples has ceil(n·p / (sr·q)) frames, so the last frame may run past the end of the audio and is
 * padded with zeros.
 */
public final class FrameClock {
    private static final long MAX_DENOMINATOR = 1_000_000;

    private final double fps;
    private final int sampleRate;
    private final long numerator;
    private final long denominator;

    public FrameClock(double fps, int sampleRate) {
        if (!(fps > 0) || fps > 1000 || !Double.isFinite(fps)) {
            throw new IllegalArgumentException("fps must be a number in (0, 1000], got " + fps);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.fps = fps;
        this.sampleRate = sampleRate;
        long[] fraction = closestFraction(fps, MAX_DENOMINATOR);
        this.numerator = fraction[0];
        this.denominator = fraction[1];
    }

    public double fps() { return fps; }

    public int sampleRate() { return sampleRate; }

    /** Frames for a track of {@code samples} samples: ceil(samples · fps / sr), computed exactly. */
    public long frameCount(long samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("sample count must not be negative, got " + samples);
        }
        return ceilDiv(Math.multiplyExact(samples, numerator), Math.multiplyExact((long) sampleRate, denominator));
    }

    /** First sample of frame {@code frame}: floor(frame · sr / fps). */
    public long start(long frame) {
        return Math.floorDiv(Math.multiplyExact(Math.multiplyExact(frame, (long) sampleRate), denominator),
                numerator);
    }

    /** Samples in frame {@code frame} (start of the next frame minus start of this one). */
    public int length(long frame) { return Math.toIntExact(start(frame + 1) - start(frame)); }

    /** The most samples any frame spans: ceil(sr / fps). */
    public int maxLength() {
        return Math.toIntExact(ceilDiv((long) sampleRate * denominator, numerator));
    }

    /** The frame whose window contains {@code sample}. */
    public long frameOf(long sample) {
        return Math.floorDiv(Math.multiplyExact(sample, numerator), (long) sampleRate * denominator);
    }

    /** The frame shown at {@code seconds}. */
    public long frameAt(double seconds) { return (long) Math.floor(seconds * numerator / denominator + 1e-9); }

    private static long ceilDiv(long a, long b) { return -Math.floorDiv(-a, b); }

    /** Continued-fraction convergents: the best rational approximation with a bounded denominator. */
    static long[] closestFraction(double value, long maxDenominator) {
        long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
        double x = value;
        for (int i = 0; i < 64; i++) {
            long a = (long) Math.floor(x);
            long p2 = a * p1 + p0;
            long q2 = a * q1 + q0;
            if (q2 > maxDenominator) {
                break;
            }
            p0 = p1; q0 = q1; p1 = p2; q1 = q2;
            double rest = x - a;
            if (rest < 1e-12 || Math.abs((double) p1 / q1 - value) <= 1e-12 * value) {
                break;
            }
            x = 1 / rest;
        }
        return new long[] {p1, q1};
    }
}
