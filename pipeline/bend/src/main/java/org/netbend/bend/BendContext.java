package org.netbend.bend;

import org.netbend.core.KeyedRandom;

/**
 * Where a bend is being applied: job seed, frame, bend index, position of the operator in the bend's chain,
 * and sampler layer. Every random draw goes through {@link #random}, keyed by
 * {@code (seed, frame, "bend:" + bend + ":" + purpose)}, so draws never depend on batch position, slot,
 * parallelism or retries (DESIGN.md section 5).
 */
public record BendContext(long seed, int frame, int bend, int operator, int layer, int layers) {

    public KeyedRandom random(String purpose) {
        return KeyedRandom.of(seed, frame, key(bend, purpose));
    }

    /** The random stream of an operator: purpose {@code name} for the first in a chain, {@code name#i} after. */
    public KeyedRandom operatorRandom(String name) {
        return random(operator == 0 ? name : name + "#" + operator);
    }

    public BendContext atOperator(int position) {
        return new BendContext(seed, frame, bend, position, layer, layers);
    }

    /** The purpose string the random stream of a bend is keyed by; public so tests can reproduce masks. */
    public static String key(int bend, String purpose) {
        return "bend:" + bend + ":" + purpose;
    }
}
