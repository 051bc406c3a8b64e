package org.netbend.plan;

import org.netbend.core.EncoderSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.netbend.core.FeatureNames;

/**
 * The {@code code(N)} features: each frame's log-mel energies through an audio encoder, fitted on the track itself
 * (the default) or on a corpus (an album's folder or a list of files), so that one encoder serves every track and
 * the same sound gives the same code in each.
 */
public final class AudioCodes {
    /** What a corpus folder contributes: the audio files FFmpeg reads that an album usually holds. */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "mp3", "flac", "ogg", "opus", "m4a", "aac",
            "aif", "aiff");

    private AudioCodes() { }

    /** Fits (or takes) the encoder and writes every wanted code(N) of the frames into {@code features}. */
    static AudioEncoder encode(AnalysisOptions options, float[][] logMel, Map<String, float[]> features) {
        AudioEncoder encoder = options.encoder() != null ? options.encoder() : fit(options.codes(), logMel);
        double[][] codes = encoder.encode(logMel);
        for (String name : options.features()) {
            int index = FeatureNames.codeIndex(name);
            if (index < 0 || FeatureNames.source(name) != null) {
                continue;
            }
            float[] values = new float[codes.length];
            for (int t = 0; t < codes.length; t++) {
                values[t] = (float) codes[t][index];
            }
            features.put(name, values);
        }
        return encoder;
    }

    /** Fits an encoder of the given spec on log-mel frames. */
    public static AudioEncoder fit(EncoderSpec spec, float[][] logMel) {
        return switch (spec.kind()) {
            case PCA -> PcaEncoder.fit(spec, logMel);
            case AUTOENCODER -> {
                try {
                    yield AutoencoderTrainer.fit(spec, logMel);
                } catch (LinkageError e) {
                    // A Flink job jar leaves DJL out (JNI): say so in one line rather than fail with a class error.
                    throw new IllegalStateException(spec + " needs DJL's PyTorch engine on the class path, which this"
                            + " process lacks (" + e + "); use pca(D) here", e);
                }
            }
        };
    }

    /**
     * Fits one encoder on every file of a corpus, their frames concatenated in the order given (a folder's files
     * in name order). A folder is searched one level deep for {@link #AUDIO_EXTENSIONS}.
     *
     * @throws IllegalArgumentException for a corpus with no audio
     */
    public static AudioEncoder fitCorpus(EncoderSpec spec, List<Path> corpus, double fps) throws IOException {
        List<Path> files = audioFiles(corpus);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("corpus " + corpus + " holds no audio files ("
                    + String.join(", ", AUDIO_EXTENSIONS.stream().sorted().toList()) + ")");
        }
        List<float[]> frames = new ArrayList<>();
        for (Path file : files) {
            frames.addAll(List.of(logMelFrames(file, fps)));
        }
        return fit(spec, frames.toArray(new float[0][]));
    }

    /** A file's log-mel frames on the video frame grid (the encoders' input). */
    public static float[][] logMelFrames(Path audio, double fps) throws AudioException {
        AnalysisOptions options = AnalysisOptions.defaults(fps).withCodes(new EncoderSpec(EncoderSpec.Kind.PCA, 1))
                .withFeatures(Set.of(FeatureNames.code(0)));
        try (AudioStream stream = AudioDecoder.open(audio, options.sampleRate())) {
            AudioAnalyzer.Pass pass = new AudioAnalyzer.Pass(stream, options);
            AudioAnalysis analysis = pass.run();
            return pass.logMel(analysis.track().frameCount());
        }
    }

    /** The corpus's audio files: files as given, folders' audio files in name order. */
    static List<Path> audioFiles(List<Path> corpus) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path entry : corpus) {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> listing = Files.list(entry)) {
                    listing.filter(Files::isRegularFile).filter(AudioCodes::isAudio).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(entry)) {
                files.add(entry);
            } else {
                throw new IllegalArgumentException("corpus entry " + entry + " does not exist");
            }
        }
        return files;
    }

    private static boolean isAudio(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
