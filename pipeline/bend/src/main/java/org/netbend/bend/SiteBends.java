package org.netbend.bend;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.netbend.core.SiteEdit;

/**
 * Bends at sites inside the U-Net ({@code OP@STEPS/SITE[:TARGET]=SOURCE}): which operators and targets a site
 * takes, and how a bend becomes the {@link SiteEdit} the render side builds into the graph, with its values per
 * step.
 *
 * <p>Sites take the linear family, which the render side inserts into the U-Net graph as ONNX operators:
 * {@code add}, {@code subtract}, {@code multiply}, {@code inversion} (a scale and a shift) and the channel
 * matrices {@code rotate-r1..r4}, {@code rotate(i,j)}, {@code rotate-so4}, {@code reflect(d)}, {@code hadamard},
 * {@code matrix}, {@code code-matrix} (a 4x4 matrix over four equal groups of the target channels), and the
 * latent's nonlinear operators {@code threshold}, {@code threshold-binary}, {@code threshold-soft}, {@code erode(k)},
 * {@code dilate(k)}, {@code normalize(dim)}, {@code normalize-max}, built as ONNX operators of their own, and
 * {@code code-field(D[,gain])} (its 4 x h x w field upsampled to the site and added, field channel g on the g-th
 * of four equal groups of the target channels, as the channel matrices' groups). Targets:
 * {@code all}, {@code channel(c)}, {@code channels(a..b)}, {@code region(...)}, {@code fraction(p[,seed])}
 * (there: {@code round(p C)} of the site's C channels, drawn from the seed). Everything else is refused by name.
 */
public final class SiteBends {
    /** {@code down.N}, {@code up.N}, {@code mid}, optionally {@code .attn.M} or {@code .res.M}. */
    private static final Pattern SITE = Pattern.compile("(?:(?:down|up)\\.\\d{1,3}|mid)(?:\\.(?:attn|res)\\.\\d{1,3})?");
    private static final Set<String> AFFINE = Set.of("add", "subtract", "multiply", "inversion");
    private static final Set<String> MATRICES = Set.of("rotate-r1", "rotate-r2", "rotate-r3", "rotate-r4", "rotate",
            "rotate-so4", "reflect", "hadamard", "matrix", "code-matrix");
    private static final Set<String> NONLINEAR = Set.of("threshold", "threshold-binary", "threshold-soft", "erode",
            "dilate", "normalize", "normalize-max");
    private static final String FIELD = "code-field";
    static final String OPERATORS = "add, subtract, multiply, inversion, rotate-r1..r4, rotate(i,j), rotate-so4,"
            + " reflect(d), hadamard, matrix, code-matrix, code-field(D[,gain]), threshold, threshold-binary,"
            + " threshold-soft, erode(k), dilate(k),"
            + " normalize(channel|row|col|pixel|all), normalize-max";
    static final String TARGETS = "all, channel(c), channels(a..b), region(x0,y0,x1,y1[,feather]), fraction(p[,seed])";

    private SiteBends() { }

