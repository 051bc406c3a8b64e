package org.netbend.bend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.netbend.core.FeatureNames;
import org.netbend.core.LaneSchedule;
import org.netbend.core.Modifier;
import org.netbend.core.ModifierKind;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;

/**
 * Reads the bend shorthand {@code OP[(ARGS)][>OP...]@LAYER[:TARGET][=SOURCE[,SOURCE...]]}, for example
 * {@code rotate-r1@40=rms[0..2pi]|median(5)} or {@code multiply>normalize(channel)@10-20:channel(0)=flux}.
 * Whitespace is ignored. Every error is a {@link BendSpecException} naming the bad token and the valid names.
 */
public final class BendParser {
    public static final String SYNTAX = "OP[(ARGS)][>OP...]@LAYER[/SITE][:TARGET][=SOURCE,...]";
    static final String KNOWN_TARGETS = "all, channel(c), channels(a..b), row(i), col(j), rows(a..b), cols(a..b),"
            + " fraction(p[,seed]), region(x0,y0,x1,y1[,feather])";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})-(\\d{1,6})");
    private static final Pattern STEP = Pattern.compile("\\d{1,6}");

    private BendParser() { }

    /**
     * Parses one shorthand spec. Every error carries the span of the offending part of {@code shorthand}
     * ({@link BendSpecException#start()}, {@link BendSpecException#end()}).
     */
    public static BendSpec parse(String shorthand) {
        if (shorthand == null || shorthand.isBlank()) {
            throw new BendSpecException("empty bend spec; write " + SYNTAX + ", e.g. rotate-r1@40=rms[0..2pi]", 0,
                    shorthand == null ? 0 : shorthand.length());
        }
        refuseSchedule(shorthand);
        shorthand = CodePrompts.protectSpaces(shorthand);
        int[] original = new int[shorthand.length()];
        StringBuilder compact = new StringBuilder(shorthand.length());
        for (int i = 0; i < shorthand.length(); i++) {
            if (!Character.isWhitespace(shorthand.charAt(i))) {
                original[compact.length()] = i;
                compact.append(shorthand.charAt(i));
            }
        }
        try {
            return parseCompact(compact.toString());
        } catch (BendSpecException e) {
            throw e.mapped(original, shorthand.length());
        }
    }

    private static BendSpec parseCompact(String text) {
        int at = topLevelIndex(text, '@', 0);
        if (at < 0) {
            throw new BendSpecException("missing '@LAYER' in '" + text + "'; write " + SYNTAX
                    + ", e.g. add@40=rms", 0, text.length());
        }
        String rest = text.substring(at + 1);
        int equals = topLevelIndex(rest, '=', 0);
        String where = equals < 0 ? rest : rest.substring(0, equals);
        int sourcesAt = at + 1 + equals + 1;
        String sourceText = equals < 0 ? "" : rest.substring(equals + 1);
        List<String> sources = equals < 0 ? List.of()
                : located(sourcesAt, sourceText.length(), () -> splitTopLevel(sourceText, ',', "source list"));
        int colon = where.indexOf(':');
        String layer = colon < 0 ? where : where.substring(0, colon);
        String target = colon < 0 ? null : where.substring(colon + 1);
        if (equals >= 0 && sources.stream().anyMatch(String::isEmpty)) {
            throw new BendSpecException("empty source in '" + sourceText + "' after '='", sourcesAt - 1,
                    text.length());
        }
        return build(text.substring(0, at), layer, at + 1, target, at + 1 + colon + 1, sources, sourcesAt);
    }

    /**
     * A Deforum keyframe schedule after '=' ({@code add@0=0:(0), 30:(2)}) would split at its commas into sources;
     * say how to give it as a lane instead, with the exact options to use.
     */
    private static void refuseSchedule(String shorthand) {
        int at = topLevelIndex(shorthand, '@', 0);
        int equals = at < 0 ? -1 : topLevelIndex(shorthand, '=', at + 1);
        if (equals < 0 || !LaneSchedule.looksLikeSchedule(shorthand.substring(equals + 1))) {
            return;
        }
        String schedule = shorthand.substring(equals + 1).strip();
        String bend = compact(shorthand.substring(0, equals));
        String name = compact(shorthand.substring(0, at)).replaceAll("[(>].*", "").replaceAll("[^a-z0-9_-]", "");
        name = name.isEmpty() || name.length() > 32 ? "lane" : name;
        int from = shorthand.indexOf(schedule, equals + 1);
        throw new BendSpecException("'" + schedule + "' is a Deforum keyframe schedule; a bend reads one as a lane:"
                + " --lane " + name + "=\"" + schedule + "\" --bend \"" + bend + "=lane:" + name + "\" (times are"
                + " seconds, m:ss or beats like 8b, not frames; in a job file: lanes: {" + name + ": \"" + schedule
                + "\"})", from, from + schedule.length());
    }

    /**
     * Builds a spec from its parts as YAML spells them out; the shorthand goes through here too, so both
     * give equal objects. An error's span is in the shorthand {@code OPS@LAYER[:TARGET][=SOURCE,...]} the parts
     * make (whitespace removed).
     *
     * @param operators the chain, e.g. {@code multiply>normalize(channel)}
     * @param layer     {@code k}, {@code final}, {@code a-b} or {@code every}
     * @param target    a target, or null/empty for all
     * @param sources   one text per runtime parameter
     */
    public static BendSpec fromParts(String operators, String layer, String target, List<String> sources) {
        String chain = compact(CodePrompts.protectSpaces(operators));
        String steps = compact(layer);
        String aim = target == null ? null : compact(target);
        List<String> texts = sources.stream().map(BendParser::compact).toList();
        int layerAt = chain.length() + 1;
        int targetAt = layerAt + steps.length() + 1;
        int sourcesAt = (aim == null || aim.isEmpty() ? layerAt + steps.length() : targetAt + aim.length()) + 1;
        return build(chain, steps, layerAt, aim, targetAt, texts, sourcesAt);
    }

    /** Parts of compact text, with where each starts in the shorthand (for the error spans). */
    private static BendSpec build(String operators, String layer, int layerAt, String target, int targetAt,
            List<String> sources, int sourcesAt) {
        List<OperatorCall> calls = new ArrayList<>();
        List<Operator> compiled = new ArrayList<>();
        int partAt = 0;
        for (String part : located(0, operators.length(), () -> splitTopLevel(operators, '>', "operator chain"))) {
            if (part.isEmpty()) {
                throw new BendSpecException("empty operator in chain '" + operators
                        + "'; chain operators with '>', e.g. multiply>normalize(channel)@40=2", Math.max(0, partAt - 1),
                        Math.min(Math.max(operators.length(), 1), partAt + 1));
            }
            Operator operator = located(partAt, part.length(), () -> Operators.create(parseCall(part)));
            calls.add(operator.call());
            compiled.add(operator);
            partAt += part.length() + 1;
        }
        List<ParamSpec> parameters = compiled.stream().flatMap(o -> o.parameters().stream()).collect(Collectors.toList());
        String chain = calls.stream().map(OperatorCall::canonical).collect(Collectors.joining(">"));
        int[] sourceStarts = new int[0];
        List<String> written = sources;
        if (sources.stream().anyMatch(CodeSources::isGroup)) {
            sources = located(sourcesAt, String.join(",", written).length(), () -> CodeSources.expand(written));
            sourceStarts = CodeSources.starts(written, sourcesAt);
        }
        if (sources.size() != parameters.size()) {
            int length = sourceStarts.length > 0 ? String.join(",", written).length()
                    : String.join(",", sources).length();
            throw sources.isEmpty() ? new BendSpecException(countProblem(chain, parameters, 0), 0, operators.length())
                    : new BendSpecException(countProblem(chain, parameters, sources.size()), sourcesAt,
                            sourcesAt + length);
        }
        List<ParameterSource> parsed = new ArrayList<>();
        int sourceAt = sourcesAt;
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            ParamSpec parameter = parameters.get(i);
            // An expanded code(a..b) group: each member's errors point at the group as written.
            int at = sourceStarts.length > 0 ? sourceStarts[i] : sourceAt;
            int length = sourceStarts.length > 0 ? sourceStarts[sources.size() + i] : source.length();
            parsed.add(located(at, length, () -> parseSource(source, parameter, chain)));
            sourceAt = sourceStarts.length > 0 ? at + length + 1 : sourceAt + source.length() + 1;
        }
        int slash = layer.indexOf('/');
        String site = slash < 0 ? null : layer.substring(slash + 1);
        String steps = slash < 0 ? layer : layer.substring(0, slash);
        Layers layers = located(layerAt, steps.length(), () -> parseLayers(steps));
        String aim = target == null ? "" : target;
        Target parsedTarget = located(targetAt, aim.length(), () -> parseTarget(aim));
        int end = sources.isEmpty() ? (target == null ? layerAt + layer.length() : targetAt + aim.length())
                : sourceAt - 1;
        BendSpec spec = located(0, end, () -> new BendSpec(calls, layers, parsedTarget, parsed, site));
        if (site != null) {
            located(0, end, () -> {
                SiteBends.checkForm(spec);
                return spec;
            });
        }
        located(0, end, () -> {
            CodePrompts.checkForm(spec);
            return spec;
        });
        return spec;
    }

    /**
     * Runs one step of the parse over a part of the text at {@code offset}: its error gets the part's span (or keeps
     * its own finer one, moved by the offset). An IllegalArgumentException from below becomes a BendSpecException.
     */
    private static <T> T located(int offset, int length, Supplier<T> step) {
        try {
            return step.get();
        } catch (BendSpecException e) {
            throw e.locate(offset, length);
        } catch (IllegalArgumentException e) {
            throw new BendSpecException(e.getMessage(), offset, offset + length);
        }
    }

    /**
     * One-line notes on a bend that parses but probably does not say what was meant: a rotation whose range
     * goes past a full turn (2pi) was most likely written in degrees, unless it ends on a whole multiple of pi.
     * Empty when there is nothing to say.
     */
    public static List<String> notes(String shorthand) {
        BendSpec spec = parse(shorthand);
        List<String> notes = new ArrayList<>();
        List<ParamSpec> parameters = spec.parameters();
        boolean degrees = shorthand.contains("deg");
        for (int i = 0; i < parameters.size() && !degrees; i++) {
            Range range = rangeOf(spec.sources().get(i));
            if (range != null && parameters.get(i).name().equals(Operators.ANGLE.name())
                    && Math.max(Math.abs(range.lo()), Math.abs(range.hi())) > 2 * Math.PI * (1 + 1e-9)) {
                double end = Math.abs(range.hi()) >= Math.abs(range.lo()) ? range.hi() : range.lo();
                if (wholeTimesPi(end)) {
                    continue; // 4pi was written in radians on purpose; IdentityPeaks says if it is a full turn
                }
                notes.add("'" + spec.canonical() + "': the angle's range ends at " + BendNumbers.format(end)
                        + " radians, past a full turn; did you mean degrees? write 0..2pi or 0..360deg");
            }
        }
        return notes;
    }

    private static boolean wholeTimesPi(double value) {
        double times = value / Math.PI;
        return Math.abs(times - Math.rint(times)) < 1e-9;
    }

    private static Range rangeOf(ParameterSource source) {
        if (source instanceof ParameterSource.Feature feature) {
            return feature.range();
        }
        if (source instanceof ParameterSource.Combined combined) {
            return combined.range();
        }
        return null;
    }

    private static String countProblem(String chain, List<ParamSpec> parameters, int given) {
        if (parameters.isEmpty()) {
            return "'" + chain + "' takes no parameter, got " + given + " source" + (given == 1 ? "" : "s")
                    + "; drop '=...' or wrap it to drive it: blend(" + chain + ")@LAYER=SOURCE";
        }
        String names = parameters.stream().map(ParamSpec::name).collect(Collectors.joining(", "));
        return "'" + chain + "' takes " + parameters.size() + " parameter" + (parameters.size() == 1 ? "" : "s")
                + " (" + names + "), got " + given + (given == 0 ? "; add '=SOURCE', e.g. " + chain + "@40=rms" : "");
    }

    /** {@code name} or {@code name(arg,arg,...)}; arguments may nest parentheses (blend's inner call). */
    public static OperatorCall parseCall(String text) {
        String compact = compact(text);
        int open = compact.indexOf('(');
        String name = open < 0 ? compact : compact.substring(0, open);
        if (!NAME.matcher(name).matches()) {
            throw new BendSpecException("'" + compact + "' is not an operator; known: "
                    + String.join(", ", Operators.names()));
        }
        if (open < 0) {
            return new OperatorCall(name, List.of());
        }
        if (!compact.endsWith(")") || closingParen(compact, open) != compact.length() - 1) {
            throw new BendSpecException("unbalanced parentheses in '" + compact + "'");
        }
        String inside = compact.substring(open + 1, compact.length() - 1);
        if (inside.isEmpty()) {
            return new OperatorCall(name, List.of());
        }
        List<String> args = splitTopLevel(inside, ',', "arguments of " + name);
        if (args.stream().anyMatch(String::isEmpty)) {
            throw new BendSpecException("empty argument in '" + compact + "'");
        }
        return new OperatorCall(name, args);
    }

    static Layers parseLayers(String text) {
        if (text.equals("final")) {
            return new Layers.Final();
        }
        if (text.equals("every")) {
            return new Layers.Every();
        }
        if (STEP.matcher(text).matches()) {
            return new Layers.At(Integer.parseInt(text));
        }
        Matcher span = SPAN.matcher(text);
        if (span.matches()) {
            return new Layers.Span(Integer.parseInt(span.group(1)), Integer.parseInt(span.group(2)));
        }
        throw new BendSpecException("bad layer '" + text + "'; expected a step k (0..steps-1), 'final', "
                + "a range a-b or 'every'");
    }

    static Target parseTarget(String text) {
        if (text.isEmpty() || text.equals("all")) {
            return new Target.All();
        }
        OperatorCall call;
        try {
            call = parseCall(text);
        } catch (BendSpecException e) {
            throw new BendSpecException("bad target '" + text + "'; known: " + KNOWN_TARGETS);
        }
        List<String> args = call.args();
        return switch (call.name()) {
            case "channel" -> new Target.Channel(index(targetArgs(call, 1, 1).get(0), text));
            case "channels" -> {
                int[] span = indexSpan(targetArgs(call, 1, 1).get(0), text);
                yield new Target.Channels(span[0], span[1]);
            }
            case "row" -> {
                int i = index(targetArgs(call, 1, 1).get(0), text);
                yield new Target.Rows(i, i);
            }
            case "col" -> {
                int j = index(targetArgs(call, 1, 1).get(0), text);
                yield new Target.Cols(j, j);
            }
            case "rows" -> {
                int[] span = indexSpan(targetArgs(call, 1, 1).get(0), text);
                yield new Target.Rows(span[0], span[1]);
            }
            case "cols" -> {
                int[] span = indexSpan(targetArgs(call, 1, 1).get(0), text);
                yield new Target.Cols(span[0], span[1]);
            }
            case "fraction" -> {
                targetArgs(call, 1, 2);
                Long seed = null;
                if (args.size() == 2) {
                    if (!args.get(1).matches("-?\\d{1,18}")) {
                        throw new BendSpecException("target '" + text + "': seed '" + args.get(1)
                                + "' is not a whole number");
                    }
                    seed = Long.parseLong(args.get(1));
                }
                yield new Target.Fraction(number(args.get(0), text), seed);
            }
            case "region" -> {
                targetArgs(call, 4, 5);
                double feather = args.size() == 5 ? number(args.get(4), text) : 0;
                yield new Target.Region(number(args.get(0), text), number(args.get(1), text),
                        number(args.get(2), text), number(args.get(3), text), feather);
            }
            default -> throw new BendSpecException("unknown target '" + call.name() + "'; known: " + KNOWN_TARGETS);
        };
    }

    private static List<String> targetArgs(OperatorCall call, int min, int max) {
        if (call.args().size() < min || call.args().size() > max) {
            throw new BendSpecException("target '" + call.canonical() + "' takes "
                    + (min == max ? Integer.toString(min) : min + ".." + max) + " argument"
                    + (max == 1 ? "" : "s") + ", got " + call.args().size() + "; known: " + KNOWN_TARGETS);
        }
        return call.args();
    }

    private static int index(String text, String target) {
        if (!STEP.matcher(text).matches()) {
            throw new BendSpecException("target '" + target + "': '" + text + "' is not a whole number >= 0");
        }
        return Integer.parseInt(text);
    }

    private static int[] indexSpan(String text, String target) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            throw new BendSpecException("target '" + target + "': expected a range a..b, got '" + text + "'");
        }
        return new int[] {index(text.substring(0, dots), target), index(text.substring(dots + 2), target)};
    }

    private static double number(String text, String context) {
        try {
            return BendNumbers.parse(text);
        } catch (BendSpecException e) {
            throw new BendSpecException("'" + context + "': " + e.getMessage(), e);
        }
    }

    /**
     * A constant, {@code FEATURE[lo..hi]|modifier...} or {@code COMBINER(F1,F2,...)[lo..hi]|modifier...}. A
     * missing range becomes the parameter's default range; a constant must lie in the parameter's domain. Spans
     * of its errors are within {@code text}.
     */
    static ParameterSource parseSource(String text, ParamSpec parameter, String chain) {
        List<String> pieces = splitTopLevel(text, '|', "source");
        String written = pieces.get(0);
        List<Modifier> modifiers = parseModifiers(pieces.subList(1, pieces.size()), text, written.length() + 1,
                written);
        if (BendNumbers.isNumber(written)) {
            if (!modifiers.isEmpty()) {
                throw new BendSpecException("constant '" + written + "' takes no modifiers ('" + text
                        + "'); modifiers shape audio features", written.length(), text.length());
            }
            double value = located(0, written.length(), () -> BendNumbers.parse(written));
            if (!parameter.domain().contains(value)) {
                throw new BendSpecException(chain + ": constant " + parameter.name() + " = " + written
                        + " is not allowed; it must satisfy " + parameter.domain().rule()
                        + " so the latent stays finite", 0, written.length());
            }
            return new ParameterSource.Constant(value);
        }
        Range range = parameter.defaultRange();
        String head = written;
        int bracket = head.indexOf('[');
        if (bracket >= 0) {
            String rangeText = head.substring(bracket);
            range = located(bracket, rangeText.length(), () -> parseRange(rangeText, text));
            head = head.substring(0, bracket);
            checkRangeInDomain(range, parameter, chain, text, bracket, written.length());
        }
        int open = head.indexOf('(');
        if (open < 0 || head.startsWith("code(")) {
            String name = head;
            return new ParameterSource.Feature(located(0, name.length(), () -> feature(name, text)), range, modifiers);
        }
        if (!head.endsWith(")")) {
            throw new BendSpecException("unbalanced parentheses in source '" + text + "'", open, head.length());
        }
        String combinerName = head.substring(0, open);
        ParameterSource.Combiner combiner = Arrays.stream(ParameterSource.Combiner.values())
                .filter(c -> c.label().equals(combinerName)).findFirst()
                .orElseThrow(() -> new BendSpecException("unknown combiner '" + combinerName + "' in '" + text
                        + "'; known: " + Arrays.stream(ParameterSource.Combiner.values())
                        .map(ParameterSource.Combiner::label).collect(Collectors.joining(", ")), 0, open));
        List<String> features = new ArrayList<>();
        int nameAt = open + 1;
        for (String name : head.substring(open + 1, head.length() - 1).split(",", -1)) {
            features.add(located(nameAt, name.length(), () -> feature(name, text)));
            nameAt += name.length() + 1;
        }
        if (features.size() < 2) {
            throw new BendSpecException(combinerName + "(...) in '" + text + "' needs at least two features", 0,
                    head.length());
        }
        return new ParameterSource.Combined(combiner, features, range, modifiers);
    }

    /** A range end outside the domain is refused as a constant there would be (the run would only clamp it). */
    private static void checkRangeInDomain(Range range, ParamSpec parameter, String chain, String source, int from,
            int to) {
        Domain domain = parameter.domain();
        for (double end : new double[] {range.lo(), range.hi()}) {
            if (!(Double.isFinite(end) && end >= domain.lo() && end <= domain.hi())) {
                throw new BendSpecException(chain + ": range end " + BendNumbers.format(end) + " of "
                        + parameter.name() + " in '" + source + "' is not allowed; it must satisfy "
                        + domain.rule() + " so the latent stays finite", from, to);
            }
        }
    }

    private static String feature(String name, String source) {
        if (FeatureNames.isLiveController(name)) {
            try {
                FeatureNames.liveController(name);
            } catch (IllegalArgumentException e) {
                throw new BendSpecException(e.getMessage());
            }
            return name;
        }
        if (name.startsWith("code(") && !FeatureNames.isKnown(name)) {
            throw new BendSpecException("bad code component '" + name + "' in '" + source + "'; write code(N) with N in"
                    + " 0.." + (FeatureNames.MAX_CODE_DIMENSIONS - 1) + " (below the encoder's D, e.g. --codes pca(8)),"
                    + " code(N)@STEM for a stem, or code(a..b) for several parameters");
        }
        if (!FeatureNames.isKnown(name) && !FeatureNames.isLane(name)) {
            throw new BendSpecException("unknown feature '" + name + "' in '" + source + "'; known: "
                    + String.join(", ", FeatureNames.ALL) + "; a drawn lane is lane:NAME; a live knob is ccN@ctl");
        }
        return name;
    }

    /** {@code [lo..hi]}; each end a number as {@link BendNumbers} reads it, degrees included ({@code 360deg}). */
    private static Range parseRange(String text, String source) {
        int dots = text.indexOf("..");
        if (!text.endsWith("]") || dots < 0) {
            throw new BendSpecException("bad range '" + text + "' in '" + source + "'; write [lo..hi], e.g. [0..2pi]");
        }
        String lo = text.substring(1, dots);
        String hi = text.substring(dots + 2, text.length() - 1);
        return new Range(located(1, lo.length(), () -> number(lo, source)),
                located(dots + 2, hi.length(), () -> number(hi, source)));
    }

    /**
     * The modifiers as written, which is the order PLAN runs them in: an order it would not keep (ModifierKind's:
     * delay, median, smooth, envelope, gate, input, curve, invert) is refused, with the order to write.
     */
    private static List<Modifier> parseModifiers(List<String> texts, String source, int offset, String head) {
        List<Modifier> modifiers = new ArrayList<>();
        Set<ModifierKind> seen = EnumSet.noneOf(ModifierKind.class);
        int[] starts = new int[texts.size()];
        int at = offset;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            starts[i] = at;
            modifiers.add(located(at, text.length(), () -> parseModifier(text, source, seen)));
            at += text.length() + 1;
        }
        for (int i = 1; i < modifiers.size(); i++) {
            if (modifiers.get(i).kind().compareTo(modifiers.get(i - 1).kind()) < 0) {
                List<Modifier> ordered = new ArrayList<>(modifiers);
                ordered.sort(Comparator.comparing(Modifier::kind));
                throw new BendSpecException("modifier '" + texts.get(i) + "' in '" + source + "' is written after '"
                        + texts.get(i - 1) + "', but modifiers run in the order " + ModifierKind.knownLabels()
                        + " (scaled to 0..1 between input and curve); write " + head + Sources.modifiers(ordered),
                        starts[i], starts[i] + texts.get(i).length());
            }
        }
        return modifiers;
    }

    private static Modifier parseModifier(String text, String source, Set<ModifierKind> seen) {
        if (text.isEmpty()) {
            throw new BendSpecException("empty modifier after '|' in '" + source + "'");
        }
        OperatorCall call;
        try {
            call = parseCall(text);
        } catch (BendSpecException e) {
            throw new BendSpecException("bad modifier '" + text + "' in '" + source + "'; known: "
                    + ModifierKind.knownLabels());
        }
        ModifierKind kind = ModifierKind.byLabel(call.name()).orElseThrow(() -> new BendSpecException(
                "unknown modifier '" + call.name() + "' in '" + source + "'; known: " + ModifierKind.knownLabels()));
        if (!seen.add(kind)) {
            throw new BendSpecException("modifier '" + kind.label() + "' given twice in '" + source + "'");
        }
        if (call.args().size() < kind.minArgs() || call.args().size() > kind.maxArgs()) {
            throw new BendSpecException("modifier '" + text + "' in '" + source + "' takes " + kind.arity()
                    + ", got " + call.args().size() + " argument" + (call.args().size() == 1 ? "" : "s"));
        }
        ModifierChecks.check(kind, call.args(), text);
        return new Modifier(kind, call.args());
    }

    /** Removes whitespace: no token of the language contains any. */
    static String compact(String text) {
        return text == null ? "" : text.replaceAll("\\s+", "");
    }

    /** First index of ch outside parentheses and brackets, or -1. */
    static int topLevelIndex(String text, char ch, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ch && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int closingParen(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Splits at separators outside parentheses and brackets; rejects unbalanced text. */
    static List<String> splitTopLevel(String text, char separator, String what) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
                if (depth < 0) {
                    throw new BendSpecException("unbalanced '" + c + "' in " + what + " '" + text + "'");
                }
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new BendSpecException("unbalanced parentheses or brackets in " + what + " '" + text + "'");
        }
        parts.add(text.substring(start));
        return parts;
    }
}
