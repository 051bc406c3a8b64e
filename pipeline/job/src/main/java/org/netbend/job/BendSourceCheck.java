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

    static void check(List<BendSpec> bends, Set<String> stems, boolean midi, Set<String> lanes) {
        for (int b = 0; b < bends.size(); b++) {
            for (String feature : features(bends.get(b))) {
                String bend = "bend " + b + " '" + Echo.safe(bends.get(b).canonical()) + "' reads " + feature;
                String lane = FeatureNames.laneName(feature);
                if (lane != null && !lanes.contains(lane)) {
                    throw refused(bend + ", but no lane '" + lane + "' was given (lanes given: "
                            + (lanes.isEmpty() ? "none" : String.join(", ", lanes)) + "; --lane " + lane
                            + "=\"0:(0), 4.5:(1)\", or lanes: {" + lane + ": \"0:(0), 4.5:(1)\"} in a job file)");
                }
                String source = FeatureNames.source(feature);
                if (lane != null || source == null) {
                    continue;
                }
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

    /** What is given but read by no bend: "stem 'NAME'" per stem, "the MIDI file" for MIDI, "lane 'NAME'". */
    static List<String> unread(List<BendSpec> bends, Set<String> stems, boolean midi, Set<String> lanes) {
        Set<String> read = new TreeSet<>();
        Set<String> lanesRead = new TreeSet<>();
        for (BendSpec bend : bends) {
            for (String feature : features(bend)) {
                String source = FeatureNames.source(feature);
                if (FeatureNames.isLane(feature)) {
                    lanesRead.add(FeatureNames.laneName(feature));
                } else if (source != null) {
                    read.add(FeatureNames.isMidiChannel(source) ? MIDI : source);
                }
            }
        }
        List<String> unread = new ArrayList<>();
        stems.stream().filter(stem -> !read.contains(stem)).forEach(stem -> unread.add("stem '" + stem + "'"));
        if (midi && !read.contains(MIDI)) {
            unread.add("the MIDI file");
        }
        lanes.stream().filter(lane -> !lanesRead.contains(lane)).forEach(lane -> unread.add("lane '" + lane + "'"));
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
