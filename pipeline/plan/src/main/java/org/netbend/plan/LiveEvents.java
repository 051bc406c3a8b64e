package org.netbend.plan;

import java.util.HashMap;
import java.util.Map;

/**
 * The onset and beat features of live mode, frame by frame, from what frame i's end has heard (samples before
 * {@code start(i+1)}), so they do not depend on how the audio was cut into blocks. The onsets are the offline
 * detector's own picks ({@link OnsetDetection}), each given on the frame in which it is picked; the beats come
 * from {@link LiveBeatTracker}. c_i is frame i's centre.
 * <ul>
 *   <li>onset_i = 1 on the frame where an onset is picked (at most {@link OnsetDetection#detectionDelaySeconds}
 *       after its peak, plus the rest of that frame); onset_env decays from it as offline;</li>
 *   <li>since_onset_i = max(0, c_i − t), t the offline time of the last onset picked by then; 0 before;</li>
 *   <li>beat_i = 1 on the frame holding a predicted beat; tempo_i the tracker's BPM (0 until settled);
 *       beat_phase_i = ((c_i − b)/τ) mod 1 on the predicted grid (0 until settled); since_beat_i = max(0,
 *       c_i − the last beat given).</li>
 * </ul>
 */
final class LiveEvents {
    static final String[] NAMES = {"onset", "onset_env", "since_onset", "beat", "tempo", "beat_phase",
        "since_beat"};

    private final OnsetDetection onsets;
    private final FrameClock clock;
    private final LiveBeatTracker beats;
    private final double envelopeDecay;
    private final Map<String, FloatSeries> series = new HashMap<>();
    private int nextOnset;
    private double lastOnset = Double.NaN;
    private double envelope;
    private int frames;

    LiveEvents(OnsetDetection onsets, FrameClock clock) {
        this.onsets = onsets;
        this.clock = clock;
        this.beats = new LiveBeatTracker(onsets);
        this.envelopeDecay = Math.exp(-1 / (clock.fps() * AudioAnalyzer.ONSET_ENVELOPE_TAU_SECONDS));
        for (String name : NAMES) {
            series.put(name, new FloatSeries(0));
        }
    }

    /** Computes every frame up to {@code ready} (exclusive). */
    void advance(int ready) {
        for (; frames < ready; frames++) {
            frame(frames);
        }
    }

    private void frame(int i) {
        long end = clock.start(i + 1L);
        double rate = clock.sampleRate();
        double start = clock.start(i) / rate;
        double centre = (clock.start(i) + end) / 2 / rate;
        boolean onset = false;
        while (nextOnset < onsets.onsetCount() && onsets.detectedBy(nextOnset) <= end) {
            lastOnset = onsets.onsetTime(nextOnset++);
            onset = true;
        }
        envelope = onset ? 1 : envelope * envelopeDecay;
        set("onset", i, onset ? 1 : 0);
        set("onset_env", i, envelope);
        set("since_onset", i, Double.isNaN(lastOnset) ? 0 : Math.max(0, centre - lastOnset));
        beats.update(end, clock.sampleRate());
        boolean beat = beats.beatIn(start, end / rate);
        double period = beats.period();
        set("beat", i, beat ? 1 : 0);
        set("tempo", i, beats.tempo());
        double phase = period > 0 ? (centre - beats.lastBeat()) / period : 0;
        set("beat_phase", i, Math.min(Math.nextDown(1f), phase - Math.floor(phase)));
        double given = beats.lastGiven();
        set("since_beat", i, Double.isInfinite(given) ? 0 : Math.max(0, centre - given));
    }

    private void set(String name, int frame, double value) { series.get(name).set(frame, (float) value); }

    /** The first {@code frames} values of one of {@link #NAMES}. */
    float[] values(String name, int frames) { return series.get(name).toArray(frames); }

    /** The onset detection delay, in seconds. */
    double detectionDelaySeconds() { return onsets.detectionDelaySeconds(); }
}
