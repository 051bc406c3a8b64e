package org.netbend.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.netbend.bend.BendSpec;
import org.netbend.core.FeatureNames;
import org.netbend.core.ParameterSource;

/**
 * Every stem and MIDI channel a bend reads ({@code rms@drums}, {@code note@ch1}) must come with the request, so a
 * missing file is refused before any work rather than failing PLAN. {@code @harmonic} and {@code @percussive}
 * need no file: they are separated from the mix.
 */
final class BendSourceCheck {
    private static final String MIDI = "@midi"; // no stem name starts with '@'

    private BendSourceCheck() { }

    static void check(List<BendSpec> bends, Set<String> stems, boolean midi) {
        for (int b = 0; b < bends.size(); b++) {
            for (String feature : features(bends.get(b))) {
                String source = FeatureNames.source(feature);
                if (source == null) {
                    continue;
                }
                String bend = "bend " + b + " '" + Echo.safe(bends.get(b).canonical()) + "' reads " + feature;
                if (FeatureNames.isMidiChannel(source)) {
                    if (!midi) {
                        throw refused(bend + ", but no MIDI file was given (--midi FILE, or midi: FILE in a job file)");
                    }
                } else if (!stems.contains(source) && !FeatureNames.SEPARATED.contains(source)) {
                    throw refused(bend + ", but no stem '" + source + "' was given (stems given: "
                            + (stems.isEmpty() ? "none" : String.join(", ", stems)) + "; --stem " + source
                            + "=FILE, or stems: {" + source + ": FILE} in a job file; @harmonic and @percussive need"
                            + " no file)");
                }
            }
        }
    }

    /** What is given but read by no bend: "stem 'NAME'" per stem, "the MIDI file" for MIDI. */
    static List<String> unread(List<BendSpec> bends, Set<String> stems, boolean midi) {
        Set<String> read = new TreeSet<>();
        for (BendSpec bend : bends) {
            for (String feature : features(bend)) {
                String source = FeatureNames.source(feature);
                if (source != null) {
                    read.add(FeatureNames.isMidiChannel(source) ? MIDI : source);
                }
            }
        }
        List<String> unread = new ArrayList<>();
        stems.stream().filter(stem -> !read.contains(stem)).forEach(stem -> unread.add("stem '" + stem + "'"));
        if (midi && !read.contains(MIDI)) {
            unread.add("the MIDI file");
        }
        return unread;
    }

    private static List<String> features(BendSpec bend) {
        List<String> names = new ArrayList<>();
        for (ParameterSource source : bend.sources()) {
            if (source instanceof ParameterSource.Feature feature) {
                names.add(feature.feature());
            } else if (source instanceof ParameterSource.Combined combined) {
                names.addAll(combined.features());
            }
        }
        return names;
    }

    private static InvalidRequestException refused(String problem) {
        return new InvalidRequestException("bends", problem, "request field 'bends': " + problem);
    }
}
