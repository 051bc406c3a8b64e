package org.netbend.plan;

import be.tarsos.dsp.pitch.FastYin;
import be.tarsos.dsp.pitch.PitchDetectionResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.netbend.core.FeatureNames;

/**
 * Computes a {@link FeatureTrack} from an audio file in one streaming pass: memory depends on the window sizes,
 * not on the length of the track (apart from the per-frame output itself, a few floats per frame).
 *
 * <p>Frame i at F fps covers samples [floor(i·sr/F), floor((i+1)·sr/F)) of the mono signal at the analysis rate
 * (see {@link FrameClock}); a track of n decoded samples has ceil(n·F/sr) frames, the last one zero-padded.
 * See the module README for every feature's definition.
 */
public final class AudioAnalyzer {
    /**
     * The analysis's version: raise it whenever a change makes the analyzer compute other values, so that caches
     * of analyses (the studio's, in the store) are not read for the new code.
     */
    public static final int VERSION = 1;
    /** Seconds of audio in the pitch window (centred on the frame): 2048 samples at 44.1 kHz, pitch ≥ 43 Hz. */
    static final double PITCH_WINDOW_SECONDS = 0.0464;
    /** Time constant of the onset envelope's exponential decay. */
    static final double ONSET_ENVELOPE_TAU_SECONDS = 0.2;

    /** A beat within this of an onset takes the onset's time (see {@link BeatTracking#snapToOnsets}). */
    static final double BEAT_SNAP_SECONDS = 0.03;

    private static final String[] SPECTRAL = {"centroid", "spread", "skewness", "kurtosis", "flux", "rolloff",
        "flatness", "low", "mid", "high"};
    private static final String[] ONSET_BASED = {"onset_strength", "onset", "onset_env", "beat", "tempo",
        "beat_phase", "since_onset", "since_beat"};
    private static final String[] BEAT_BASED = {"beat", "tempo", "beat_phase", "since_beat"};

    private AudioAnalyzer() { }

    public static FeatureTrack analyze(Path audio, AnalysisOptions options) throws AudioException {
        return analyzeFully(audio, options).track();
    }

    /** As {@link #analyze}, also returning onset and beat times and whether the file was truncated. */
    public static AudioAnalysis analyzeFully(Path audio, AnalysisOptions options) throws AudioException {
        if (!options.sources().isEmpty()) {
            return SourcedAnalysis.run(AudioSources.of(audio), options); // @harmonic, @percussive (or a clear error)
        }
        try (AudioStream stream = AudioDecoder.open(audio, options.sampleRate())) {
            return analyze(stream, options);
        }
    }

    /**
     * Analyses an open stream (its rate must be the options' rate); the caller closes it. Features with an
     * '@source' need {@link #analyzeFully(AudioSources, AnalysisOptions)}, except {@code @harmonic} and
     * {@code @percussive}, which are separated from a file only.
     */
    public static AudioAnalysis analyze(AudioStream stream, AnalysisOptions options) throws AudioException {
        if (stream.sampleRate() != options.sampleRate()) {
            throw new IllegalArgumentException("stream runs at " + stream.sampleRate() + " Hz but the options ask for "
                    + options.sampleRate() + " Hz");
        }
        if (!options.sources().isEmpty()) {
            throw new IllegalArgumentException("features " + options.sources() + " read other sources: analyse"
                    + " AudioSources instead of a stream");
        }
        return new Pass(stream, options).run();
    }

    /** The features of a mix, its stems and its MIDI file, all on the mix's frame clock. */
    public static FeatureTrack analyze(AudioSources sources, AnalysisOptions options) throws AudioException {
        return analyzeFully(sources, options).track();
    }

    /**
     * As {@link #analyze(AudioSources, AnalysisOptions)}, with the mix's onset and beat times. A stem is analysed
     * on the mix's frame grid: a shorter stem reads as silence after its end, a longer one is cut at the mix's
     * last frame. {@code feature@harmonic} and {@code feature@percussive} come from
     * {@link HarmonicPercussiveStream} of the mix unless a stem of that name is given.
     */
    public static AudioAnalysis analyzeFully(AudioSources sources, AnalysisOptions options) throws AudioException {
        return SourcedAnalysis.run(sources, options);
    }