    /** Rejects a site bend whose site name, operator, target or steps a site cannot take. */
    static void checkForm(BendSpec spec) {
        String site = spec.site();
        if (!SITE.matcher(site).matches()) {
            throw new BendSpecException("bad site '" + site + "'; a site is down.N, mid or up.N, optionally"
                    + " followed by .attn.M or .res.M (e.g. mid, down.1, up.2.attn.1); `netbend sites` lists a model's");
        }
        if (spec.operators().size() != 1) {
            throw new BendSpecException("site bend '" + spec + "': a site takes one operator, not a chain");
        }
        OperatorCall call = spec.operators().get(0);
        if (!AFFINE.contains(call.name()) && !MATRICES.contains(call.name()) && !NONLINEAR.contains(call.name())
                && !call.name().equals(FIELD)) {
            throw new BendSpecException("operator '" + call.name() + "' cannot act at a site; sites take: "
                    + OPERATORS);
        }
        if (call.name().equals("matrix") && !call.args().isEmpty() && call.args().size() != 16) {
            throw new BendSpecException("site bend '" + spec + "': a site's matrix is 4x4 over channel groups"
                    + " (16 entries), got " + call.args().size());
        }
        Operator operator = Operators.create(call);
        if (operator instanceof ChannelMatrixOperator matrix) {
            try {
                matrix.checkShape(4, 1, 1);
            } catch (IllegalArgumentException e) {
                throw new BendSpecException("site bend '" + spec + "': channel operators at a site act on four groups"
                        + " of channels (0..3): " + e.getMessage(), e);
            }
            if (spec.target() instanceof Target.Channel || spec.target() instanceof Target.Fraction) {
                throw new BendSpecException("site bend '" + spec + "': " + call.name() + " mixes four channel groups;"
                        + " target channels(a..b) or all, not " + spec.target().canonical());
            }
        }
        Target target = spec.target();
        if (!(target instanceof Target.All || target instanceof Target.Channel || target instanceof Target.Channels
                || target instanceof Target.Region || target instanceof Target.Fraction)) {
            throw new BendSpecException("target '" + target.canonical() + "' cannot be used at a site; sites take: "
                    + TARGETS);
        }
        if (spec.layers() instanceof Layers.Final) {
            throw new BendSpecException("site bend '" + spec + "': 'final' has no U-Net call; name steps (k, a-b or"
                    + " every)");
        }
    }

    /**
     * Checks every site bend's site against the sites a model has.
     *
     * @throws BendSpecException naming the first unknown site and listing the model's sites
     */
    public static void checkSites(List<BendSpec> bends, Collection<String> known) {
        for (int b = 0; b < bends.size(); b++) {
            BendSpec spec = bends.get(b);
            if (spec.atSite() && !known.contains(spec.site())) {
                throw new BendSpecException("bend " + b + " '" + spec + "': unknown site '" + spec.site()
                        + "'; this model's sites: " + String.join(", ", known));
            }
        }
    }

    /**
     * Checks every site bend's target channels against the channel count of its site: a channel or range must lie
     * inside the site, and a channel matrix needs a target whose channels split into four equal groups.
     *
     * @param channels the channel count of each site of the model
     * @throws BendSpecException naming the bend, its site and the site's channel count
     */
    public static void checkChannels(List<BendSpec> bends, Map<String, Integer> channels) {
        for (int b = 0; b < bends.size(); b++) {
            BendSpec spec = bends.get(b);
            Integer count = spec.atSite() ? channels.get(spec.site()) : null;
            if (count != null) {
                try {
                    edit(spec, 0).checkChannels(count);
                } catch (IllegalArgumentException e) {
                    throw new BendSpecException("bend " + b + " '" + spec + "': " + e.getMessage(), e);
                }
            }
        }
    }

    /** True for a site bend whose operator is a channel matrix over four groups of the target channels. */
    public static boolean mixesChannelGroups(BendSpec spec) {
        return spec.atSite() && MATRICES.contains(spec.operators().get(0).name());
    }

    /** The graph form of a site bend (checked by the parser); {@code seed} draws a fraction target's channels. */
    public static SiteEdit edit(BendSpec spec, long seed) {
        if (!spec.atSite()) {
            throw new IllegalArgumentException("'" + spec + "' acts on the latent, not at a site");
        }
        OperatorCall call = spec.operators().get(0);
        SiteEdit.Region region = null;
        SiteEdit.Fraction fraction = null;
        int first = 0;
        int last = -1;
        if (spec.target() instanceof Target.Channel c) {
            first = c.channel();
            last = c.channel();
        } else if (spec.target() instanceof Target.Channels c) {
            first = c.from();
            last = c.to();
        } else if (spec.target() instanceof Target.Region r) {
            region = new SiteEdit.Region(r.x0(), r.y0(), r.x1(), r.y1(), r.feather());
        } else if (spec.target() instanceof Target.Fraction f) {
            fraction = new SiteEdit.Fraction(f.p(), f.seed() != null ? f.seed() : seed);
        }
        SiteEdit.Form form = form(call);
        int window = form == SiteEdit.Form.ERODE || form == SiteEdit.Form.DILATE ? Integer.parseInt(call.args().get(0))
                : 0;
        SiteEdit.Field field = null;
        if (form == SiteEdit.Form.FIELD) {
            CodeField operator = (CodeField) Operators.create(call);
            field = new SiteEdit.Field(operator.fieldHeight(), operator.fieldWidth());
        }
        return new SiteEdit(spec.site(), form, first, last, region, window, fraction, field);
    }

