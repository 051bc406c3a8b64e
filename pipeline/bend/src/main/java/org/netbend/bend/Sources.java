package org.netbend.bend;

import java.util.stream.Collectors;
import org.netbend.core.Modifier;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;

/** Canonical text of parameter sources, e.g. {@code max(rms,flux)[0..5]|gate(0.1)}. */
public final class Sources {
    private Sources() { }

    public static String canonical(ParameterSource source) {
        if (source instanceof ParameterSource.Constant constant) {
            return BendNumbers.format(constant.value());
        }
        if (source instanceof ParameterSource.Feature feature) {
            return feature.feature() + range(feature.range()) + modifiers(feature.modifiers());
        }
        ParameterSource.Combined combined = (ParameterSource.Combined) source;
        return combined.combiner().label() + "(" + String.join(",", combined.features()) + ")"
                + range(combined.range()) + modifiers(combined.modifiers());
    }

    private static String range(Range range) {
        return "[" + BendNumbers.format(range.lo()) + ".." + BendNumbers.format(range.hi()) + "]";
    }

    static String modifiers(java.util.List<Modifier> modifiers) {
        return modifiers.stream()
                .map(m -> "|" + m.kind().label() + (m.args().isEmpty() ? "" : "(" + String.join(",", m.args()) + ")"))
                .collect(Collectors.joining());
    }
}