    /**
     * The mix's track (analysed alone) with every feature of each stem's own analysis as {@code feature@stem},
     * fitted to the mix's frames, and the named MIDI features ({@code note@ch1}, ...) of {@code midi} (may be null):
     * the same values {@link #analyzeFully(AudioSources, AnalysisOptions)} gives a render job, from analyses a caller
     * keeps (the studio's preview analyses each stem once).
     */
    public static FeatureTrack withSources(FeatureTrack mix, Map<String, FeatureTrack> stems, Path midi,
            java.util.Set<String> midiFeatures) throws AudioException {
        return SourcedAnalysis.withTracks(mix, stems, midi, midiFeatures);
    }

    /** note@chN, velocity@chN and notes@chN for every channel N that plays a note in the MIDI file. */
    public static java.util.Set<String> midiFeaturesOf(Path midi) throws AudioException {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        MidiFeatures.read(midi).notes().stream().mapToInt(MidiFeatures.Note::channel).distinct().sorted()
                .forEach(channel -> FeatureNames.MIDI.forEach(base -> names.add(base + "@ch" + channel)));
        return names;
    }

    /**
     * The harmonic and the percussive part of the stream, each analysed with {@code options}, from one
     * separation: the mix is decoded and its spectrogram median-filtered once for both. The caller closes the
     * stream.
     */
    static AudioAnalysis[] analyzeParts(AudioStream mix, AnalysisOptions harmonicOptions,
            AnalysisOptions percussiveOptions) throws AudioException {
        HarmonicPercussiveStream split = new HarmonicPercussiveStream(mix, HarmonicPercussiveStream.Part.BOTH);
        Pass harmonic = new Pass(split, harmonicOptions);
        Pass percussive = new Pass(split, percussiveOptions);
        float[] h = new float[8192];
        float[] p = new float[8192];
        int count;
        do {
            count = split.read(h, p);
            harmonic.accept(h, count);
            percussive.accept(p, count);
        } while (count >= 0);
        return new AudioAnalysis[] {harmonic.finish(), percussive.finish()};
    }

    /** The state of one analysis pass; {@link LiveAnalysis} feeds one block by block as audio is heard. */
    static final class Pass {
        private final AudioStream stream;
        private final AnalysisOptions options;
        private final int sampleRate;
        private final FrameClock clock;
        private final SampleHistory history = new SampleHistory();
        private final Map<String, FloatSeries> series = new LinkedHashMap<>();

        private final boolean wantSpectrum;
        private final boolean wantChroma;
        private final boolean wantMfcc;
        private final boolean wantCodes;
        private final java.util.List<float[]> logMel = new java.util.ArrayList<>();
        private final boolean wantPitch;
        private final boolean wantOnsets;
        private final int centredLength;   // 0 for the paper window
        private final float[] frameSamples;
        private final Spectrum spectrum;
        private final double[] previousMagnitude;
        private final Chroma chroma;
        private final MelCepstrum mfcc;
        private final int pitchLength;
        private final float[] pitchSamples;
        private final FastYin yin;
        private final OnsetDetection onsets;
        private final double[] scratch = new double[16];
        private long nextFrame;

