package org.netbend.plan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.netbend.core.FeatureNames;

/**
 * Analyses a mix with its stems, its harmonic/percussive parts and its MIDI file on one frame clock: the mix
 * sets the frame count, every other source is fitted to it (see {@link StemFit}).
 */
final class SourcedAnalysis {
    private SourcedAnalysis() { }

    static AudioAnalysis run(AudioSources sources, AnalysisOptions options) throws AudioException {
        checkSourcesExist(sources, options);
        Set<String> mixFeatures = options.mixFeatures();
        // A mix feature is needed for the frame count even if only stems are read; rms is the cheapest.
        Set<String> mixWanted = new LinkedHashSet<>(mixFeatures.isEmpty() ? Set.of("rms") : mixFeatures);
        if (options.wantsCodes() && options.encoder() == null && !options.sources().isEmpty()) {
            mixWanted.add(FeatureNames.code(0)); // the stems' codes come from the mix's encoder: same sound, same code
        }
        AnalysisOptions mixOptions = options.withFeatures(mixWanted);
        AudioAnalysis mix = AudioAnalyzer.analyzeFully(sources.mix(), mixOptions);
        if (options.sources().isEmpty()) {
            return mix;
        }
        return withSources(sources, mix.encoder() != null ? options.withEncoder(mix.encoder()) : options, mix);
    }

    /** The stems', separated parts' and MIDI features beside the mix's. */
    private static AudioAnalysis withSources(AudioSources sources, AnalysisOptions options, AudioAnalysis mix)
            throws AudioException {
        FeatureTrack track = mix.track();
        int frameCount = track.frameCount();
        Map<String, float[]> sourced = new LinkedHashMap<>();
        Set<String> midiNames = new LinkedHashSet<>();
        Map<String, FeatureTrack> parts = separatedParts(sources, options);
        FrameClock clock = new FrameClock(options.fps(), options.sampleRate());
        for (String source : options.sources()) {
            if (FeatureNames.isMidiChannel(source)) {
                for (String base : options.featuresOf(source)) {
                    midiNames.add(base + "@" + source);
                }
                continue;
            }
            AnalysisOptions stemOptions = options.withFeatures(options.featuresOf(source));
            FeatureTrack stem = parts.containsKey(source) ? parts.get(source) : stemTrack(sources, source, stemOptions);
            sourced.putAll(stemFeatures(source, stem, frameCount, clock));
        }
        if (!midiNames.isEmpty()) {
            sourced.putAll(midiFeatures(sources.midi(), midiNames, frameCount, clock, options.sampleRate()));
        }
        Map<String, float[]> features = new LinkedHashMap<>();
        for (String name : options.features()) {
            float[] values = FeatureNames.source(name) == null ? track.features().get(name) : sourced.get(name);
            features.put(name, values);
        }
        FeatureTrack merged = new FeatureTrack(track.fps(), frameCount, track.durationSeconds(), track.sampleRate(),
                features, track.tempoBpm(), track.onsetTimes(), track.beatTimes());
        return new AudioAnalysis(merged, mix.info(), mix.truncated(), mix.onsetTimes(), mix.beatTimes(),
                mix.encoder());
    }

    /**
     * The mix's track with each stem's features (analysed alone, as {@link #stemTrack} does) fitted to the mix's
     * frames as {@code feature@stem}, and the named MIDI features of {@code midi}: what {@link #run} gives, for a
     * caller that keeps each source's analysis (the studio analyses a stem once, not once per request).
     */
    static FeatureTrack withTracks(FeatureTrack mix, Map<String, FeatureTrack> stems, Path midi,
            Set<String> midiNames) throws AudioException {
        int frameCount = mix.frameCount();
        FrameClock clock = new FrameClock(mix.fps(), mix.sampleRate());
        Map<String, float[]> features = new LinkedHashMap<>(mix.features());
        for (Map.Entry<String, FeatureTrack> stem : stems.entrySet()) {
            if (!FeatureNames.isStemName(stem.getKey())) {
                throw new IllegalArgumentException("bad stem name '" + stem.getKey() + "'");
            }
            features.putAll(stemFeatures(stem.getKey(), stem.getValue(), frameCount, clock));
        }
        if (midi != null && !midiNames.isEmpty()) {
            features.putAll(midiFeatures(midi, midiNames, frameCount, clock, mix.sampleRate()));
        }
        return new FeatureTrack(mix.fps(), frameCount, mix.durationSeconds(), mix.sampleRate(), features,
                mix.tempoBpm(), mix.onsetTimes(), mix.beatTimes());
    }

