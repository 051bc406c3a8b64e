package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/** Frames of a silence-burst-silence track, rendered with and without a bend that is the identity in silence. */
final class BurstFrames {
    private BurstFrames() { }

    /**
     * Asserts that frames wholly inside the burst {@code [from, to)} seconds differ and frames wholly outside
     * it are byte-identical; returns how many loud frames were compared.
     */
    static int assertBentOnlyWhereLoud(ObjectStore store, String plainJob, String bentJob, int frames, double fps,
            double from, double to) throws IOException {
        JobKeys a = new JobKeys(plainJob);
        JobKeys b = new JobKeys(bentJob);
        int loud = 0;
        for (int f = 0; f < frames; f++) {
            byte[] withoutBend = store.get(a.frame(f)).orElseThrow();
            byte[] withBend = store.get(b.frame(f)).orElseThrow();
            double t0 = f / fps;
            double t1 = (f + 1) / fps;
            if (t1 <= from || t0 >= to) {
                assertArrayEquals(withoutBend, withBend, "silent frame " + f + " must not be bent");
            } else if (t0 >= from && t1 <= to) {
                assertFalse(java.util.Arrays.equals(withoutBend, withBend), "loud frame " + f + " must be bent");
                loud++;
            }
        }
        return loud;
    }
}