        Pass(AudioStream stream, AnalysisOptions options) {
            this.stream = stream;
            this.options = options;
            this.sampleRate = options.sampleRate();
            this.clock = new FrameClock(options.fps(), sampleRate);
            int expectedFrames = stream == null ? 0 : expectedFrames(stream.info(), clock);
            for (String name : options.features()) {
                series.put(name, new FloatSeries(expectedFrames));
            }
            wantChroma = options.features().stream().anyMatch(f -> f.startsWith("chroma_"));
            wantMfcc = options.features().stream().anyMatch(f -> f.startsWith("mfcc_"));
            wantCodes = options.wantsCodes();
            wantSpectrum = options.wantsAny(SPECTRAL) || wantChroma || wantMfcc || wantCodes;
            wantPitch = options.wantsAny("pitch", "pitch_confidence");
            wantOnsets = options.wantsAny(ONSET_BASED);
            centredLength = options.window() instanceof Window.Centred centred
                    ? Math.max(1, (int) Math.round(centred.millis() * sampleRate / 1000)) : 0;
            int maxLength = centredLength > 0 ? centredLength : clock.maxLength();
            frameSamples = new float[maxLength];
            int fftSize = Spectrum.sizeFor(maxLength);
            spectrum = wantSpectrum ? new Spectrum(fftSize, sampleRate) : null;
            previousMagnitude = new double[fftSize / 2 + 1];
            chroma = wantChroma ? new Chroma(fftSize, sampleRate) : null;
            mfcc = wantMfcc || wantCodes ? new MelCepstrum(fftSize, sampleRate) : null;
            pitchLength = Spectrum.sizeFor((int) Math.round(PITCH_WINDOW_SECONDS * sampleRate));
            pitchSamples = new float[pitchLength];
            yin = wantPitch ? new FastYin(sampleRate, pitchLength) : null;
            onsets = wantOnsets ? new OnsetDetection(sampleRate, clock,
                    series.computeIfAbsent("onset_strength", k -> new FloatSeries(expectedFrames)),
                    options.onsetSensitivity()) : null;
        }

        /**
         * The frame count the container announces (its duration), capped at three hours of frames so that a
         * header that lies costs no more than that; 0 when it announces nothing. Only a size hint: the decoded
         * sample count decides the real frame count.
         */
        private static int expectedFrames(AudioInfo info, FrameClock clock) {
            double seconds = info == null ? 0 : info.durationSeconds();
            if (!(seconds > 0) || !Double.isFinite(seconds)) {
                return 0;
            }
            double cap = 3 * 3600;
            long samples = (long) Math.ceil(Math.min(seconds, cap) * clock.sampleRate());
            return (int) Math.min(Integer.MAX_VALUE - 16, clock.frameCount(samples));
        }

        /** Reads the stream to its end. */
        AudioAnalysis run() throws AudioException {
            float[] block = new float[8192];
            while (!history.ended()) {
                accept(block, stream.read(block));
            }
            return finish();
        }

        /** The next {@code count} samples of the stream, or its end when {@code count} is negative. */
        void accept(float[] block, int count) {
            if (count < 0) {
                history.end();
            } else {
                history.append(block, count);
            }
            if (onsets != null) {
                onsets.advance(history);
            }
            computeReadyFrames();
            history.discardBefore(earliestNeeded());
        }

        /** The onset detector, or null when no onset-based feature was asked for. */
        OnsetDetection onsetDetection() { return onsets; }

        FrameClock clock() { return clock; }

        /** Frames computed so far: each needs its whole window heard (and half the pitch window past its centre). */
        int framesReady() { return (int) nextFrame; }

        /** The first {@code frames} values of each feature of {@code only} that was asked for, in {@link FeatureNames#ALL} order. */
        Map<String, float[]> featuresSoFar(int frames, java.util.Set<String> only) {
            Map<String, float[]> features = new LinkedHashMap<>();
            for (String name : FeatureNames.ALL) {
                if (options.wants(name) && only.contains(name)) {
                    features.put(name, series.get(name).toArray(frames));
                }
            }
            return features;
        }

