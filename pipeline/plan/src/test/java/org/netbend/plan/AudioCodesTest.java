package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.EncoderSpec;

/** The pca(D) encoder: against a reference computed another way, determinism, codes of real audio, errors. */
class AudioCodesTest {
    private static final int RATE = 44_100;

    @TempDir Path dir;

    /**
     * Points on the line y = 2x (plus a little along the normal) have one principal direction, (1, 2)/√5, with
     * the variance along it; checked against the analytic eigenvectors of the 2x2 covariance.
     */
    @Test
    void pcaMatchesTheCovarianceEigenvectorsOfAKnownMatrix() {
        // Covariance [[a, b], [b, c]]: eigenvalues (a+c)/2 ± sqrt(((a−c)/2)² + b²).
        double a = 4.2;
        double b = 1.7;
        double c = 1.1;
        double[][] covariance = {{a, b}, {b, c}};
        PcaEncoder pca = PcaEncoder.fromCovariance(new EncoderSpec(EncoderSpec.Kind.PCA, 2), new double[2], covariance);
        double mid = (a + c) / 2;
        double radius = Math.sqrt((a - c) * (a - c) / 4 + b * b);
        assertEquals(mid + radius, pca.variances()[0], 1e-12);
        assertEquals(mid - radius, pca.variances()[1], 1e-12);
        // (b, λ − a) is an eigenvector of λ; normalised, and signed with its largest entry positive.
        double lambda = mid + radius;
        double norm = Math.hypot(b, lambda - a);
        assertEquals(b / norm, pca.components()[0][0], 1e-12);
        assertEquals((lambda - a) / norm, pca.components()[0][1], 1e-12);
        assertEquals((mid + radius) / (a + c), pca.explained(0), 1e-12);
    }

    @Test
    void pcaOfFramesFindsTheLineTheyLieOn() {
        float[][] frames = new float[200][EncoderSpec.MEL_BINS];
        double[] direction = new double[EncoderSpec.MEL_BINS];
        for (int k = 0; k < direction.length; k++) {
            direction[k] = Math.sin(k + 1.0);
        }
        double length = Math.sqrt(java.util.Arrays.stream(direction).map(v -> v * v).sum());
        for (int t = 0; t < frames.length; t++) {
            double s = Math.cos(t * 0.37) * 3;
            for (int k = 0; k < direction.length; k++) {
                frames[t][k] = (float) (5 + s * direction[k] / length);
            }
        }
        PcaEncoder pca = PcaEncoder.fit(new EncoderSpec(EncoderSpec.Kind.PCA, 2), frames);
        double dot = 0;
        for (int k = 0; k < direction.length; k++) {
            dot += pca.components()[0][k] * direction[k] / length;
        }
        assertEquals(1.0, Math.abs(dot), 1e-5);
        assertTrue(pca.explained(0) > 0.999, "one direction holds all the variance: " + pca.explained(0));
    }

    /** Two alternating sounds (a low tone, high noise) give two clearly separated values of code(0). */
    @Test
    void twoAlternatingSoundsGiveTwoSeparatedCodes() throws Exception {
        Path track = alternating(dir.resolve("alt.wav"), 0.5, 8);
        AnalysisOptions options = AnalysisOptions.defaults(20).withCodes(EncoderSpec.parse("pca(2)"))
                .withFeatures(Set.of("rms", "code(0)", "code(1)"));
        AudioAnalysis analysis = AudioAnalyzer.analyzeFully(track, options);
        float[] code = analysis.track().feature("code(0)");
        List<Float> tone = new ArrayList<>();
        List<Float> noise = new ArrayList<>();
        for (int i = 0; i < code.length; i++) {
            int segment = i / 10; // 0.5 s segments at 20 fps; skip each segment's first and last frame (overlap)
            if (i % 10 == 0 || i % 10 == 9) {
                continue;
            }
            (segment % 2 == 0 ? tone : noise).add(code[i]);
        }
        float toneMax = tone.stream().max(Float::compare).orElseThrow();
        float toneMin = tone.stream().min(Float::compare).orElseThrow();
        float noiseMax = noise.stream().max(Float::compare).orElseThrow();
        float noiseMin = noise.stream().min(Float::compare).orElseThrow();
        boolean separated = toneMax < noiseMin || noiseMax < toneMin;
        assertTrue(separated, "tone " + toneMin + ".." + toneMax + " vs noise " + noiseMin + ".." + noiseMax);
        double gap = Math.max(noiseMin - toneMax, toneMin - noiseMax);
        double spread = Math.max(toneMax - toneMin, noiseMax - noiseMin);
        assertTrue(gap > 5 * spread, "gap " + gap + " against spread " + spread);
        assertTrue(((PcaEncoder) analysis.encoder()).explained(0) > 0.5);
    }

