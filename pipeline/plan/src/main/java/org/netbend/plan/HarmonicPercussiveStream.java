package org.netbend.plan;

import be.tarsos.dsp.util.fft.FFT;
import java.util.Arrays;

/**
 * The harmonic or the percussive part of a stream, by median filtering of the spectrogram (Fitzgerald 2010,
 * "Harmonic/percussive separation using median filtering"), streamed: memory is a few STFT frames, whatever
 * the length of the track.
 *
 * <p>STFT: N = 2048 periodic Hann window, hop H = N/4 (46 ms and 11.6 ms at 44.1 kHz); frame j starts at sample
 * j·H − (N − H), so every sample is covered by four frames. For frame j and bin k with |X| the magnitude:
 * <ul>
 *   <li>harmonic enhancement Ĥ = median of |X_{j−8..j+8}[k]| over 17 frames (frames outside the track count as
 *       silence); percussive enhancement P̂ = median of |X_j[k−8..k+8]| over 17 bins (clipped at the edges);</li>
 *   <li>soft (Wiener) masks M_H = Ĥ² / (Ĥ² + P̂²), M_P = P̂² / (Ĥ² + P̂²) = 1 − M_H (½ each where both are 0);</li>
 *   <li>the part is the inverse STFT of M·X, overlap-added and divided by Σ w² = 1.5 (Hann at a quarter hop).</li>
 * </ul>
 * The two masks add up to one, so harmonic + percussive gives back the mix (to float rounding).
 */
final class HarmonicPercussiveStream implements AudioStream {
    /** Which part to return; BOTH returns the two together through {@link #read(float[], float[])}. */
    enum Part { HARMONIC, PERCUSSIVE, BOTH }

    static final int FFT_SIZE_44K = 2048;
    static final int HALF_WIDTH = 8;

    private final AudioStream source;
    private final Part part;
    private final int size;
    private final int hop;
    private final int bins;
    private final FFT fft;
    private final float[] window;
    private final SampleHistory input = new SampleHistory();
    private final float[][] spectra;      // ring of packed spectra, frames j−8..j+8
    private final float[][] magnitudes;   // ring of the magnitudes of the last 18 frames entered
    private final float[][] timeWindows;  // per bin: the magnitudes of frames j−8..j+8, sorted (sliding median)
    private final float[] zeros;
    private long entered;                 // frames whose magnitudes entered the time windows (zeros past the end)
    private final float[] frame;
    private final float[] freqWindow = new float[2 * HALF_WIDTH + 1];
    private final float[] percussiveOf;
    private float[] output = new float[1 << 14]; // overlap-add buffer, output[0] is sample outputBase
    private float[] second;                      // BOTH: the percussive part's buffer (output is the harmonic's)
    private final float[] copy;                  // BOTH: the frame's spectrum for the percussive mask
    private final double[] masks;                // the harmonic mask per bin
    private long outputBase;
    private long analysed;     // frames analysed (spectra in the ring)
    private long synthesised;  // frames synthesised into the output
    private long returned;
    private long lastFrame = Long.MAX_VALUE; // frames needed once the input's length is known
    private final float[] block = new float[8192];

