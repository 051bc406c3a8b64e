package org.netbend.core;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The modifiers a bend source may carry (JAES 2025 chain: median, envelope, gate, scaling, curve). The PLAN stage
 * applies them in the order of this enum, so that e.g. the gate always sees the smoothed signal and the curve
 * always sees values in 0..1; the bend parser refuses them written in any other order, so the order written is the
 * order run.
 */
public enum ModifierKind {
    /** Shift in time: positive frames delay the track, negative advance it. */
    DELAY("delay", 1, 1, "frames"),
    /** Median filter over an odd window of frames. */
    MEDIAN("median", 1, 1, "window in frames"),
    /** One-pole smoothing: y = a*y' + (1-a)*x, a in 0..1. */
    SMOOTH("smooth", 1, 1, "a in 0..1"),
    /** Envelope follower with attack and release times. */
    ENVELOPE("envelope", 2, 2, "attack ms, release ms"),
    /** Noise gate: values under min + p*(max-min) become the minimum. */
    GATE("gate", 1, 1, "p in 0..1"),
    /** A fixed input range instead of min-max over the whole track. */
    INPUT("input", 2, 2, "lo, hi"),
    /** Shape of the 0..1 value before it is mapped to the output range: linear, exp, log or power with gamma. */
    CURVE("curve", 1, 2, "linear|exp|log|power[, gamma]"),
    /** 1 - x after scaling: loud becomes small. */
    INVERT("invert", 0, 0, "no arguments");

    private final String label;
    private final int minArgs;
    private final int maxArgs;
    private final String arity;

    ModifierKind(String label, int minArgs, int maxArgs, String arity) {
        this.label = label;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.arity = arity;
    }

    public String label() { return label; }

    public int minArgs() { return minArgs; }

    public int maxArgs() { return maxArgs; }

    /** What the arguments are, for error messages and docs. */
    public String arity() { return arity; }

    public static Optional<ModifierKind> byLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    public static String knownLabels() {
        return Arrays.stream(values()).map(ModifierKind::label).collect(Collectors.joining(", "));
    }
}