    @Test
    void fittingIsDeterministicAndTheStoredEncoderGivesTheSameCodes() throws Exception {
        Path track = alternating(dir.resolve("alt.wav"), 0.3, 6);
        AnalysisOptions options = AnalysisOptions.defaults(20).withCodes(EncoderSpec.parse("pca(3)"))
                .withFeatures(Set.of("code(0)", "code(1)", "code(2)"));
        AudioAnalysis first = AudioAnalyzer.analyzeFully(track, options);
        AudioAnalysis second = AudioAnalyzer.analyzeFully(track, options);
        assertArrayEquals(EncoderIo.toJson(first.encoder()), EncoderIo.toJson(second.encoder()));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(first.track().feature("code(" + i + ")"), second.track().feature("code(" + i + ")"));
        }
        Path stored = Files.write(dir.resolve("encoder.json"), EncoderIo.toJson(first.encoder()));
        AudioAnalysis reused = AudioAnalyzer.analyzeFully(track,
                AnalysisOptions.defaults(20).withEncoder(EncoderIo.read(stored)).withFeatures(Set.of("code(1)")));
        assertArrayEquals(first.track().feature("code(1)"), reused.track().feature("code(1)"));
    }

    /** A corpus encoder gives the same sound the same code in another track. */
    @Test
    void aCorpusEncoderServesEveryTrack() throws Exception {
        Path album = Files.createDirectories(dir.resolve("album"));
        alternating(album.resolve("01.wav"), 0.5, 4);
        Files.writeString(album.resolve("cover.txt"), "not audio");
        Path other = TestAudio.writeWav16(album.resolve("02.wav"), TestAudio.sine(220, 0.5, 1.0, RATE), RATE);
        AudioEncoder encoder = AudioCodes.fitCorpus(EncoderSpec.parse("pca(2)"), List.of(album), 20);
        float[] inTrack = AudioAnalyzer.analyzeFully(other, AnalysisOptions.defaults(20)
                .withEncoder(encoder).withFeatures(Set.of("code(0)"))).track().feature("code(0)");
        float[] tone = AudioAnalyzer.analyzeFully(album.resolve("01.wav"), AnalysisOptions.defaults(20)
                .withEncoder(encoder).withFeatures(Set.of("code(0)"))).track().feature("code(0)");
        assertEquals(tone[5], inTrack[5], 1e-3, "the 220 Hz tone codes alike in both tracks");
    }

    /** A stem is encoded with the mix's encoder: the stem that is the mix itself gets the mix's code. */
    @Test
    void stemsTakeTheMixsEncoder() throws Exception {
        Path mix = alternating(dir.resolve("mix.wav"), 0.5, 4);
        Path drums = Files.copy(mix, dir.resolve("drums.wav"));
        AnalysisOptions options = AnalysisOptions.defaults(20).withCodes(EncoderSpec.parse("pca(3)"))
                .withFeatures(Set.of("rms", "code(2)@drums", "code(1)"));
        AudioAnalysis analysis = AudioAnalyzer.analyzeFully(AudioSources.of(mix).withStem("drums", drums), options);
        assertEquals(Set.of("rms", "code(1)", "code(2)@drums"), analysis.track().features().keySet());
        float[] mixCode = AudioAnalyzer.analyzeFully(mix, AnalysisOptions.defaults(20)
                .withCodes(EncoderSpec.parse("pca(3)")).withFeatures(Set.of("code(2)"))).track().feature("code(2)");
        assertArrayEquals(mixCode, analysis.track().feature("code(2)@drums"));
    }

    @Test
    void badInputGetsOneLineErrors() throws Exception {
        IllegalArgumentException tooWide = assertThrows(IllegalArgumentException.class,
                () -> EncoderSpec.parse("pca(64)"));
        assertEquals("pca(64): D = 64 is larger than the 40 mel bins of a frame; choose D in 1..40",
                tooWide.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EncoderSpec.parse("vae(8)"));
        assertEquals("unknown encoder 'vae' in 'vae(8)'; known: pca(D), autoencoder(D[,SEED])", unknown.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> AnalysisOptions.defaults(20).withCodes(EncoderSpec.parse("pca(8)"))
                        .withFeatures(Set.of("code(9)")));
        assertEquals("code index out of range: 'code(9)' but pca(8) gives code(0)..code(7)", range.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> AnalysisOptions.defaults(20).withFeatures(Set.of("code(0)")));
        assertTrue(none.getMessage().startsWith("feature 'code(0)' reads the audio code, but no encoder was chosen"));
        Path empty = Files.createDirectories(dir.resolve("empty-album"));
        Files.writeString(empty.resolve("notes.txt"), "no audio here");
        IllegalArgumentException corpus = assertThrows(IllegalArgumentException.class,
                () -> AudioCodes.fitCorpus(EncoderSpec.parse("pca(2)"), List.of(empty), 20));
        assertTrue(corpus.getMessage().startsWith("corpus [" + empty + "] holds no audio files"), corpus.getMessage());
        for (IllegalArgumentException e : List.of(tooWide, unknown, range, none, corpus)) {
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    /** Segments of a 220 Hz tone and of white noise, alternating, each {@code seconds} long. */
    static Path alternating(Path file, double seconds, int segments) throws Exception {
        float[][] parts = new float[segments][];
        for (int s = 0; s < segments; s++) {
            parts[s] = s % 2 == 0 ? TestAudio.sine(220, 0.5, seconds, RATE)
                    : TestAudio.whiteNoise(0.3, seconds, RATE, 17 + s);
        }
        return TestAudio.writeWav16(file, TestAudio.concat(parts), RATE);
    }
}
