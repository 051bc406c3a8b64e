package org.netbend.core;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A random stream keyed by (job seed, frame index, purpose), never shared between frames (DESIGN.md section 5).
 *
 * <p>It is a Philox4x64-10 counter-based generator (Apache Commons RNG) whose 128-bit key is the seed and a
 * mix of frame and purpose, so the draws for one frame do not depend on which slot renders it, in what order,
 * or how often it is retried. The purpose name is hashed with a fixed function, so keys are stable across JVMs.
 */
public final class KeyedRandom {
    private final UniformRandomProvider source;
    private final ZigguratSampler.NormalizedGaussian gaussian;

    private KeyedRandom(UniformRandomProvider source) {
        this.source = source;
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(source);
    }

    /**
     * @param seed    the job's seed
     * @param frame   the frame index within the job (or any other stable counter, such as a segment index)
     * @param purpose what the draws are for, e.g. "noise", "walk-a", "sparse-mask:2"
     */
    public static KeyedRandom of(long seed, long frame, String purpose) {
        long key1 = mix(mix(frame) ^ stableHash(purpose));
        return new KeyedRandom(RandomSource.PHILOX_4X64.create(new long[] {seed, key1, 0L, 0L, 0L, 0L}));
    }

    public double nextGaussian() { return gaussian.sample(); }

    /** Uniform in [0, 1). */
    public double nextDouble() { return source.nextDouble(); }

    public long nextLong() { return source.nextLong(); }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) { return source.nextInt(bound); }

    /** Fills the array with independent N(0, 1) draws, in index order. */
    public float[] fillGaussian(float[] target) {
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) gaussian.sample();
        }
        return target;
    }

    /** A latent of N(0, 1) noise. */
    public Latent gaussianLatent(int channels, int height, int width) {
        Latent latent = new Latent(channels, height, width);
        fillGaussian(latent.data());
        return latent;
    }

    /** 64-bit FNV-1a over the UTF-8 bytes: the same on every JVM and platform. */
    static long stableHash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** The SplitMix64 finaliser: spreads nearby frame indices far apart. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