    private static SiteEdit.Form form(OperatorCall call) {
        if (MATRICES.contains(call.name())) {
            return SiteEdit.Form.GROUP_MATRIX;
        }
        return switch (call.name()) {
            case "threshold" -> SiteEdit.Form.THRESHOLD;
            case "threshold-binary" -> SiteEdit.Form.THRESHOLD_BINARY;
            case "threshold-soft" -> SiteEdit.Form.THRESHOLD_SOFT;
            case "erode" -> SiteEdit.Form.ERODE;
            case "dilate" -> SiteEdit.Form.DILATE;
            case "normalize-max" -> SiteEdit.Form.NORMALIZE_MAX;
            case FIELD -> SiteEdit.Form.FIELD;
            case "normalize" -> SiteEdit.Form.valueOf("NORMALIZE_" + call.args().get(0).toUpperCase(Locale.ROOT));
            default -> SiteEdit.Form.AFFINE;
        };
    }

    /**
     * The values ({@link SiteEdit#VALUE_COUNT}: 4x4 matrix, scale, shift, parameter, gate) for one step, from the
     * bend's parameters (already clamped into their domains). A nonlinear operator opens its gate, except where its
     * parameter makes it the identity (threshold and threshold-soft at r <= 0): then the gate stays shut and the
     * activation passes exactly. A code field's values are followed by its field (the code times the gain, in the
     * code's order: channel, row, column); its gate is shut at gain 0 or an all-zero code.
     */
    static double[] values(Operator operator, double[] params) {
        double[] v = SiteEdit.identityValues();
        String name = operator.call().name();
        if (operator instanceof CodeField field) {
            return fieldValues(field, params);
        }
        if (operator instanceof ChannelMatrixOperator matrixOperator) {
            double[][] m = matrixOperator.matrix(4, params);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    v[i * 4 + j] = m[i][j];
                }
            }
            return v;
        }
        if (NONLINEAR.contains(name)) {
            double r = params.length > 0 ? params[0] : 0;
            boolean identity = (name.equals("threshold") || name.equals("threshold-soft")) && r <= 0;
            v[SiteEdit.PARAMETER] = r;
            v[SiteEdit.GATE] = identity ? 0 : 1;
            return v;
        }
        double r = params[0];
        switch (name) {
            case "add" -> v[17] = r;
            case "subtract" -> v[17] = -r;
            case "multiply" -> v[16] = r;
            case "inversion" -> {
                v[16] = -1;
                v[17] = 1 / r;
            }
            default -> throw new IllegalStateException("no site form for " + name);
        }
        return v;
    }

    private static double[] fieldValues(CodeField field, double[] params) {
        int size = field.parameters().size();
        double[] v = java.util.Arrays.copyOf(SiteEdit.identityValues(), SiteEdit.VALUE_COUNT + size);
        boolean acts = false;
        for (int k = 0; k < size; k++) {
            v[SiteEdit.VALUE_COUNT + k] = field.gain() * params[k];
            acts |= v[SiteEdit.VALUE_COUNT + k] != 0;
        }
        v[SiteEdit.GATE] = acts ? 1 : 0;
        return v;
    }
}