        /** The track, once {@link #accept} has seen the end. */
        AudioAnalysis finish() throws AudioException {
            long samples = history.available();
            if (samples == 0) {
                throw AudioException.of(stream.info().file(), "contains no audio samples");
            }
            int frameCount = Math.toIntExact(clock.frameCount(samples));
            double[] onsetTimes = new double[0];
            double[] beatTimes = new double[0];
            double[] tempo = new double[frameCount];
            if (onsets != null) {
                onsets.finish();
                onsetTimes = onsets.onsetTimes();
                markEvents("onset", onsetTimes, frameCount);
                EventClock.since(onsetTimes, frameCount, this::centreSeconds, this::endSeconds,
                        series.get("since_onset"));
                if (series.containsKey("onset_env")) {
                    onsetEnvelope(onsetTimes, frameCount);
                }
                if (options.wantsAny(BEAT_BASED)) {
                    tempo = BeatTracking.tempoPerFrame(onsets.envelope(), onsets.timeOfHop(0), onsets.hopSeconds(),
                            frameCount, options.fps());
                    beatTimes = BeatTracking.snapToOnsets(BeatTracking.beats(onsets.envelope(), onsets.timeOfHop(0),
                            onsets.hopSeconds(), tempo, options.fps()), onsetTimes, BEAT_SNAP_SECONDS);
                    markEvents("beat", beatTimes, frameCount);
                    EventClock.phase(beatTimes, frameCount, this::centreSeconds, series.get("beat_phase"));
                    EventClock.since(beatTimes, frameCount, this::centreSeconds, this::endSeconds,
                            series.get("since_beat"));
                    FloatSeries tempoSeries = series.get("tempo");
                    if (tempoSeries != null) {
                        for (int i = 0; i < frameCount; i++) {
                            tempoSeries.set(i, (float) tempo[i]);
                        }
                    }
                }
            }
            Map<String, float[]> features = new LinkedHashMap<>();
            for (String name : FeatureNames.ALL) {
                if (options.wants(name)) {
                    features.put(name, series.get(name).toArray(frameCount));
                }
            }
            AudioEncoder encoder = wantCodes ? AudioCodes.encode(options, logMel(frameCount), features) : null;
            FeatureTrack track = new FeatureTrack(options.fps(), frameCount, samples / (double) sampleRate,
                    sampleRate, features, tempo, onsetTimes, beatTimes);
            return new AudioAnalysis(track, stream.info(), stream.truncated(), onsetTimes, beatTimes, encoder);
        }

        /** The log-mel frames collected (code features only), the frame count's worth. */
        float[][] logMel(int frameCount) {
            return logMel.subList(0, Math.min(frameCount, logMel.size())).toArray(new float[0][]);
        }

        private long mainStart(long frame) {
            if (centredLength == 0) {
                return clock.start(frame);
            }
            return centre(frame) - centredLength / 2;
        }

        private int mainLength(long frame) { return centredLength == 0 ? clock.length(frame) : centredLength; }

        /** The middle of frame i's paper interval, in seconds. */
        private double centreSeconds(int frame) { return centre(frame) / (double) sampleRate; }

        /** The end of frame i's paper interval (the next frame's start), in seconds. */
        private double endSeconds(int frame) { return clock.start(frame + 1L) / (double) sampleRate; }

        private long centre(long frame) { return (clock.start(frame) + clock.start(frame + 1)) / 2; }

        private long pitchStart(long frame) { return centre(frame) - pitchLength / 2; }

        private long earliestNeeded() {
            long earliest = mainStart(nextFrame);
            if (wantPitch) {
                earliest = Math.min(earliest, pitchStart(nextFrame));
            }
            if (onsets != null) {
                earliest = Math.min(earliest, onsets.nextStart());
            }
            return earliest;
        }

        private void computeReadyFrames() {
            while (true) {
                long start = mainStart(nextFrame);
                int length = mainLength(nextFrame);
                if (history.ended()) {
                    if (clock.start(nextFrame) >= history.available()) {
                        return;
                    }
                } else if (!history.covers(start, length)
                        || (wantPitch && !history.covers(pitchStart(nextFrame), pitchLength))) {
                    return;
                }
                computeFrame((int) nextFrame, start, length);
                nextFrame++;
            }
        }

