package org.netbend.bend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.netbend.core.FeatureNames;

/**
 * The operator vocabulary: every name the shorthand and YAML accept, how its literal arguments are read and
 * checked, and its runtime parameters with their useful (default) ranges and safe domains.
 */
public final class Operators {

    /** What the docs and error messages say about an operator. */
    public record Info(String name, String syntax, String summary) { }

    static final ParamSpec AMOUNT = ParamSpec.of("amount", 0, 5, Domain.any());
    static final ParamSpec FACTOR = ParamSpec.of("factor", 0, 10, Domain.any());
    static final ParamSpec NOISE = ParamSpec.of("amount", 0, 1, Domain.any());
    static final ParamSpec THRESHOLD = ParamSpec.of("r", 0, 4, Domain.any());
    static final ParamSpec SOFT_THRESHOLD = ParamSpec.of("r", 0, 2, Domain.atLeast(0));
    /** 1/r - x: r stays at least 0.01 away from 0 (|1/r| <= 100); the default range keeps 1/r <= 5. */
    static final ParamSpec INVERSION = ParamSpec.of("r", 0.2, 5, Domain.awayFromZero(0.01));
    static final ParamSpec ANGLE = ParamSpec.of("angle", 0, 2 * Math.PI, Domain.any());
    static final ParamSpec EXPONENT = ParamSpec.of("exponent", 0.5, 2, Domain.between(0.01, 16));
    static final ParamSpec LIMIT = ParamSpec.of("limit", 0.5, 3, Domain.atLeast(0));
    static final ParamSpec MATRIX_ENTRY = ParamSpec.of("m", -1, 1, Domain.between(-100, 100));
    /** One entry of code-matrix's skew-symmetric generator: ±pi/2 per plane turns the channels a quarter at most. */
    static final ParamSpec CODE_GENERATOR = ParamSpec.of("generator", -Math.PI / 2, Math.PI / 2, Domain.any());

    private static final int MAX_WINDOW = 63;

