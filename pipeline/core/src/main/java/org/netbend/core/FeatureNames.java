package org.netbend.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the per-frame audio features, shared by the bend parser (to reject unknown names early) and
 * the PLAN stage (which computes them). Vector features are flattened: {@code chroma_0..chroma_11},
 * {@code mfcc_0..mfcc_12}.
 *
 * <p>A name may name its source after an {@code @}: {@code rms@drums} is the feature {@code rms} of the stem
 * {@code drums}, on the mix's frame clock; {@code onset@percussive} and {@code centroid@harmonic} read the
 * harmonic/percussive separation of the mix when no stem of that name is given. {@code note@ch1},
 * {@code velocity@ch1}, {@code notes@ch1} and {@code cc7@ch1} read MIDI channel 1..16 of a MIDI file. Stem names
 * are 1..32 characters of a-z, 0-9, '_' and '-'; ch1..ch16 are the MIDI channels, not stems. A bend may also read
 * a lane of the request, {@code lane:NAME} ({@link #isLane}): a source, but not an audio feature.
 *
 * <p>{@code code(N)} is component N of the request's audio code (plan's audio encoder, {@code pca(D)}): a feature
 * whose count is the encoder's D, so it is not in {@link #ALL}; {@code code(1)@drums} is the drums stem's code.
 */
public final class FeatureNames {
    /** The paper's six timbre features (Peeters et al.). */
    public static final List<String> PAPER = List.of("rms", "centroid", "spread", "skewness", "kurtosis", "flux");

    /** Every feature name, paper's first. */
    public static final List<String> ALL;

    static {
        List<String> names = new ArrayList<>(PAPER);
        names.addAll(List.of("onset_strength", "onset", "onset_env", "beat", "tempo", "beat_phase",
                "since_onset", "since_beat", "pitch", "pitch_confidence",
                "low", "mid", "high", "rolloff", "flatness", "zcr"));
        for (int i = 0; i < 12; i++) {
            names.add("chroma_" + i);
        }
        for (int i = 0; i < 13; i++) {
            names.add("mfcc_" + i);
        }
        ALL = Collections.unmodifiableList(names);
    }

    /** Per-frame MIDI features of one channel, besides the controllers cc0..cc127. */
    public static final List<String> MIDI = List.of("note", "velocity", "notes");

    /** The sources a separation of the mix provides when no stem of that name is given. */
    public static final List<String> SEPARATED = List.of("harmonic", "percussive");

    /** Component N of the audio code; N is checked against the encoder's dimension by PLAN. */
    private static final Pattern CODE = Pattern.compile("code\\((0|[1-9][0-9]{0,2})\\)");
    /** The largest code dimension any encoder may have. */
    public static final int MAX_CODE_DIMENSIONS = 256;

    private static final Pattern STEM = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern CHANNEL = Pattern.compile("ch([1-9]|1[0-6])");
    private static final Pattern CONTROLLER = Pattern.compile("cc([0-9]|[1-9][0-9]|1[01][0-9]|12[0-7])");

    /** Live mode's MIDI controller input: {@code cc7@ctl} is knob 7 of the controllers playing into {@code live}. */
    public static final String CONTROL_SOURCE = "ctl";
    private static final Pattern LIVE_CONTROLLER = Pattern.compile("cc([0-9]+)@" + CONTROL_SOURCE);

    /** A bend reads a drawn lane as {@code lane:NAME}; lanes come with the request, not from the audio. */
    public static final String LANE_PREFIX = "lane:";

    private FeatureNames() { }

    /** {@code lane:NAME} with a valid lane name. */
    public static boolean isLane(String name) {
        return name != null && name.startsWith(LANE_PREFIX)
                && Lane.NAME.matcher(name.substring(LANE_PREFIX.length())).matches();
    }

    /** The lane's name in {@code lane:NAME}, or null when the name is not a lane. */
    public static String laneName(String name) {
        return isLane(name) ? name.substring(LANE_PREFIX.length()) : null;
    }

    /** {@code code(N)} or {@code code(N)@stem} with N below {@link #MAX_CODE_DIMENSIONS}. */
    public static boolean isCode(String name) {
        return name != null && codeIndex(name) >= 0;
    }

    /** N of {@code code(N)} (with or without a source), or -1 when the name is no code component. */
    public static int codeIndex(String name) {
        Matcher m = CODE.matcher(name == null ? "" : base(name));
        if (!m.matches()) {
            return -1;
        }
        int index = Integer.parseInt(m.group(1));
        return index < MAX_CODE_DIMENSIONS ? index : -1;
    }

    /** The name of code component N of the mix. */
    public static String code(int index) {
        return "code(" + index + ")";
    }

    /** {@code ccN@ctl}, whatever N: check the number with {@link #liveController}. */
    public static boolean isLiveController(String name) {
        return name != null && LIVE_CONTROLLER.matcher(name).matches();
    }

    /**
     * The controller number N of {@code ccN@ctl}.
     *
     * @throws IllegalArgumentException for a name that is not one, or a number outside MIDI's 0..127
     */
    public static int liveController(String name) {
        Matcher m = LIVE_CONTROLLER.matcher(name == null ? "" : name);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a live controller ccN@" + CONTROL_SOURCE);
        }
        String digits = m.group(1);
        if (digits.length() > 3 || Integer.parseInt(digits) > 127) {
            throw new IllegalArgumentException("unknown controller number " + digits + " in '" + name
                    + "': MIDI controllers are cc0..cc127");
        }
        return Integer.parseInt(digits);
    }

    /** A mix feature, {@code feature@stem} of an audio feature, or a MIDI feature {@code note@chN}. */
    public static boolean isKnown(String name) {
        if (name == null) {
            return false;
        }
        int at = name.indexOf('@');
        if (at < 0) {
            return ALL.contains(name) || isCode(name);
        }
        String base = name.substring(0, at);
        String source = name.substring(at + 1);
        if (isMidiChannel(source)) {
            return MIDI.contains(base) || CONTROLLER.matcher(base).matches();
        }
        return isStemName(source) && (ALL.contains(base) || isCode(base));
    }

    /** The feature without its source: {@code rms} for {@code rms@drums} and for {@code rms}. */
    public static String base(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /** The source after '@', or null for a feature of the mix. */
    public static String source(String name) {
        int at = name.indexOf('@');
        return at < 0 ? null : name.substring(at + 1);
    }

    public static boolean isStemName(String source) {
        return source != null && STEM.matcher(source).matches() && !isMidiChannel(source);
    }

    /** {@code ch1}..{@code ch16}. */
    public static boolean isMidiChannel(String source) {
        return source != null && CHANNEL.matcher(source).matches();
    }

    /** The MIDI channel 1..16 of a source {@code chN}; an IllegalArgumentException otherwise. */
    public static int midiChannel(String source) {
        Matcher m = CHANNEL.matcher(source == null ? "" : source);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + source + "' is not a MIDI channel ch1..ch16");
        }
        return Integer.parseInt(m.group(1));
    }

    /** A short description of the names accepted, for error messages. */
    public static String describeKnown() {
        return String.join(", ", ALL) + "; code(N) for the audio code; FEATURE@STEM for a stem (or @harmonic, @percussive); "
                + "note|velocity|notes|ccN@chM for MIDI channel M";
    }

    /**
     * The canonical order: the mix's features in {@link #ALL} order, then sourced ones by source name, each
     * source's features in {@link #ALL} order (MIDI: note, velocity, notes, then controllers by number).
     */
    public static List<String> canonicalOrder(Collection<String> names) {
        List<String> ordered = new ArrayList<>(new java.util.LinkedHashSet<>(names));
        ordered.sort(Comparator.comparing((String n) -> source(n) == null ? "" : source(n))
                .thenComparingInt(FeatureNames::rank));
        return ordered;
    }

    private static int rank(String name) {
        String base = base(name);
        int index = ALL.indexOf(base);
        if (index >= 0) {
            return index;
        }
        if (isCode(base)) {
            return ALL.size() + codeIndex(base);
        }
        index = MIDI.indexOf(base);
        if (index >= 0) {
            return index;
        }
        Matcher cc = CONTROLLER.matcher(base);
        return cc.matches() ? MIDI.size() + Integer.parseInt(cc.group(1)) : Integer.MAX_VALUE;
    }
}
