package org.netbend.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.netbend.core.Modifier;
import org.netbend.core.ModifierKind;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;

/**
 * Turns a {@link ParameterSource} into one operator parameter per frame: the {@code |modifiers} chain of the
 * bend syntax. Modifiers run in {@link ModifierKind} order, which is the order they are written in: the bend
 * parser refuses any other order (with the order to write), so a spec never means something it does not say.
 * A lane ({@code lane:NAME}, added to the track by {@link LaneTracks}) goes through the same chain as a feature:
 * <pre>
 *   delay → median → smooth → envelope → gate → scale to 0..1 (min-max, or input(lo,hi)) → curve → invert → range
 * </pre>
 * Every result has frameCount finite values. A flat or silent feature maps to the range's {@code lo} on every
 * frame (even with {@code invert}): a track with nothing in it leaves the operator at rest.
 * The module README gives each step's formula.
 */
public final class ParameterTracks {
    static final double DEFAULT_EXP_LOG_GAMMA = 3;
    static final double DEFAULT_POWER_GAMMA = 2;

    private ParameterTracks() { }

    public static double[] compute(FeatureTrack track, ParameterSource source) {
        if (source instanceof ParameterSource.Constant constant) {
            double[] values = new double[track.frameCount()];
            Arrays.fill(values, constant.value());
            return values;
        }
        if (source instanceof ParameterSource.Feature feature) {
            return chain(values(track, feature.feature()), feature.modifiers(), feature.range(), track.fps());
        }
        if (source instanceof ParameterSource.Combined combined) {
            return chain(combine(track, combined), combined.modifiers(), combined.range(), track.fps());
        }
        throw new IllegalArgumentException("unknown parameter source " + source);
    }

