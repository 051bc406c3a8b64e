package org.netbend.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyedRandomTest {
    @Test
    void sameKeyGivesSameDrawsWhateverWasDrawnBefore() {
        KeyedRandom.of(46, 5, "noise").fillGaussian(new float[1000]);
        float[] a = KeyedRandom.of(46, 7, "noise").fillGaussian(new float[64]);
        float[] b = KeyedRandom.of(46, 7, "noise").fillGaussian(new float[64]);
        assertArrayEquals(a, b);
    }

    @Test
    void everyPartOfTheKeyMatters() {
        float[] base = KeyedRandom.of(46, 7, "noise").fillGaussian(new float[64]);
        assertFalse(Arrays.equals(base, KeyedRandom.of(47, 7, "noise").fillGaussian(new float[64])));
        assertFalse(Arrays.equals(base, KeyedRandom.of(46, 8, "noise").fillGaussian(new float[64])));
        assertFalse(Arrays.equals(base, KeyedRandom.of(46, 7, "walk-a").fillGaussian(new float[64])));
    }

    @Test
    void neighbouringFramesAreNotShiftedCopiesOfEachOther() {
        // A counter that only advanced with the frame would make frame 1's stream frame 0's stream moved on.
        float[] frame0 = KeyedRandom.of(1, 0, "noise").fillGaussian(new float[256]);
        float[] frame1 = KeyedRandom.of(1, 1, "noise").fillGaussian(new float[256]);
        for (int shift = 0; shift < 128; shift++) {
            int same = 0;
            for (int i = 0; i + shift < 256; i++) {
                same += frame0[i + shift] == frame1[i] ? 1 : 0;
            }
            assertTrue(same < 2, "shift " + shift);
        }
    }

    @Test
    void gaussianDrawsHaveUnitVariance() {
        float[] draws = KeyedRandom.of(3, 0, "noise").fillGaussian(new float[200_000]);
        double mean = 0;
        for (float d : draws) {
            mean += d;
        }
        mean /= draws.length;
        double variance = 0;
        for (float d : draws) {
            variance += (d - mean) * (d - mean);
        }
        variance /= draws.length;
        assertEquals(0, mean, 0.01);
        assertEquals(1, variance, 0.01);
    }

    @Test
    void hashIsFnv1a() {
        // Reference value of 64-bit FNV-1a for "a" (from the algorithm's published test vectors).
        assertEquals(0xaf63dc4c8601ec8cL, KeyedRandom.stableHash("a"));
    }
}
