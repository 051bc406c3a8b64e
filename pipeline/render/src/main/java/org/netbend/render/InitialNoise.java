package org.netbend.render;

import java.io.Serializable;
import org.netbend.core.KeyedRandom;
import org.netbend.core.Latent;

/**
 * The starting noise x_T of each frame (and the noise img2img adds), drawn from {@link KeyedRandom} so a frame
 * gets the same noise on any slot, in any order:
 * <ul>
 *   <li>{@link #independent()}: fresh N(0,1) per frame, key (seed, frame, "noise");</li>
 *   <li>{@link #paperWalk}: the paper's walk {@code A sin(2 pi i / k) + B cos(2 pi i / k)}, with A and B keyed
 *       (seed, 0, "walk-a"/"walk-b"), so frame i and i + k start identically; unit variance throughout;</li>
 *   <li>{@link #codeWalk}: the reference code's {@code N + w (cos phi_i A + sin phi_i B)}, with
 *       {@code phi_i = walkLength * i / frameCount} and base N keyed (seed, 0, "walk-base"). Its variance is
 *       {@code 1 + w^2}, as in the reference code (not renormalised).</li>
 * </ul>
 */
public record InitialNoise(Kind kind, int framesPerCycle, double walkLengthRadians, double weight, int frameCount)
        implements Serializable {

    public enum Kind { INDEPENDENT, PAPER_WALK, CODE_WALK }

    public InitialNoise {
        if (kind == null) {
            throw new IllegalArgumentException("noise kind must not be null");
        }
        if (kind == Kind.PAPER_WALK && framesPerCycle < 1) {
            throw new IllegalArgumentException("a noise walk needs at least 1 frame per cycle, got " + framesPerCycle);
        }
        if (kind == Kind.CODE_WALK) {
            if (frameCount < 1) {
                throw new IllegalArgumentException("a code walk needs a frame count >= 1, got " + frameCount);
            }
            if (!Double.isFinite(walkLengthRadians) || !Double.isFinite(weight) || weight < 0) {
                throw new IllegalArgumentException("walk length must be finite and weight a finite number >= 0, got "
                        + walkLengthRadians + ", " + weight);
            }
        }
    }

    public static InitialNoise independent() {
        return new InitialNoise(Kind.INDEPENDENT, 0, 0, 0, 0);
    }

    public static InitialNoise paperWalk(int framesPerCycle) {
        return new InitialNoise(Kind.PAPER_WALK, framesPerCycle, 0, 0, 0);
    }

    /** JAES 2025 uses a walk length of 0.2 pi and weight 0.3. */
    public static InitialNoise codeWalk(double walkLengthRadians, double weight, int frameCount) {
        return new InitialNoise(Kind.CODE_WALK, 0, walkLengthRadians, weight, frameCount);
    }

    /** The noise latent of frame {@code frame} for a job seeded {@code seed}. */
    public Latent latent(long seed, int frame, int channels, int height, int width) {
        switch (kind) {
            case INDEPENDENT -> {
                return KeyedRandom.of(seed, frame, "noise").gaussianLatent(channels, height, width);
            }
            case PAPER_WALK -> {
                double angle = 2 * Math.PI * frame / framesPerCycle;
                return combine(seed, channels, height, width, 0, Math.sin(angle), Math.cos(angle));
            }
            default -> {
                double phi = walkLengthRadians * frame / frameCount;
                return combine(seed, channels, height, width, 1, weight * Math.cos(phi), weight * Math.sin(phi));
            }
        }
    }

    private static Latent combine(long seed, int channels, int height, int width, double base, double a, double b) {
        float[] walkA = KeyedRandom.of(seed, 0, "walk-a").gaussianLatent(channels, height, width).data();
        float[] walkB = KeyedRandom.of(seed, 0, "walk-b").gaussianLatent(channels, height, width).data();
        Latent result = base == 0 ? new Latent(channels, height, width)
                : KeyedRandom.of(seed, 0, "walk-base").gaussianLatent(channels, height, width);
        float[] out = result.data();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] + a * walkA[i] + b * walkB[i]);
        }
        return result;
    }
}