    private record Entry(Info info, Function<Args, Operator> factory) { }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        pointwise("add", "x + r", AMOUNT, PointwiseKernel.ADD);
        pointwise("subtract", "x - r", AMOUNT, PointwiseKernel.SUBTRACT);
        pointwise("multiply", "x * r", FACTOR, PointwiseKernel.MULTIPLY);
        register("add-sparse", "add-sparse[(p=0.05)]", "x + r on a seeded random fraction p of the elements", a -> {
            a.arity(0, 1);
            double p = a.count() == 0 ? 0.05 : a.number(0);
            if (!(p > 0 && p <= 1)) {
                throw a.error("fraction p must be in (0, 1], got " + a.text(0));
            }
            return new RandomAdd(a.call(BendNumbers.format(p)), AMOUNT, p);
        });
        register("noise", "noise", "x + r N(0,1), seeded, fresh on every layer",
                a -> new RandomAdd(a.noArgs(), NOISE, Double.NaN));
        pointwise("threshold", "x where |x| >= r, else 0 (reference code)", THRESHOLD,
                PointwiseKernel.THRESHOLD);
        pointwise("threshold-binary", "1 where x >= r, else 0 (the paper's printed form)", THRESHOLD,
                PointwiseKernel.THRESHOLD_BINARY);
        pointwise("threshold-soft", "sign(x) max(|x| - r, 0)", SOFT_THRESHOLD,
                PointwiseKernel.THRESHOLD_SOFT);
        pointwise("inversion", "1/r - x", INVERSION, PointwiseKernel.INVERSION);
        rotation("rotate-r1", 1, 2);
        rotation("rotate-r2", 2, 0);
        rotation("rotate-r3", 3, 0);
        rotation("rotate-r4", 0, 1);
        register("rotate", "rotate(i,j)", "rotation by the angle in the plane of channels i and j", a -> {
            a.arity(2, 2);
            int i = a.index(0);
            int j = a.index(1);
            if (i == j) {
                throw a.error("needs two different channels, got " + i + " and " + j);
            }
            return new ChannelMatrixOperator(a.call(i, j), List.of(ANGLE), 0, Math.max(i, j),
                    (n, p, o) -> ChannelMatrices.rotation(n, i, j, p[o]));
        });
        register("rotate-so4", "rotate-so4", "full 4-channel rotation from six angles (planes 01,02,03,12,13,23)",
                a -> new ChannelMatrixOperator(a.noArgs(), Collections.nCopies(6, ANGLE), 4, 3,
                        (n, p, o) -> ChannelMatrices.so4(p, o)));
        register("reflect", "reflect(d)", "negates channel d (identity with entry (d,d) = -1)", a -> {
            a.arity(1, 1);
            int d = a.index(0);
            return new ChannelMatrixOperator(a.call(d), List.of(), 0, d,
                    (n, p, o) -> ChannelMatrices.reflection(n, d));
        });
        register("hadamard", "hadamard", "mixes channels with the orthonormal Hadamard matrix (its own inverse)",
                a -> new ChannelMatrixOperator(a.noArgs(), List.of(), 0, -1, (n, p, o) -> ChannelMatrices.hadamard(n)));
        register("matrix", "matrix[(m00,...,m33)]", "any channel matrix: 16 literal numbers, or 16 sources", a -> {
            if (a.count() == 0) {
                return new ChannelMatrixOperator(a.noArgs(), Collections.nCopies(16, MATRIX_ENTRY), 4, -1,
                        (n, p, o) -> {
                            double[][] m = new double[4][4];
                            for (int k = 0; k < 16; k++) {
                                m[k / 4][k % 4] = p[o + k];
                            }
                            return m;
                        });
            }
            int n = (int) Math.round(Math.sqrt(a.count()));
            if (n * n != a.count()) {
                throw a.error("needs a square number of entries (16 for 4 channels), got " + a.count());
            }
            double[][] m = new double[n][n];
            String[] canonical = new String[n * n];
            for (int k = 0; k < n * n; k++) {
                m[k / n][k % n] = a.number(k);
                canonical[k] = BendNumbers.format(m[k / n][k % n]);
            }
            return new ChannelMatrixOperator(a.call((Object[]) canonical), List.of(), n, -1,
                    (ch, p, o) -> m);
        });
        register("code-matrix", "code-matrix[(6|16)]", "the audio code as a channel matrix: 6 numbers generate an"
                + " SO(4) rotation exp(A), 16 a 4x4 matrix with largest singular value <= 1", a -> {
                    a.arity(0, 1);
                    int n = a.count() == 0 ? 6 : a.index(0);
                    if (n == 6) {
                        return new ChannelMatrixOperator(a.call(6), Collections.nCopies(6, CODE_GENERATOR), 4, 3,
                                (ch, p, o) -> CodeMatrices.rotation(p, o));
                    }
                    if (n == 16) {
                        return new ChannelMatrixOperator(a.call(16), Collections.nCopies(16, MATRIX_ENTRY), 4, 3,
                                (ch, p, o) -> CodeMatrices.bounded(p, o));
                    }
                    throw a.error("takes 6 numbers (a rotation's generator) or 16 (a 4x4 matrix), got " + a.text(0));
                });
        register("code-field", "code-field(D[,gain=1])", "the audio code as a 4 x h x w field (h w = D/4),"
                + " upsampled smoothly to the latent and added with the gain", a -> {
                    a.arity(1, 2);
                    int d = a.index(0);
                    int most = FeatureNames.MAX_CODE_DIMENSIONS;
                    if (d < 4 || d % 4 != 0 || d > most) {
                        throw a.error("D must be a multiple of 4 in 4.." + most + " (4 x h x w numbers), got "
                                + a.text(0));
                    }
                    double gain = a.count() == 2 ? a.number(1) : 1;
                    if (!(Math.abs(gain) <= 100)) {
                        throw a.error("gain must be in -100..100, got " + a.text(1));
                    }
                    return new CodeField(a.call(d, BendNumbers.format(gain)), d, gain);
                });
        register(CodePrompts.NAME, "code-prompts(P1|P2|...|Pk[,T=0.25])", "the audio code chooses the prompt:"
                + " softmax(r/T) weighs the k prompts' text embeddings per frame (the latent is untouched)",
                a -> {
                    if (a.count() == 0) {
                        throw a.error("needs its prompts, e.g. code-prompts(a forest|a city|the sea)");
                    }
                    return CodePrompts.of(a.args());
                });
        morphology("erode", false);
        morphology("dilate", true);
        register("normalize", "normalize[(channel|row|col|pixel|all)]",
                "subtracts the mean so each channel (default), row, column, pixel or the whole latent has mean 0",
                a -> {
                    a.arity(0, 1);
                    Normalize.Dim dim = a.count() == 0 ? Normalize.Dim.CHANNEL
                            : a.choice(0, Normalize.Dim.class);
                    return new Normalize(a.call(dim.label()), dim);
                });
        register("normalize-max", "normalize-max", "divides by max |x| (an all-zero latent stays zero)",
                a -> WholeLatentScale.normalizeMax(a.noArgs()));
        pointwise("power", "sign(x) |x|^r", EXPONENT, PointwiseKernel.POWER);
        pointwise("log", "sign(x) ln(1 + |x|)", null, PointwiseKernel.LOG);
        pointwise("abs", "|x|", null, PointwiseKernel.ABS);
        register("clamp", "clamp[(lo,hi)]", "limits x to lo..hi, or to -r..r when driven by a source", a -> {
            a.arity(0, 2);
            if (a.count() == 0) {
                return Pointwise.clampSymmetric(a.noArgs(), LIMIT);
            }
            double[] bounds = a.orderedPair();
            return Pointwise.clamp(a.call(BendNumbers.format(bounds[0]), BendNumbers.format(bounds[1])), bounds[0],
                    bounds[1]);
        });
        register("rescale", "rescale[(lo,hi)]", "min-max rescales the latent into lo..hi (or -r..r)", a -> {
            a.arity(0, 2);
            if (a.count() == 0) {
                return WholeLatentScale.rescaleSymmetric(a.noArgs(), LIMIT);
            }
            double[] bounds = a.orderedPair();
            return WholeLatentScale.rescale(a.call(BendNumbers.format(bounds[0]), BendNumbers.format(bounds[1])),
                    bounds[0], bounds[1]);
        });
        register("sobel", "sobel", "Sobel edge magnitude per channel",
                a -> new Gradients(a.noArgs(), Gradients.Kind.SOBEL));
        register("gradient", "gradient[(x|y)]", "signed derivative along x (default) or y per channel", a -> {
            a.arity(0, 1);
            String axis = a.count() == 0 ? "x" : a.text(0);
            return switch (axis) {
                case "x" -> new Gradients(a.call("x"), Gradients.Kind.GRADIENT_X);
                case "y" -> new Gradients(a.call("y"), Gradients.Kind.GRADIENT_Y);
                default -> throw a.error("unknown axis '" + axis + "'; known: x, y");
            };
        });
        register("blend", "blend(op[,amount])", "x + a (op(x) - x): mixes in any operator continuously", a -> {
            a.arity(1, 2);
            OperatorCall innerCall = BendParser.parseCall(a.text(0));
            if (innerCall.name().equals("blend")) {
                throw a.error("cannot blend a blend; use one blend with the product of the amounts");
            }
            Operator inner = create(innerCall);
            if (a.count() == 1) {
                return new Blend(a.call(inner.call().canonical()), inner, Double.NaN);
            }
            double amount = a.number(1);
            if (!Blend.AMOUNT.domain().contains(amount)) {
                throw a.error("amount must be in 0..1, got " + a.text(1));
            }
            return new Blend(a.call(inner.call().canonical(), BendNumbers.format(amount)), inner, amount);
        });
    }

    private Operators() { }

    /** Every operator name, in documentation order. */
    public static List<String> names() { return List.copyOf(ENTRIES.keySet()); }

    public static List<Info> infos() {
        return ENTRIES.values().stream().map(Entry::info).collect(Collectors.toList());
    }

    /**
     * Builds the operator a call names, checking its literal arguments.
     *
     * @throws BendSpecException naming the operator or argument at fault
     */
    public static Operator create(OperatorCall call) {
        Entry entry = ENTRIES.get(call.name());
        if (entry == null) {
            throw new BendSpecException("unknown operator '" + call.name() + "'; known: "
                    + String.join(", ", ENTRIES.keySet()));
        }
        return entry.factory.apply(new Args(call.name(), entry.info.syntax(), call.args()));
    }

    private static void register(String name, String syntax, String summary, Function<Args, Operator> factory) {
        ENTRIES.put(name, new Entry(new Info(name, syntax, summary), factory));
    }

    private static void pointwise(String name, String formula, ParamSpec parameter, PointwiseKernel kernel) {
        List<ParamSpec> parameters = parameter == null ? List.of() : List.of(parameter);
        register(name, name, formula, a -> new Pointwise(a.noArgs(), parameters, kernel));
    }

    private static void rotation(String name, int i, int j) {
        register(name, name, "the paper's " + name.substring(7).toUpperCase() + ": rotate(" + i + "," + j + ")",
                a -> new ChannelMatrixOperator(a.noArgs(), List.of(ANGLE), 0, Math.max(i, j),
                        (n, p, o) -> ChannelMatrices.rotation(n, i, j, p[o])));
    }

    private static void morphology(String name, boolean dilate) {
        register(name, name + "[(k=4)]", (dilate ? "window maximum" : "window minimum") + " over k x k, per channel",
                a -> {
                    a.arity(0, 1);
                    int k = a.count() == 0 ? 4 : a.index(0);
                    if (k < 1 || k > MAX_WINDOW) {
                        throw a.error("window k must be 1.." + MAX_WINDOW + ", got " + a.text(0));
                    }
                    return new Morphology(a.call(k), k, dilate);
                });
    }

    /** The literal arguments of one call, with checks that name the operator in their errors. */
    private record Args(String name, String syntax, List<String> args) {
        int count() { return args.size(); }

        String text(int i) { return args.get(i); }

        BendSpecException error(String problem) {
            return new BendSpecException(name + ": " + problem + " (syntax: " + syntax + ")");
        }

        void arity(int min, int max) {
            if (args.size() < min || args.size() > max) {
                String expected = min == max ? Integer.toString(min) : min + ".." + max;
                throw error("takes " + expected + " argument" + (max == 1 ? "" : "s") + ", got " + args.size()
                        + (args.isEmpty() ? "" : " (" + String.join(",", args) + ")"));
            }
        }

        OperatorCall noArgs() {
            arity(0, 0);
            return new OperatorCall(name, List.of());
        }

        OperatorCall call(Object... canonicalArgs) {
            List<String> texts = new ArrayList<>();
            for (Object arg : canonicalArgs) {
                texts.add(String.valueOf(arg));
            }
            return new OperatorCall(name, texts);
        }

        double number(int i) {
            try {
                return BendNumbers.parse(args.get(i));
            } catch (BendSpecException e) {
                throw error(e.getMessage());
            }
        }

        int index(int i) {
            String text = args.get(i);
            if (!text.matches("\\d{1,4}")) {
                throw error("'" + text + "' is not a whole number >= 0");
            }
            return Integer.parseInt(text);
        }

        double[] orderedPair() {
            arity(2, 2);
            double lo = number(0);
            double hi = number(1);
            if (lo > hi) {
                throw error("needs lo <= hi, got " + text(0) + " > " + text(1));
            }
            return new double[] {lo, hi};
        }

        <E extends Enum<E>> E choice(int i, Class<E> type) {
            for (E value : type.getEnumConstants()) {
                if (value.name().equalsIgnoreCase(args.get(i))) {
                    return value;
                }
            }
            throw error("unknown choice '" + args.get(i) + "'; known: " + Arrays.stream(type.getEnumConstants())
                    .map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
