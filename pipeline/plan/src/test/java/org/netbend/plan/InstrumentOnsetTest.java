package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Onsets and beats on real instrument sounds (General MIDI piano and drums rendered by fluidsynth from a MIDI file
 * written here), at five playback levels: the detector must not depend on the level.
 */
class InstrumentOnsetTest {
    static final double[] LEVELS_DB = {-30, -20, -10, 0, 10};
    static final double ONSET_TOLERANCE = 0.05;
    /** mir_eval's beat F-measure window. */
    static final double BEAT_TOLERANCE = 0.07;

    @TempDir
    static Path dir;

    static final Map<String, InstrumentAudio.Piece> PIECES = new LinkedHashMap<>();
    static final Map<String, float[]> AUDIO = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws Exception {
        InstrumentAudio.pianoDrumsAndMix(dir, PIECES, AUDIO);
    }

    private static AudioAnalysis analyse(String name, double db, Set<String> features) throws Exception {
        return InstrumentAudio.analyseAndDelete(InstrumentAudio.atLevel(AUDIO.get(name), db,
                dir.resolve(name + db + ".wav")), features);
    }

    @Test
    void onsetsAndBeatsOfPianoDrumsAndMixAtEveryLevel() throws Exception {
        List<String> failures = new ArrayList<>();
        StringBuilder onsets = header("onset F (50 ms)");
        StringBuilder beats = header("beat F (70 ms)");
        for (String name : PIECES.keySet()) {
            onsets.append(String.format(Locale.ROOT, "%n%-18s", name));
            beats.append(String.format(Locale.ROOT, "%n%-18s", name));
            for (double db : LEVELS_DB) {
                AudioAnalysis analysis = analyse(name, db, Set.of("onset", "beat"));
                EventScore onset = EventScore.of(PIECES.get(name).onsets(), analysis.onsetTimes(), ONSET_TOLERANCE);
                EventScore beat = EventScore.of(PIECES.get(name).beats(), analysis.beatTimes(), BEAT_TOLERANCE);
                onsets.append(String.format(Locale.ROOT, "%11.3f", onset.f()));
                beats.append(String.format(Locale.ROOT, "%11.3f", beat.f()));
                if (onset.f() < 0.95) {
                    failures.add(name + " onsets at " + db + " dB: " + onset);
                }
                if (beat.f() < 0.9) {
                    failures.add(name + " beats at " + db + " dB: " + beat);
                }
            }
        }
        System.out.println(onsets + "\n" + beats);
        assertTrue(failures.isEmpty(), "below the goals (onset F >= 0.95, beat F >= 0.9): " + failures + "\n"
                + onsets + "\n" + beats);
    }

    @Test
    void beatsFollowATempoChangeWithinTwoBeats() throws Exception {
        InstrumentAudio.Piece piece = InstrumentAudio.pianoTempoChange();
        Path wav = InstrumentAudio.atLevel(InstrumentAudio.render(piece, dir, "change"), -10,
                dir.resolve("change.wav"));
        AudioAnalysis analysis = AudioAnalyzer.analyzeFully(wav, new AnalysisOptions(20, InstrumentAudio.SR,
                Window.paper(), Set.of("beat", "tempo")));
        double change = piece.beats()[InstrumentAudio.CHANGE_BEAT];
        double twoBeatsLater = change + 2 * 60 / 140.0;
        EventScore after = EventScore.between(piece.beats(), analysis.beatTimes(), BEAT_TOLERANCE, twoBeatsLater,
                Double.MAX_VALUE);
        EventScore before = EventScore.between(piece.beats(), analysis.beatTimes(), BEAT_TOLERANCE, 0, change);
        System.out.println("tempo change 100 -> 140 BPM at " + change + " s: beats before " + before
                + "; from two beats after " + after);
        assertTrue(before.f() >= 0.9, "beats before the change: " + before);
        assertTrue(after.f() >= 0.85, "beats from two beats after the change: " + after);
    }

    private static StringBuilder header(String title) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-18s", title));
        for (double db : LEVELS_DB) {
            table.append(String.format(Locale.ROOT, "%8.0f dB", db));
        }
        return table;
    }
}
