package org.netbend.bend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.netbend.core.Latent;

/**
 * {@code code-prompts(P1|P2|...|Pk[,T])@every=SOURCE,...}: k sources (code components) give each prompt its weight
 * per frame, w = softmax(r / T), and the frame's text embedding is the weighted mix Σ w_i e(P_i) (slerp between two
 * prompts when there are two). The latent is left alone: the bend steers the conditioning, which the render side
 * reads through {@link BendProgram#promptWeights}. Prompts keep their spaces (the shorthand drops whitespace
 * elsewhere); they may not contain '|', ',', '(' or ')'.
 */
final class CodePrompts implements Operator {
    static final String NAME = "code-prompts";
    static final ParamSpec LOGIT = ParamSpec.of("logit", 0, 1, Domain.any());
    /** Stands for a space inside the prompts while the shorthand's whitespace is removed (a no-break space). */
    static final char SPACE = '\u00a0';
    static final int MAX_PROMPTS = 16;
    static final double DEFAULT_TEMPERATURE = 0.25;

    private final OperatorCall call;
    private final List<String> prompts;
    private final double temperature;

    CodePrompts(OperatorCall call, List<String> prompts, double temperature) {
        this.call = call;
        this.prompts = List.copyOf(prompts);
        this.temperature = temperature;
    }

    /** From the literal arguments: prompts joined by '|', then optionally the temperature. */
    static CodePrompts of(List<String> args) {
        List<String> parts = new ArrayList<>();
        for (String arg : args) {
            parts.add(arg.replace(SPACE, ' ').strip()); // "a forest|the sea, 0.25": the space after ',' is kept
        }
        double temperature = DEFAULT_TEMPERATURE;
        if (parts.size() >= 2 && BendNumbers.isNumber(parts.get(parts.size() - 1))) {
            temperature = BendNumbers.parse(parts.remove(parts.size() - 1));
        }
        if (parts.size() != 1) {
            throw error("write the prompts separated by '|' and the temperature after one ',', e.g."
                    + " code-prompts(a forest|a city|the sea, 0.25); a prompt may not contain ','");
        }
        if (!(temperature > 0 && temperature <= 1e3)) {
            throw error("temperature must be above 0 (and at most 1000), got " + BendNumbers.format(temperature)
                    + "; a small temperature picks the strongest component's prompt");
        }
        List<String> prompts = new ArrayList<>();
        for (String prompt : parts.get(0).split("\\|", -1)) {
            String text = prompt.replace(SPACE, ' ').strip();
            if (text.isEmpty()) {
                throw error("empty prompt in '" + parts.get(0).replace(SPACE, ' ') + "'");
            }
            prompts.add(text);
        }
        if (prompts.size() < 2 || prompts.size() > MAX_PROMPTS) {
            throw error("needs 2.." + MAX_PROMPTS + " prompts separated by '|', got " + prompts.size());
        }
        OperatorCall call = new OperatorCall(NAME, List.of(String.join("|", prompts),
                BendNumbers.format(temperature)));
        return new CodePrompts(call, prompts, temperature);
    }

    private static BendSpecException error(String problem) {
        return new BendSpecException(NAME + ": " + problem + " (syntax: code-prompts(P1|P2|...|Pk[,T]))");
    }

    /**
     * The spaces inside {@code code-prompts(...)} become {@link #SPACE}, so that removing the shorthand's whitespace
     * keeps them (same length: error spans stay where they were).
     */
    static String protectSpaces(String text) {
        if (text == null) {
            return null;
        }
        int at = text.indexOf(NAME + "(");
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        int depth = 0;
        for (int i = at + NAME.length(); i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                break;
            } else if (c == ' ' && depth == 1) {
                out.setCharAt(i, SPACE);
            }
        }
        return out.toString();
    }

    /** A code-prompts bend steers every step's conditioning: one operator, at every layer, on the whole latent. */
    static void checkForm(BendSpec spec) {
        boolean has = spec.operators().stream().anyMatch(call -> call.name().equals(NAME));
        if (!has) {
            return;
        }
        if (spec.operators().size() != 1 || !(spec.layers() instanceof Layers.Every) || spec.atSite()
                || !(spec.target() instanceof Target.All)) {
            throw new BendSpecException("'" + NAME + "' sets the prompt of the whole frame: write it alone, at every"
                    + " step, on all of the latent, e.g. code-prompts(a forest|the sea)@every=code(0..1)");
        }
    }

    List<String> prompts() { return prompts; }

    double temperature() { return temperature; }

    /** w_i = exp((r_i − max r)/T) / Σ_j exp((r_j − max r)/T): a one-hot r at a small T gives exactly one 1. */
    double[] weights(double[] p, int offset) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < prompts.size(); i++) {
            max = Math.max(max, p[offset + i]);
        }
        double[] w = new double[prompts.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp((p[offset + i] - max) / temperature);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return Collections.nCopies(prompts.size(), LOGIT); }

    @Override public boolean inPlace() { return true; }

    /** The latent is not touched. */
    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        if (src.data() != dst.data()) {
            System.arraycopy(src.data(), 0, dst.data(), 0, src.size());
        }
    }
}
