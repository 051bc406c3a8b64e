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
    /** Which part to return. */
    enum Part { HARMONIC, PERCUSSIVE }

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
    private final float[][] magnitudes;   // ring of magnitudes
    private final float[] frame;
    private final float[] timeMedian = new float[2 * HALF_WIDTH + 1];
    private final float[] freqMedian = new float[2 * HALF_WIDTH + 1];
    private final float[] percussiveOf;
    private float[] output = new float[1 << 14]; // overlap-add buffer, output[0] is sample outputBase
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
        this.magnitudes = new float[2 * HALF_WIDTH + 1][bins];
        this.frame = new float[size];
        this.percussiveOf = new float[bins];
    }

    private long frameStart(long j) { return j * hop - (size - hop); }

    @Override
    public int read(float[] buffer) throws AudioException {
        while (true) {
            // Samples before the next frame to synthesise are final; none past the end of the input.
            long total = input.ended() ? input.available() : Long.MAX_VALUE;
            long ready = Math.min(frameStart(synthesised), total);
            if (ready > returned) {
                int n = (int) Math.min(buffer.length, ready - returned);
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
        m[0] = Math.abs(x[0]);
        m[bins - 1] = Math.abs(x[1]);
        for (int k = 1; k < bins - 1; k++) {
            m[k] = (float) Math.hypot(x[2 * k], x[2 * k + 1]);
        }
    }

    private void synthesise(long j) {
        float[] own = magnitudes[(int) (j % magnitudes.length)];
        for (int k = 0; k < bins; k++) {
            int n = 0;
            for (int b = Math.max(0, k - HALF_WIDTH); b <= Math.min(bins - 1, k + HALF_WIDTH); b++) {
                freqMedian[n++] = own[b];
            }
            percussiveOf[k] = median(freqMedian, n);
        }
        float[] x = spectra[(int) (j % spectra.length)];
        for (int k = 0; k < bins; k++) {
            for (int d = -HALF_WIDTH; d <= HALF_WIDTH; d++) {
                long f = j + d;
                boolean inside = f >= 0 && f < analysed && (lastFrame == Long.MAX_VALUE || f < lastFrame);
                timeMedian[d + HALF_WIDTH] = inside ? magnitudes[(int) (f % magnitudes.length)][k] : 0f;
            }
            double h = median(timeMedian, timeMedian.length);
            double p = percussiveOf[k];
            double h2 = h * h;
            double p2 = p * p;
            double harmonicMask = h2 + p2 > 0 ? h2 / (h2 + p2) : 0.5;
            float mask = (float) (part == Part.HARMONIC ? harmonicMask : 1 - harmonicMask);
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
        long start = frameStart(j);
        ensureOutput(start + size);
        for (int n = 0; n < size; n++) {
            long t = start + n;
            if (t >= outputBase) {
                output[(int) (t - outputBase)] += (float) (x[n] * window[n] / 1.5);
            }
        }
    }

    /** The median of values[0..n) (sorts them in place; n ≤ 17, insertion sort). */
    private static float median(float[] values, int n) {
        for (int i = 1; i < n; i++) {
            float v = values[i];
            int k = i - 1;
            while (k >= 0 && values[k] > v) {
                values[k + 1] = values[k];
                k--;
            }
            values[k + 1] = v;
        }
        return n % 2 == 1 ? values[n / 2] : 0.5f * (values[n / 2 - 1] + values[n / 2]);
    }

    private void ensureOutput(long end) {
        int needed = (int) (end - outputBase);
        if (needed > output.length) {
            output = Arrays.copyOf(output, Math.max(needed, output.length * 2));
        }
    }

    private void discardOutputBefore(long sample) {
        int drop = (int) (sample - outputBase);
        if (drop < output.length / 2) {
            return;
        }
        System.arraycopy(output, drop, output, 0, output.length - drop);
        Arrays.fill(output, output.length - drop, output.length, 0f);
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
