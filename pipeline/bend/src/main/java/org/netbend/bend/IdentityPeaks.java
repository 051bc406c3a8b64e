package org.netbend.bend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netbend.core.ModifierKind;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;

/**
 * Bends whose range maps the peak of their source (the loudest moment, for rms) to a value at which the operator
 * leaves the latent as it is: a full turn (a multiple of 2pi) for a rotation, 0 for add and subtract, 1 for
 * multiply. The climax then looks unbent, which is seldom meant; the paper's own rotation presets do it. Said
 * in one line per bend by {@code render} and {@code analyze --plot}, never refused.
 */
public final class IdentityPeaks {
    private static final double EPS = 1e-9;

    private IdentityPeaks() { }

    /** One note per such bend, e.g. "bend 0 'rotate-r1@40=rms[0..2pi]': the peak of rms maps to 2pi, ...". */
    public static List<String> notes(List<BendSpec> bends) {
        List<String> notes = new ArrayList<>();
        for (BendSpec bend : bends) {
            note(bend).ifPresent(notes::add);
        }
        return notes;
    }

    private static Optional<String> note(BendSpec bend) {
        if (bend.operators().size() != 1 || bend.sources().size() != 1) {
            return Optional.empty();
        }
        String op = bend.operators().get(0).name();
        ParameterSource source = bend.sources().get(0);
        Range range;
        String feature;
        boolean inverted;
        if (source instanceof ParameterSource.Feature f) {
            range = f.range();
            feature = f.feature();
            inverted = f.modifiers().stream().anyMatch(m -> m.kind() == ModifierKind.INVERT);
        } else if (source instanceof ParameterSource.Combined c) {
            range = c.range();
            feature = c.combiner().label() + "(" + String.join(",", c.features()) + ")";
            inverted = c.modifiers().stream().anyMatch(m -> m.kind() == ModifierKind.INVERT);
        } else {
            return Optional.empty();
        }
        if (range == null) {
            return Optional.empty();
        }
        double peak = inverted ? range.lo() : range.hi();
        double other = inverted ? range.hi() : range.lo();
        String what = identity(op, peak, other);
        if (what == null) {
            return Optional.empty();
        }
        return Optional.of("bend '" + bend.canonical() + "': the peak of " + feature + " maps to "
                + BendNumbers.format(peak) + ", " + what + ", so the loudest moment looks unbent; choose a range "
                + "that peaks where the operator acts (analyze --plot shows the parameter track)");
    }

    /** What the operator does at {@code value}, when that is nothing; null otherwise. */
    private static String identity(String op, double value, double other) {
        boolean rotation = op.startsWith("rotate-r") || op.equals("rotate");
        if (rotation && Math.abs(value) > EPS && Math.abs(other - value) > EPS) {
            double turns = value / (2 * Math.PI);
            if (Math.abs(turns - Math.rint(turns)) < EPS) {
                long whole = Math.abs(Math.round(turns));
                return (whole == 1 ? "a full turn" : whole + " full turns") + ", which is no rotation at all";
            }
        }
        if ((op.equals("add") || op.equals("subtract")) && Math.abs(value) < EPS && Math.abs(other) > EPS) {
            return "which " + (op.equals("add") ? "adds" : "subtracts") + " nothing";
        }
        if (op.equals("multiply") && Math.abs(value - 1) < EPS && Math.abs(other - 1) > EPS) {
            return "which multiplies by 1, changing nothing";
        }
        return null;
    }
}
