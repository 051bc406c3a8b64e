package org.netbend.bend;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.netbend.core.LatentBender;
import org.netbend.core.ParameterSource;

/**
 * The bends of a job, compiled once and applied per frame. Serializable: only the specs travel (inside Flink
 * records); the operators are rebuilt on arrival.
 *
 * <p>Bends apply in the order given. Within a bend the operator chain runs on the whole latent, then the target
 * decides which elements take the result. Every value a bend writes is finite and within
 * +-{@link Finite#LATENT_LIMIT}; runtime parameters outside their domains are clamped first ({@link #clampParameter}).
 */
public final class BendProgram implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** No bends at all. */
    public static final BendProgram EMPTY = new BendProgram(List.of());

    private final List<BendSpec> bends;
    private transient List<CompiledBend> compiled;

    private BendProgram(List<BendSpec> bends) {
        this.bends = List.copyOf(bends);
        this.compiled = compileAll(this.bends);
    }

    public static BendProgram compile(List<BendSpec> bends) {
        return new BendProgram(bends);
    }

    /** Convenience: parses and compiles shorthand specs. */
    public static BendProgram parse(String... shorthand) {
        List<BendSpec> specs = new ArrayList<>();
        for (String text : shorthand) {
            specs.add(BendParser.parse(text));
        }
        return compile(specs);
    }

    private static List<CompiledBend> compileAll(List<BendSpec> specs) {
        List<CompiledBend> out = new ArrayList<>();
        int promptBends = 0;
        for (BendSpec spec : specs) {
            out.add(new CompiledBend(spec));
            if (spec.operators().get(0).name().equals(CodePrompts.NAME) && ++promptBends > 1) {
                throw new BendSpecException("bend " + (out.size() - 1) + " '" + spec + "': only one code-prompts bend"
                        + " may choose a frame's prompt");
            }
        }
        return List.copyOf(out);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        compiled = compileAll(bends);
    }

    public List<BendSpec> bends() { return bends; }

    public int bendCount() { return bends.size(); }

    public int parameterCount(int bend) { return compiled.get(bend).parameters().size(); }

    /** Name, default range and domain of parameter p of bend b (for plots and the gallery). */
    public ParamSpec parameter(int bend, int p) { return compiled.get(bend).parameters().get(p); }

    /** Which layers bend b acts on, for a sampler that runs {@code layers} steps. */
    public boolean actsAt(int bend, int layer, int layers) {
        return bends.get(bend).layers().actsAt(layer, layers);
    }

    /** The fewest sampler steps (as run) that every named layer fits into; 0 when any count will do. */
    public int requiredSteps() {
        int max = -1;
        for (BendSpec spec : bends) {
            max = Math.max(max, spec.maxLayer());
        }
        return max + 1;
    }

    /**
     * @param layers the sampler steps actually run (img2img: int(strength * steps))
     * @throws BendSpecException naming the first bend whose layer does not exist in such a run
     */
    public void checkSteps(int layers) {
        for (int b = 0; b < bends.size(); b++) {
            int max = bends.get(b).maxLayer();
            if (max >= layers) {
                throw new BendSpecException("bend " + b + " '" + bends.get(b) + "' acts at layer " + max
                        + ", but the sampler runs only " + layers + " steps (layers 0.." + (layers - 1)
                        + " and 'final'); for img2img only int(strength * steps) steps run");
            }
        }
    }

    /**
     * Rejects a latent shape some bend cannot work on (a channel that does not exist, a row beyond the latent).
     *
     * @throws IllegalArgumentException naming the bend and the problem
     */
    public void checkShape(int channels, int height, int width) {
        for (int b = 0; b < compiled.size(); b++) {
            try {
                compiled.get(b).checkShape(channels, height, width);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bend " + b + " '" + bends.get(b) + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * params[b][p] for a program whose sources are all constants (the gallery, tests, a still image).
     *
     * @throws IllegalStateException naming the first bend with an audio source, whose values only PLAN knows
     */
    public double[][] constantParameters() {
        double[][] params = new double[bends.size()][];
        for (int b = 0; b < bends.size(); b++) {
            List<ParameterSource> sources = bends.get(b).sources();
            params[b] = new double[sources.size()];
            for (int p = 0; p < sources.size(); p++) {
                if (!(sources.get(p) instanceof ParameterSource.Constant constant)) {
                    throw new IllegalStateException("bend " + b + " '" + bends.get(b) + "' has the audio source '"
                            + Sources.canonical(sources.get(p)) + "'; its values come from the PLAN stage");
                }
                params[b][p] = constant.value();
            }
        }
        return params;
    }

    /** The value parameter p of bend b really runs with: clamped into its domain (NaN to the value nearest 0). */
    public double clampParameter(int bend, int p, double value) {
        return parameter(bend, p).domain().clamp(value);
    }

    /**
     * The bender for one frame.
     *
     * @param seed   the job seed
     * @param frame  the frame index in the job (keys every random draw)
     * @param params params[b][p] = value of parameter p of bend b for this frame, already scaled by PLAN;
     *               may be null when no bend has parameters
     */
    public LatentBender forFrame(long seed, int frame, double[][] params) {
        double[][] clamped = new double[bends.size()][];
        for (int b = 0; b < bends.size(); b++) {
            int count = parameterCount(b);
            double[] given = params == null || b >= params.length ? null : params[b];
            if (count > 0 && (given == null || given.length != count) || count == 0 && given != null && given.length != 0) {
                throw new IllegalArgumentException("bend " + b + " '" + bends.get(b) + "' takes " + count
                        + " parameter values, got " + (given == null ? "none" : Integer.toString(given.length)));
            }
            clamped[b] = new double[count];
            for (int p = 0; p < count; p++) {
                clamped[b][p] = clampParameter(b, p, given[p]);
            }
        }
        if (params != null && params.length > bends.size()) {
            throw new IllegalArgumentException("got parameters for " + params.length + " bends, the program has "
                    + bends.size());
        }
        return new FrameBender(compiled, seed, frame, clamped);
    }

    /** True when a {@code code-prompts} bend chooses the frames' prompts. */
    public boolean choosesPrompts() {
        return promptBend() >= 0;
    }

    /**
     * The frame's prompt weights from the {@code code-prompts} bend (softmax of its parameters over its
     * temperature), or null when the program has none: then the request's prompts apply.
     *
     * @param params params[b][p] for this frame, as {@link #forFrame} takes them
     */
    public PromptWeights promptWeights(double[][] params) {
        int b = promptBend();
        if (b < 0) {
            return null;
        }
        CodePrompts operator = (CodePrompts) compiled.get(b).operators().get(0);
        double[] clamped = new double[parameterCount(b)];
        for (int p = 0; p < clamped.length; p++) {
            clamped[p] = clampParameter(b, p, params[b][p]);
        }
        double[] w = operator.weights(clamped, 0);
        List<Double> weights = new ArrayList<>();
        for (double v : w) {
            weights.add(v);
        }
        return new PromptWeights(operator.prompts(), weights);
    }

    private int promptBend() {
        for (int b = 0; b < bends.size(); b++) {
            if (compiled.get(b).operators().get(0) instanceof CodePrompts) {
                return b;
            }
        }
        return -1;
    }

    @Override
    public String toString() { return "BendProgram" + bends; }
}
