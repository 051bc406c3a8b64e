package org.netbend.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatentTest {
    @Test
    void indexIsChannelMajorRowMajor() {
        Latent latent = new Latent(4, 3, 5);
        latent.set(2, 1, 4, 7f);
        assertEquals(7f, latent.data()[(2 * 3 + 1) * 5 + 4]);
        assertEquals(15, latent.planeSize());
    }

    @Test
    void copyIsIndependent() {
        Latent a = new Latent(1, 2, 2);
        Latent b = a.copy();
        b.set(0, 0, 0, 1f);
        assertEquals(0f, a.get(0, 0, 0));
        assertFalse(a.equals(b));
    }

    @Test
    void badShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Latent(0, 64, 64));
        assertTrue(e.getMessage().contains("0x64x64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Latent.wrap(4, 2, 2, new float[15]));
    }

    @Test
    void finiteCheckFindsNaN() {
        Latent latent = new Latent(1, 1, 2);
        assertTrue(latent.allFinite());
        latent.set(0, 0, 1, Float.NaN);
        assertFalse(latent.allFinite());
    }
}