    private static double[] values(FeatureTrack track, String name) {
        float[] raw = track.feature(name);
        double[] values = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (!Float.isFinite(raw[i])) {
                throw new IllegalArgumentException("feature '" + name + "' has a non-finite value " + raw[i]
                        + " at frame " + i);
            }
            values[i] = raw[i];
        }
        return values;
    }

    /** Each feature min-max scaled to 0..1 over the track, then sum/n, product or max per frame. */
    static double[] combine(FeatureTrack track, ParameterSource.Combined combined) {
        double[] out = null;
        for (String name : combined.features()) {
            double[] scaled = minMax(values(track, name));
            if (out == null) {
                out = scaled;
                continue;
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (combined.combiner()) {
                    case SUM -> out[i] + scaled[i];
                    case PRODUCT -> out[i] * scaled[i];
                    case MAX -> Math.max(out[i], scaled[i]);
                };
            }
        }
        if (combined.combiner() == ParameterSource.Combiner.SUM) {
            int n = combined.features().size();
            for (int i = 0; i < out.length; i++) {
                out[i] /= n; // keeps a sum in 0..1, which matters when input(lo,hi) replaces min-max
            }
        }
        return out;
    }

    /** Runs the whole chain on a copy of {@code input}. */
    static double[] chain(double[] input, List<Modifier> modifiers, Range range, double fps) {
        double[] x = input.clone();
        List<Modifier> ordered = new ArrayList<>(modifiers);
        ordered.sort(Comparator.comparing(Modifier::kind)); // stable: same kinds keep their written order
        Modifier input01 = null;
        boolean scaled = false;
        boolean flat = false;
        for (Modifier m : ordered) {
            if (!scaled && m.kind().compareTo(ModifierKind.INPUT) > 0) {
                flat = isFlat(x);
                x = scale(x, input01);
                scaled = true;
            }
            switch (m.kind()) {
                case DELAY -> x = delay(x, (int) Math.round(m.number(0)));
                case MEDIAN -> x = median(x, windowOf(m));
                case SMOOTH -> x = smooth(x, m.number(0));
                case ENVELOPE -> x = envelope(x, m.number(0), m.number(1), fps);
                case GATE -> x = gate(x, m.number(0));
                case INPUT -> input01 = m;
                case CURVE -> x = curve(x, m);
                case INVERT -> {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = 1 - x[i];
                    }
                }
                default -> throw new IllegalArgumentException("unsupported modifier " + m);
            }
        }
        if (!scaled) {
            flat = isFlat(x);
            x = scale(x, input01);
        }
        if (input01 == null && flat) {
            Arrays.fill(x, 0); // nothing happens in the track: rest at lo, whatever curve or invert say
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = range.at(x[i]);
        }
        return x;
    }

    private static double[] scale(double[] x, Modifier input) {
        if (input == null) {
            return minMax(x);
        }
        double lo = input.number(0);
        double hi = input.number(1);
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo == hi) {
            throw new IllegalArgumentException("input(lo,hi) needs two different finite numbers, got " + input);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = clamp01((x[i] - lo) / (hi - lo));
        }
        return out;
    }

    private static boolean isFlat(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    /** y = (x − min)/(max − min); all 0 when the track is flat. */
    static double[] minMax(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] out = new double[x.length];
        if (!(max > min)) {
            return out;
        }
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - min) / (max - min);
        }
        return out;
    }

    /** y[i] = x[clamp(i − d)]: positive d delays, negative advances; the edge value is held. */
    static double[] delay(double[] x, int frames) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[Math.max(0, Math.min(x.length - 1, i - frames))];
        }
        return out;
    }

    private static int windowOf(Modifier m) {
        double k = m.number(0);
        if (k != Math.rint(k) || k < 1 || k % 2 == 0) {
            throw new IllegalArgumentException("median(k) needs an odd whole number of frames k >= 1, got " + m);
        }
        return (int) k;
    }

    /** y[i] = median of x[i−h .. i+h], h = (k−1)/2, indices clamped to the track (edge values repeat). */
    static double[] median(double[] x, int k) {
        int h = (k - 1) / 2;
        double[] out = new double[x.length];
        double[] window = new double[k];
        for (int i = 0; i < x.length; i++) {
            for (int j = -h; j <= h; j++) {
                window[j + h] = x[Math.max(0, Math.min(x.length - 1, i + j))];
            }
            Arrays.sort(window);
            out[i] = window[h];
        }
        return out;
    }

    /** One-pole low-pass: y[0] = x[0], y[i] = a·y[i−1] + (1−a)·x[i], 0 ≤ a < 1. */
    static double[] smooth(double[] x, double a) {
        if (!(a >= 0 && a < 1)) {
            throw new IllegalArgumentException("smooth(a) needs 0 <= a < 1, got " + a);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = i == 0 ? x[0] : a * out[i - 1] + (1 - a) * x[i];
        }
        return out;
    }

    /**
     * Envelope follower: y[0] = x[0]; y[i] = g·y[i−1] + (1−g)·x[i] with g = exp(−1/(fps·attack s)) while
     * x[i] > y[i−1] (rising) and g = exp(−1/(fps·release s)) otherwise; a time of 0 follows instantly.
     */
    static double[] envelope(double[] x, double attackMs, double releaseMs, double fps) {
        if (!(attackMs >= 0) || !(releaseMs >= 0)) {
            throw new IllegalArgumentException("envelope(attack ms, release ms) needs times >= 0, got " + attackMs
                    + ", " + releaseMs);
        }
        double attack = coefficient(attackMs, fps);
        double release = coefficient(releaseMs, fps);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (i == 0) {
                out[0] = x[0];
                continue;
            }
            double g = x[i] > out[i - 1] ? attack : release;
            out[i] = g * out[i - 1] + (1 - g) * x[i];
        }
        return out;
    }

    private static double coefficient(double millis, double fps) {
        return millis == 0 ? 0 : Math.exp(-1000 / (fps * millis));
    }

    /** Values below min + p·(max − min) become min, 0 ≤ p ≤ 1. */
    static double[] gate(double[] x, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("gate(p) needs 0 <= p <= 1, got " + p);
        }
        double min = Arrays.stream(x).min().orElse(0);
        double max = Arrays.stream(x).max().orElse(0);
        double threshold = min + p * (max - min);
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < threshold) {
                out[i] = min;
            }
        }
        return out;
    }

    /**
     * Shapes t in 0..1: linear t; exp (e^{γt} − 1)/(e^γ − 1), γ = 3 by default; log ln(1 + (e^γ − 1)t)/γ (the
     * inverse of exp); power t^γ, γ = 2 by default. Each maps 0 to 0 and 1 to 1.
     */
    static double[] curve(double[] x, Modifier m) {
        String shape = m.args().get(0).trim();
        boolean hasGamma = m.args().size() > 1;
        double[] out = new double[x.length];
        switch (shape) {
            case "linear" -> {
                if (hasGamma) {
                    throw new IllegalArgumentException("curve(linear) takes no gamma, got " + m);
                }
                return x.clone();
            }
            case "exp", "log" -> {
                double g = hasGamma ? m.number(1) : DEFAULT_EXP_LOG_GAMMA;
                if (!(g > 0) || g > 50) {
                    throw new IllegalArgumentException("curve(" + shape + ", gamma) needs 0 < gamma <= 50, got " + m);
                }
                double span = Math.expm1(g);
                for (int i = 0; i < x.length; i++) {
                    out[i] = shape.equals("exp") ? Math.expm1(g * x[i]) / span : Math.log1p(span * x[i]) / g;
                }
            }
            case "power" -> {
                double g = hasGamma ? m.number(1) : DEFAULT_POWER_GAMMA;
                if (!(g > 0) || !Double.isFinite(g)) {
                    throw new IllegalArgumentException("curve(power, gamma) needs gamma > 0, got " + m);
                }
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.pow(x[i], g);
                }
            }
            default -> throw new IllegalArgumentException("curve: unknown shape '" + shape
                    + "'; use linear, exp, log or power");
        }
        return out;
    }

    private static double clamp01(double v) { return Math.max(0, Math.min(1, v)); }
}