    /** A stem's features on the mix's frame grid ({@link StemFit}), named {@code feature@source}. */
    private static Map<String, float[]> stemFeatures(String source, FeatureTrack stem, int frameCount,
            FrameClock clock) {
        Map<String, float[]> named = new LinkedHashMap<>();
        StemFit.fit(stem, frameCount, clock).forEach((name, values) -> named.put(name + "@" + source, values));
        return named;
    }

    /** The named MIDI features ({@code note@ch1}, ...) of the file, one value per frame of the mix. */
    private static Map<String, float[]> midiFeatures(Path midi, Set<String> names, int frameCount, FrameClock clock,
            int sampleRate) throws AudioException {
        MidiFeatures.Events events = MidiFeatures.read(midi);
        return MidiFeatures.compute(events, names, frameCount, i -> clock.start(i) / (double) sampleRate);
    }

    /**
     * When bends read both {@code @harmonic} and {@code @percussive} (and no stem takes either name), both parts
     * come from one separation of the mix, decoded once; otherwise none here (see {@link #stemTrack}).
     */
    private static Map<String, FeatureTrack> separatedParts(AudioSources sources, AnalysisOptions options)
            throws AudioException {
        boolean both = FeatureNames.SEPARATED.stream()
                .allMatch(part -> options.sources().contains(part) && !sources.stems().containsKey(part));
        if (!both) {
            return Map.of();
        }
        try (AudioStream mix = AudioDecoder.open(sources.mix(), options.sampleRate())) {
            AudioAnalysis[] split = AudioAnalyzer.analyzeParts(mix,
                    options.withFeatures(options.featuresOf("harmonic")),
                    options.withFeatures(options.featuresOf("percussive")));
            return Map.of("harmonic", split[0].track(), "percussive", split[1].track());
        }
    }

    private static FeatureTrack stemTrack(AudioSources sources, String source, AnalysisOptions options)
            throws AudioException {
        Path stem = sources.stems().get(source);
        if (stem != null) {
            return AudioAnalyzer.analyze(stem, options);
        }
        HarmonicPercussiveStream.Part part = source.equals("harmonic") ? HarmonicPercussiveStream.Part.HARMONIC
                : HarmonicPercussiveStream.Part.PERCUSSIVE;
        try (AudioStream separated = new HarmonicPercussiveStream(
                AudioDecoder.open(sources.mix(), options.sampleRate()), part)) {
            return AudioAnalyzer.analyze(separated, options).track();
        }
    }

    /** Every '@source' a feature reads must be given (or be a separated part, or a MIDI channel with a file). */
    private static void checkSourcesExist(AudioSources sources, AnalysisOptions options) {
        for (String source : options.sources()) {
            String example = options.featuresOf(source).iterator().next() + "@" + source;
            if (FeatureNames.isMidiChannel(source)) {
                if (sources.midi() == null) {
                    throw new IllegalArgumentException("feature '" + example + "' reads MIDI, but no MIDI file was"
                            + " given (--midi FILE)");
                }
            } else if (!sources.stems().containsKey(source) && !FeatureNames.SEPARATED.contains(source)) {
                throw new IllegalArgumentException("feature '" + example + "' reads stem '" + source
                        + "', but no such stem was given (stems: " + (sources.stems().isEmpty() ? "none"
                        : String.join(", ", sources.stems().keySet())) + "; @harmonic and @percussive need none)");
            }
        }
    }
}
