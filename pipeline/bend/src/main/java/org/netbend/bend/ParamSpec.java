package org.netbend.bend;

import java.io.Serializable;
import org.netbend.core.Range;

/**
 * One runtime parameter of an operator.
 *
 * @param name         short name for docs and plots ("amount", "angle", "r")
 * @param defaultRange the useful range; a feature source without an explicit range is scaled into it
 * @param domain       the values that keep the latent finite (parse error for constants, clamp for audio)
 */
public record ParamSpec(String name, Range defaultRange, Domain domain) implements Serializable {
    public static ParamSpec of(String name, double lo, double hi, Domain domain) {
        return new ParamSpec(name, new Range(lo, hi), domain);
    }
}
