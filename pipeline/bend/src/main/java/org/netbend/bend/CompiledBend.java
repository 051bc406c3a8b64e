package org.netbend.bend;

import java.util.ArrayList;
import java.util.List;
import org.netbend.core.Latent;
import org.netbend.core.ParameterSource;

/** One bend ready to run: its operators built once, shared by every frame and thread. */
final class CompiledBend {
    private final BendSpec spec;
    private final List<Operator> operators;
    private final List<ParamSpec> parameters;
    private final int[] offsets;
    private final boolean allInPlace;
    private volatile CachedMask cachedMask;

    private record CachedMask(int channels, int height, int width, TargetMask mask) { }

    CompiledBend(BendSpec spec) {
        this.spec = spec;
        List<Operator> built = new ArrayList<>();
        List<ParamSpec> all = new ArrayList<>();
        offsets = new int[spec.operators().size()];
        for (int i = 0; i < spec.operators().size(); i++) {
            Operator operator = Operators.create(spec.operators().get(i));
            offsets[i] = all.size();
            built.add(operator);
            all.addAll(operator.parameters());
        }
        this.operators = List.copyOf(built);
        this.allInPlace = operators.stream().allMatch(Operator::inPlace);
        this.parameters = List.copyOf(all);
        if (spec.sources().size() != parameters.size()) {
            throw new BendSpecException("bend '" + spec + "' has " + spec.sources().size() + " sources for "
                    + parameters.size() + " parameters");
        }
        for (int p = 0; p < parameters.size(); p++) {
            if (spec.sources().get(p) instanceof ParameterSource.Constant constant
                    && !parameters.get(p).domain().contains(constant.value())) {
                throw new BendSpecException("bend '" + spec + "': constant " + parameters.get(p).name() + " = "
                        + constant.value() + " must satisfy " + parameters.get(p).domain().rule());
            }
        }
    }

    BendSpec spec() { return spec; }

    List<ParamSpec> parameters() { return parameters; }

    List<Operator> operators() { return operators; }

    void checkShape(int channels, int height, int width) {
        if (spec.atSite()) {
            return; // its channels are the site's, checked against the model when the graph is built
        }
        for (Operator operator : operators) {
            operator.checkShape(channels, height, width);
        }
        spec.target().mask(channels, height, width, new BendContext(0, 0, 0, 0, 0, 1));
    }

    /** The target's weights, or null for every element; static targets are built once per latent shape. */
    TargetMask mask(Latent latent, BendContext context) {
        Target target = spec.target();
        if (target.perFrame()) {
            return prepared(target.mask(latent.channels(), latent.height(), latent.width(), context));
        }
        CachedMask cached = cachedMask;
        if (cached == null || cached.channels != latent.channels() || cached.height != latent.height()
                || cached.width != latent.width()) {
            cached = new CachedMask(latent.channels(), latent.height(), latent.width(),
                    prepared(target.mask(latent.channels(), latent.height(), latent.width(), context)));
            cachedMask = cached;
        }
        return cached.mask;
    }

    private static TargetMask prepared(float[] weights) {
        return weights == null ? null : TargetMask.of(weights);
    }

    /**
     * Runs the chain on the whole latent (ping-ponging between two scratch latents) and returns the latent
     * holding the result; src is left unchanged. Every operator caps what it writes, so an overflow inside a
     * chain cannot turn into Inf - Inf = NaN in the next operator.
     */
    Latent run(Latent src, Latent scratchA, Latent scratchB, double[] params, BendContext context) {
        Latent in = src;
        for (int i = 0; i < operators.size(); i++) {
            Latent out = in == scratchA ? scratchB : scratchA;
            operators.get(i).apply(in, out, params, offsets[i], context.atOperator(i), true);
            in = out;
        }
        return in;
    }

    /**
     * Runs the chain and writes its result over the whole latent (target {@code all}), every step capped: in place when
     * every operator allows it, else through the scratch latents with the last operator writing into latent.
     */
    void runInPlace(Latent latent, Latent scratchA, Latent scratchB, double[] params, BendContext context) {
        int last = operators.size() - 1;
        if (allInPlace) {
            for (int i = 0; i <= last; i++) {
                operators.get(i).apply(latent, latent, params, offsets[i], context.atOperator(i), true);
            }
            return;
        }
        Latent in = latent;
        for (int i = 0; i < last; i++) {
            Latent out = in == scratchA ? scratchB : scratchA;
            operators.get(i).apply(in, out, params, offsets[i], context.atOperator(i), true);
            in = out;
        }
        if (in == latent && !operators.get(last).inPlace()) {
            scratchA.copyFrom(latent);
            in = scratchA;
        }
        operators.get(last).apply(in, latent, params, offsets[last], context.atOperator(last), true);
    }
}
