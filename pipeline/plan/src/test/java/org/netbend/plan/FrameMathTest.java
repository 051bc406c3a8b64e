package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame grid, sample history, descriptors and onset picking against hand-worked numbers. */
class FrameMathTest {
    @Test
    void frameClockIsExactForRationalRates() {
        FrameClock clock = new FrameClock(20, 44_100);
        assertEquals(0, clock.start(0));
        assertEquals(2205, clock.start(1));
        assertEquals(2205, clock.length(7));
        assertEquals(20, clock.frameCount(44_100));
        assertEquals(21, clock.frameCount(44_101));
        FrameClock ntsc = new FrameClock(30000 / 1001.0, 48_000);
        // frame 1 starts at floor(48000·1001/30000) = floor(1601.6) = 1601
        assertEquals(1601, ntsc.start(1));
        // 2 hours: 7200 s · 29.97 = 215784.2... -> 215785 frames, computed without drift
        assertEquals(215_785, ntsc.frameCount(7200L * 48_000));
        assertEquals(1602, ntsc.maxLength());
        assertThrows(IllegalArgumentException.class, () -> new FrameClock(0, 44_100));
    }

    @Test
    void sampleHistoryPadsWithZerosAndForgets() {
        SampleHistory history = new SampleHistory();
        history.append(new float[] {1, 2, 3, 4, 5}, 5);
        float[] out = new float[4];
        history.copy(-2, 4, out);
        assertArrayEquals(new float[] {0, 0, 1, 2}, out);
        history.discardBefore(3);
        history.end();
        history.copy(3, 4, out);
        assertArrayEquals(new float[] {4, 5, 0, 0}, out);
        assertThrows(IllegalStateException.class, () -> history.copy(1, 2, out));
    }

    @Test
    void momentsOfATwoBinSpectrum() {
        // magnitude 1 at bin 1 and 3 at bin 3, bin width 10 Hz: p = .25, .75
        // centroid = 10·(.25·1 + .75·3) = 25 Hz; variance (bins) = .25·(1-2.5)² + .75·(3-2.5)² = .75
        // spread = 10·√.75; m3 = .25·(-1.5)³ + .75·(.5)³ = -.75 -> skew = -.75/.75^1.5
        // m4 = .25·5.0625 + .75·.0625 = 1.3125 -> kurt = 1.3125/.5625
        double[] out = new double[4];
        SpectralFeatures.moments(new double[] {0, 1, 0, 3}, 10, out);
        assertArrayEquals(new double[] {25, 10 * Math.sqrt(0.75), -0.75 / Math.pow(0.75, 1.5), 1.3125 / 0.5625},
                out, 1e-12);
        SpectralFeatures.moments(new double[] {0, 0, 0, 0}, 10, out);
        assertArrayEquals(new double[] {0, 0, 0, 0}, out, "silence");
    }

    @Test
    void fluxRolloffAndZeroCrossingsByHand() {
        assertEquals(4, SpectralFeatures.flux(new double[] {1, 2, 3}, new double[] {2, 2, 0}), 1e-12);
        // magnitudes 1,1,1,7: total 10, 85 % = 8.5 first reached at bin 3
        assertEquals(30, SpectralFeatures.rolloff(new double[] {1, 1, 1, 7}, 10), 1e-12);
        // +,+,-,-,+ : 2 crossings over 4 pairs
        assertEquals(0.5, SpectralFeatures.zeroCrossingRate(new float[] {1, 2, -1, -2, 1}, 5), 1e-12);
        assertEquals(Math.sqrt(7.5), SpectralFeatures.rms(new float[] {1, 2, 3, 4, 0}, 4), 1e-12);
    }

    @Test
    void flatnessOfFlatAndPeakySpectra() {
        assertEquals(1, SpectralFeatures.flatness(new double[] {2, 2, 2, 2}, false), 1e-12);
        // powers 1 and 4: geometric mean 2, arithmetic 2.5
        assertEquals(0.8, SpectralFeatures.flatness(new double[] {1, 4}, false), 1e-12);
        // the floor is on the power: 1e-10 and 1e-10 next to 1 -> (1e-20)^(1/3) / ((1 + 2e-10) / 3)
        assertEquals(Math.cbrt(1e-20) * 3 / (1 + 2e-10), SpectralFeatures.flatness(new double[] {0, 0, 1}, false),
                1e-15);
        assertEquals(0, SpectralFeatures.flatness(new double[] {0, 0, 0}, true));
    }