        private void computeFrame(int frame, long start, int length) {
            history.copy(start, length, frameSamples);
            // Compute only what was asked for: the paper's six must stay cheap (one FFT, no logarithms).
            if (options.wants("rms")) {
                set("rms", frame, SpectralFeatures.rms(frameSamples, length));
            }
            if (options.wants("zcr")) {
                set("zcr", frame, SpectralFeatures.zeroCrossingRate(frameSamples, length));
            }
            if (wantSpectrum) {
                spectrum.compute(frameSamples, length);
                double[] magnitude = spectrum.magnitude();
                SpectralFeatures.moments(magnitude, spectrum.binHz(), scratch);
                set("centroid", frame, scratch[0]);
                set("spread", frame, scratch[1]);
                set("skewness", frame, scratch[2]);
                set("kurtosis", frame, scratch[3]);
                // The first frame has no predecessor: flux 0 rather than a jump from assumed silence.
                set("flux", frame, frame == 0 ? 0 : SpectralFeatures.flux(magnitude, previousMagnitude));
                System.arraycopy(magnitude, 0, previousMagnitude, 0, magnitude.length);
                if (options.wants("rolloff")) {
                    set("rolloff", frame, SpectralFeatures.rolloff(magnitude, spectrum.binHz()));
                }
                if (options.wants("flatness")) {
                    set("flatness", frame, SpectralFeatures.flatness(spectrum.power(), spectrum.silent()));
                }
                if (options.wantsAny("low", "mid", "high")) {
                    SpectralFeatures.bands(spectrum.power(), spectrum.fftSize(), spectrum.binHz(),
                            spectrum.windowSquareSum(), scratch);
                    set("low", frame, scratch[0]);
                    set("mid", frame, scratch[1]);
                    set("high", frame, scratch[2]);
                }
                if (wantChroma) {
                    chroma.compute(spectrum.power(), scratch);
                    for (int i = 0; i < 12; i++) {
                        set("chroma_" + i, frame, scratch[i]);
                    }
                }
                if (wantCodes) {
                    float[] bands = new float[MelCepstrum.FILTERS];
                    mfcc.logEnergies(magnitude, bands);
                    logMel.add(bands);
                }
                if (wantMfcc) {
                    mfcc.compute(magnitude, spectrum.silent(), scratch);
                    for (int i = 0; i < MelCepstrum.COEFFICIENTS; i++) {
                        set("mfcc_" + i, frame, scratch[i]);
                    }
                }
            }
            if (wantPitch) {
                history.copy(pitchStart(frame), pitchLength, pitchSamples);
                float pitch = 0;
                float confidence = 0;
                if (SpectralFeatures.rms(pitchSamples, pitchLength) > 1e-6) {
                    PitchDetectionResult result = yin.getPitch(pitchSamples);
                    if (result.isPitched() && result.getPitch() > 0 && Float.isFinite(result.getPitch())) {
                        pitch = result.getPitch();
                        confidence = Math.max(0, Math.min(1, result.getProbability()));
                    }
                }
                set("pitch", frame, pitch);
                set("pitch_confidence", frame, confidence);
            }
        }

        private void set(String name, int frame, double value) {
            FloatSeries target = series.get(name);
            if (target != null && options.wants(name)) {
                target.set(frame, (float) value);
            }
        }

        private void markEvents(String name, double[] times, int frameCount) {
            FloatSeries target = series.get(name);
            if (target == null) {
                return;
            }
            for (double time : times) {
                long frame = clock.frameOf(Math.round(time * sampleRate));
                if (frame >= 0 && frame < frameCount) {
                    target.set((int) frame, 1f);
                }
            }
        }

        /** env_i = 1 on a frame holding an onset, else env_{i−1}·exp(−1/(F·τ)), τ = 0.2 s. */
        private void onsetEnvelope(double[] onsetTimes, int frameCount) {
            boolean[] hasOnset = new boolean[frameCount];
            for (double time : onsetTimes) {
                long frame = clock.frameOf(Math.round(time * sampleRate));
                if (frame >= 0 && frame < frameCount) {
                    hasOnset[(int) frame] = true;
                }
            }
            double decay = Math.exp(-1 / (options.fps() * ONSET_ENVELOPE_TAU_SECONDS));
            FloatSeries envelope = series.get("onset_env");
            double value = 0;
            for (int i = 0; i < frameCount; i++) {
                value = hasOnset[i] ? 1 : value * decay;
                envelope.set(i, (float) value);
            }
        }
    }
}
