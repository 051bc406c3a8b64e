package org.netbend.bend;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.netbend.core.ParameterSource;

/**
 * One parsed bend: a chain of operators applied in order, the layers it acts on, the target it writes to, and
 * one source per runtime parameter (Feature and Combined sources always carry a range: the operator's default
 * range when the spec gave none). Built by {@link BendParser} or {@link BendYaml}; {@link #toString()} gives
 * back the canonical shorthand, which parses to an equal spec.
 */
public record BendSpec(List<OperatorCall> operators, Layers layers, Target target, List<ParameterSource> sources,
        String site) implements Serializable {

    /** A bend on the latent between sampler steps (no site). */
    public BendSpec(List<OperatorCall> operators, Layers layers, Target target, List<ParameterSource> sources) {
        this(operators, layers, target, sources, null);
    }

    public BendSpec {
        site = site == null || site.isEmpty() ? null : site;
        operators = List.copyOf(operators);
        sources = List.copyOf(sources);
        if (operators.isEmpty()) {
            throw new BendSpecException("a bend needs at least one operator");
        }
        if (layers == null || target == null) {
            throw new BendSpecException("a bend needs layers and a target");
        }
    }

    /** True when the bend acts on an activation inside the U-Net ({@code OP@STEPS/SITE...}), not on the latent. */
    public boolean atSite() { return site != null; }

    /**
     * The canonical shorthand: {@code op1>op2@LAYER[/SITE][:TARGET][=SOURCE,...]}, target omitted when it is
     * all.
     */
    public String canonical() {
        StringBuilder text = new StringBuilder(operators.stream().map(OperatorCall::canonical)
                .collect(Collectors.joining(">")));
        text.append('@').append(layers.canonical());
        if (site != null) {
            text.append('/').append(site);
        }
        if (!(target instanceof Target.All)) {
            text.append(':').append(target.canonical());
        }
        if (!sources.isEmpty()) {
            text.append('=').append(sources.stream().map(Sources::canonical).collect(Collectors.joining(",")));
        }
        return text.toString();
    }

    /**
     * The highest sampler step this bend names, or -1 for {@code final} and {@code every}. The render side
     * rejects a job whose steps (as run: for img2img int(strength * steps)) do not exceed it; see
     * {@link BendProgram#checkSteps}.
     */
    public int maxLayer() { return layers.maxStep(); }

    /** The runtime parameters the sources feed, in order, with names, default ranges and domains. */
    public List<ParamSpec> parameters() {
        List<ParamSpec> all = new ArrayList<>();
        for (OperatorCall call : operators) {
            all.addAll(Operators.create(call).parameters());
        }
        return all;
    }

    @Override
    public String toString() { return canonical(); }
}