    @Test
    void melScaleAndFilterWeightsAsComputedByHand() {
        assertEquals(781.1728, MelFilterBank.hzToMel(700), 1e-4, "2595·log10(2)");
        assertEquals(999.9855, MelFilterBank.hzToMel(1000), 1e-4);
        assertEquals(700, MelFilterBank.melToHz(MelFilterBank.hzToMel(700)), 1e-9);
        // One filter over 0..4000 Hz, 8-point FFT at 8 kHz (bins 0, 1000, ..., 4000 Hz): the centre is
        // mel⁻¹(mel(4000)/2) = 1113.836 Hz; weights 1000/1113.836, 2000/2886.164, 1000/2886.164.
        MelFilterBank one = new MelFilterBank(8, 8000, 1, 0, 4000);
        assertEquals(1113.8357, MelFilterBank.edgesHz(1, 0, 4000)[1], 1e-4);
        assertEquals(0, one.weight(0, 0), 1e-12);
        assertEquals(0.8977985, one.weight(0, 1), 1e-7);
        assertEquals(0.6929612, one.weight(0, 2), 1e-7);
        assertEquals(0.3464806, one.weight(0, 3), 1e-7);
        assertEquals(0, one.weight(0, 4), 1e-12);
        // 40 filters 100..8000 Hz: the first rises from 100 Hz, the last falls to 8 kHz, none reaches beyond.
        MelFilterBank bank = new MelFilterBank(4096, 44_100, 40, 100, 8000);
        double binHz = 44_100 / 4096.0;
        for (int k = 0; k <= 2048; k++) {
            double f = k * binHz;
            for (int m = 0; m < 40; m++) {
                if (f <= 100 || f >= 8000) {
                    assertEquals(0, bank.weight(m, k), 1e-12, "filter " + m + " at " + f + " Hz");
                }
            }
        }
    }

    @Test
    void dctOfConstantAndCosineLogEnergies() {
        int filters = MelCepstrum.FILTERS;
        double[][] table = new double[3][filters];
        for (int n = 0; n < 3; n++) {
            for (int m = 0; m < filters; m++) {
                table[n][m] = Math.sqrt((n == 0 ? 1.0 : 2.0) / filters) * Math.cos(Math.PI * n * (m + 0.5) / filters);
            }
        }
        double[] constant = new double[filters];
        java.util.Arrays.fill(constant, 2.0);
        double[] out = new double[3];
        MelCepstrum.dct(constant, table, out);
        // orthonormal DCT-II of a constant c: c0 = c·√M, the rest 0
        assertEquals(2 * Math.sqrt(filters), out[0], 1e-12);
        assertEquals(0, out[1], 1e-12);
        assertEquals(0, out[2], 1e-12);
        double[] cosine = new double[filters];
        for (int m = 0; m < filters; m++) {
            cosine[m] = Math.cos(Math.PI * 2 * (m + 0.5) / filters);
        }
        MelCepstrum.dct(cosine, table, out);
        // cos(π·2(m+½)/M) has Σ cos² = M/2, so c2 = √(2/M)·M/2 = √(M/2)
        assertEquals(0, out[0], 1e-12);
        assertEquals(0, out[1], 1e-12);
        assertEquals(Math.sqrt(filters / 2.0), out[2], 1e-12);
    }

    @Test
    void chromaClassesFollowEqualTemperament() {
        assertEquals(9, Chroma.pitchClass(440));
        assertEquals(0, Chroma.pitchClass(261.63));
        assertEquals(7, Chroma.pitchClass(196));
        assertEquals(8, Chroma.pitchClass(415.3));
    }

    @Test
    void onsetPickerTakesLocalMaximaAboveTheMovingMedianPlusSpread() {
        // w = 1, a = 2, lambda = 1, delta = 0.5, minGap = 2.
        // hop 2: max of [1..3]; [0..3] = {0,0,3,1}: median 0.5, mean |x - 0.5| = 1.0, threshold 2.0 <= 3 -> onset.
        // hop 6 = 3: [4..7] = {0,2,3,0}: median 1, deviation 1.25, threshold 2.75 <= 3 -> onset (hop 5 is no max).
        // hop 9 = 0.4 is below delta.
        assertEquals(List.of(2L, 6L), pick(new double[] {0, 0, 3, 1, 0, 2, 3, 0, 0, 0.4, 0}));
        // hop 6 = 2.1: [4..7] = {0,2,2.1,0}: median 1, deviation 1.025, threshold 2.525 > 2.1 -> no onset.
        assertEquals(List.of(2L), pick(new double[] {0, 0, 3, 1, 0, 2, 2.1, 0}));
    }

    private static List<Long> pick(double[] values) {
        List<Long> onsets = new ArrayList<>();
        OnsetPicker picker = new OnsetPicker(1, 2, 1, 0.5, 2, (hop, value) -> onsets.add(hop));
        for (double x : values) {
            picker.push(x);
        }
        picker.finish();
        return onsets;
    }

    @Test
    void tempoOfEvenEighthNotesIsTheirBeatNotTheirDoubleOrHalf() {
        double hop = 256 / 44_100.0;
        double[] envelope = new double[(int) (10 / hop)];
        for (double t : TestAudio.beatTimes(240, 0, 10)) { // eighth notes at 120 BPM, all equally strong
            envelope[Math.min(envelope.length - 1, (int) Math.round(t / hop))] = 1;
        }
        double[] tempo = BeatTracking.tempoPerFrame(envelope, 0, hop, 200, 20);
        for (double bpm : tempo) {
            assertEquals(120, bpm, 1.5);
        }
        assertEquals(0, BeatTracking.tempoPerFrame(new double[envelope.length], 0, hop, 200, 20)[100],
                "silence has no tempo");
    }
}
