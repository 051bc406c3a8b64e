package org.netbend.core;

import java.io.Serializable;
import java.util.List;

/**
 * Where a bend parameter comes from, per frame: a constant, one audio feature, or several combined.
 * The bend parser builds these (filling in the operator's default range where the spec gives none);
 * the PLAN stage turns them into one value per frame.
 */
public sealed interface ParameterSource extends Serializable {

    /** The same value on every frame. */
    record Constant(double value) implements ParameterSource {
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a constant parameter must be a finite number, got " + value);
            }
        }
    }

    /** One feature track, e.g. {@code rms[0..2pi]|median(5)}. */
    record Feature(String feature, Range range, List<Modifier> modifiers) implements ParameterSource {
        public Feature {
            modifiers = List.copyOf(modifiers);
        }
    }

    /**
     * Several features combined frame by frame, e.g. {@code max(rms,flux)[0..5]}: each part is first scaled
     * to 0..1 over the track, then combined with {@code sum}, {@code product} or {@code max}.
     */
    record Combined(Combiner combiner, List<String> features, Range range, List<Modifier> modifiers)
            implements ParameterSource {
        public Combined {
            features = List.copyOf(features);
            modifiers = List.copyOf(modifiers);
            if (features.size() < 2) {
                throw new IllegalArgumentException(combiner.label() + "(...) needs at least two features");
            }
        }
    }

    enum Combiner {
        SUM("sum"), PRODUCT("product"), MAX("max");

        private final String label;

        Combiner(String label) { this.label = label; }

        public String label() { return label; }
    }
}
