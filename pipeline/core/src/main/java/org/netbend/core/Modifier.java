package org.netbend.core;

import java.io.Serializable;
import java.util.List;

/**
 * One step of the chain that turns a feature track into a parameter track, as written after {@code |} in a
 * bend source, e.g. {@code median(5)}, {@code envelope(10, 300)}, {@code curve(exp)}. Arguments stay text
 * here; the kind says what they mean, and the PLAN stage evaluates the chain.
 */
public record Modifier(ModifierKind kind, List<String> args) implements Serializable {
    public Modifier {
        args = List.copyOf(args);
        if (args.size() < kind.minArgs() || args.size() > kind.maxArgs()) {
            throw new IllegalArgumentException(kind.label() + " takes " + kind.arity() + ", got " + args.size());
        }
    }

    public double number(int index) {
        String text = args.get(index);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind.label() + ": '" + text + "' is not a number");
        }
    }

    @Override
    public String toString() { return kind.label() + "(" + String.join(",", args) + ")"; }
}