    HarmonicPercussiveStream(AudioStream source, Part part) {
        this.source = source;
        this.part = part;
        this.size = Spectrum.sizeFor((int) Math.round(FFT_SIZE_44K * source.sampleRate() / 44_100.0));
        this.hop = size / 4;
        this.bins = size / 2 + 1;
        this.fft = new FFT(size);
        this.window = new float[size];
        for (int n = 0; n < size; n++) {
            window[n] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * n / size));
        }
        this.spectra = new float[2 * HALF_WIDTH + 1][size];
        this.magnitudes = new float[2 * HALF_WIDTH + 2][bins];
        this.timeWindows = new float[bins][2 * HALF_WIDTH + 1]; // frames before the start are silence: zeros
        this.zeros = new float[bins];
        this.frame = new float[size];
        this.percussiveOf = new float[bins];
        this.masks = new double[bins];
        this.second = part == Part.BOTH ? new float[output.length] : null;
        this.copy = part == Part.BOTH ? new float[size] : null;
    }

    private long frameStart(long j) { return j * hop - (size - hop); }

    @Override
    public int read(float[] buffer) throws AudioException {
        if (part == Part.BOTH) {
            throw new IllegalStateException("a split into both parts is read with read(harmonic, percussive)");
        }
        return read(buffer, null);
    }

    /**
     * BOTH: fills both buffers from their start with the next samples of each part (the same count).
     *
     * @return how many samples were written to each, or -1 at the end of the stream
     */
    int read(float[] buffer, float[] percussive) throws AudioException {
        while (true) {
            // Samples before the next frame to synthesise are final; none past the end of the input.
            long total = input.ended() ? input.available() : Long.MAX_VALUE;
            long ready = Math.min(frameStart(synthesised), total);
            if (ready > returned) {
                int n = (int) Math.min(buffer.length, ready - returned);
                if (percussive != null) {
                    n = Math.min(n, percussive.length);
                    System.arraycopy(second, (int) (returned - outputBase), percussive, 0, n);
                }
                System.arraycopy(output, (int) (returned - outputBase), buffer, 0, n);
                returned += n;
                discardOutputBefore(returned);
                return n;
            }
            if (input.ended() && synthesised >= lastFrame) {
                return -1;
            }
            step();
        }
    }

    /** One unit of work: synthesise a frame whose neighbours are in, else analyse one, else read input. */
    private void step() throws AudioException {
        boolean allAnalysed = input.ended() && analysed >= lastFrame;
        if (synthesised < analysed && (synthesised + HALF_WIDTH < analysed || allAnalysed)) {
            synthesise(synthesised++);
        } else if (!input.ended() && !input.covers(frameStart(analysed), size)) {
            int count = source.read(block);
            if (count < 0) {
                input.end();
                // the frames that still cover a sample of the track: frameStart(j) < total
                lastFrame = (input.available() + size - hop + hop - 1) / hop;
            } else {
                input.append(block, count);
            }
        } else {
            analyse(analysed++);
        }
    }

    private void analyse(long j) {
        input.copy(frameStart(j), size, frame);
        input.discardBefore(Math.max(0, frameStart(j + 1)));
        float[] x = spectra[(int) (j % spectra.length)];
        for (int n = 0; n < size; n++) {
            x[n] = frame[n] * window[n];
        }
        fft.forwardTransform(x);
        float[] m = magnitudes[(int) (j % magnitudes.length)];
        float[] outgoing = j >= magnitudes.length - 1 ? magnitudes[(int) ((j + 1) % magnitudes.length)] : zeros;
        // the slot of frame j − 17 is about to be reused only after its values left the windows: save them first
        m[0] = Math.abs(x[0]);
        m[bins - 1] = Math.abs(x[1]);
        for (int k = 1; k < bins - 1; k++) {
            double re = x[2 * k];
            double im = x[2 * k + 1];
            m[k] = (float) Math.sqrt(re * re + im * im);
        }
        enter(m, outgoing);
    }

    /** Slides every bin's time window on by one frame: frame (entered − 17) leaves, {@code incoming} enters. */
    private void enter(float[] incoming, float[] outgoing) {
        for (int k = 0; k < bins; k++) {
            replace(timeWindows[k], timeWindows[k].length, outgoing[k], incoming[k]);
        }
        entered++;
    }

    /** Past the end of the track: silent frames enter, so the last frames' windows see silence after them. */
    private void enterSilence() {
        long f = entered;
        float[] m = magnitudes[(int) (f % magnitudes.length)];
        float[] outgoing = f >= magnitudes.length - 1 ? magnitudes[(int) ((f + 1) % magnitudes.length)] : zeros;
        float[] leaving = Arrays.copyOf(outgoing, bins);
        Arrays.fill(m, 0f);
        enter(m, leaving);
    }

    /** In sorted[0..n): removes one copy of {@code out}, inserts {@code in}, keeping it sorted. */
    private static void replace(float[] sorted, int n, float out, float in) {
        int i = 0;
        while (i < n - 1 && sorted[i] != out) {
            i++;
        }
        // shift towards the insertion point of in
        while (i > 0 && sorted[i - 1] > in) {
            sorted[i] = sorted[i - 1];
            i--;
        }
        while (i < n - 1 && sorted[i + 1] < in) {
            sorted[i] = sorted[i + 1];
            i++;
        }
        sorted[i] = in;
    }

    private void synthesise(long j) {
        while (entered < j + HALF_WIDTH + 1) {
            enterSilence();
        }
        float[] own = magnitudes[(int) (j % magnitudes.length)];
        // percussive: a sliding median along frequency over bins k−8..k+8, clipped at the edges
        int count = 0;
        for (int b = 0; b <= Math.min(bins - 1, HALF_WIDTH); b++) {
            count = insert(freqWindow, count, own[b]);
        }
        for (int k = 0; k < bins; k++) {
            percussiveOf[k] = median(freqWindow, count);
            int entering = k + HALF_WIDTH + 1;
            int leaving = k - HALF_WIDTH;
            if (entering < bins && leaving >= 0) {
                replace(freqWindow, count, own[leaving], own[entering]);
            } else if (entering < bins) {
                count = insert(freqWindow, count, own[entering]);
            } else if (leaving >= 0) {
                count = remove(freqWindow, count, own[leaving]);
            }
        }
        float[] x = spectra[(int) (j % spectra.length)];
        for (int k = 0; k < bins; k++) {
            double h = timeWindows[k][HALF_WIDTH];
            double p = percussiveOf[k];
            double h2 = h * h;
            double p2 = p * p;
            masks[k] = h2 + p2 > 0 ? h2 / (h2 + p2) : 0.5;
        }
        long start = frameStart(j);
        ensureOutput(start + size);
        if (part == Part.BOTH) {
            System.arraycopy(x, 0, copy, 0, size);
            synthesise(copy, false, start, second);
        }
        synthesise(x, part != Part.PERCUSSIVE, start, output);
    }

    /** Masks spectrum x (in place) with the harmonic or the percussive mask, and overlap-adds it into {@code out}. */
    private void synthesise(float[] x, boolean harmonic, long start, float[] out) {
        for (int k = 0; k < bins; k++) {
            float mask = (float) (harmonic ? masks[k] : 1 - masks[k]);
            if (k == 0) {
                x[0] *= mask;
            } else if (k == bins - 1) {
                x[1] *= mask;
            } else {
                x[2 * k] *= mask;
                x[2 * k + 1] *= mask;
            }
        }
        fft.backwardsTransform(x);
        for (int n = 0; n < size; n++) {
            long t = start + n;
            if (t >= outputBase) {
                out[(int) (t - outputBase)] += (float) (x[n] * window[n] / 1.5);
            }
        }
    }

    private static float median(float[] sorted, int n) {
        return n % 2 == 1 ? sorted[n / 2] : 0.5f * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /** Inserts into sorted[0..n); returns n + 1. */
    private static int insert(float[] sorted, int n, float value) {
        int i = n;
        while (i > 0 && sorted[i - 1] > value) {
            sorted[i] = sorted[i - 1];
            i--;
        }
        sorted[i] = value;
        return n + 1;
    }

    /** Removes one copy of value from sorted[0..n); returns n − 1. */
    private static int remove(float[] sorted, int n, float value) {
        int i = 0;
        while (i < n - 1 && sorted[i] != value) {
            i++;
        }
        System.arraycopy(sorted, i + 1, sorted, i, n - 1 - i);
        return n - 1;
    }

    private void ensureOutput(long end) {
        int needed = (int) (end - outputBase);
        if (needed > output.length) {
            int length = Math.max(needed, output.length * 2);
            output = Arrays.copyOf(output, length);
            second = second == null ? null : Arrays.copyOf(second, length);
        }
    }

    private void discardOutputBefore(long sample) {
        int drop = (int) (sample - outputBase);
        if (drop < output.length / 2) {
            return;
        }
        System.arraycopy(output, drop, output, 0, output.length - drop);
        Arrays.fill(output, output.length - drop, output.length, 0f);
        if (second != null) {
            System.arraycopy(second, drop, second, 0, second.length - drop);
            Arrays.fill(second, second.length - drop, second.length, 0f);
        }
        outputBase += drop;
    }

    @Override
    public int sampleRate() { return source.sampleRate(); }

    @Override
    public AudioInfo info() { return source.info(); }

    @Override
    public long samplesRead() { return returned; }

    @Override
    public boolean truncated() { return source.truncated(); }

    @Override
    public void close() throws AudioException { source.close(); }
}
