package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.netbend.core.KeyedRandom;
import org.netbend.core.Latent;
import org.netbend.core.LatentBender;

/** Seeded operators and targets: reproducible from the key alone, whatever the batch position. */
class RandomnessTest {
    private static final long SEED = 46;

    @Test
    void sparseMaskIsReproducibleFromTheSeedAndKey() {
        Latent input = TestLatents.gaussian(4, 16, 16, 1);
        BendProgram program = BendProgram.parse("add-sparse(0.1)@3=2");
        Latent out = input.copy();
        program.forFrame(SEED, 7, new double[][] {{2}}).bend(3, 50, out);

        KeyedRandom reference = KeyedRandom.of(SEED, 7, "bend:0:sparse");
        int changed = 0;
        for (int i = 0; i < input.size(); i++) {
            boolean selected = reference.nextDouble() < 0.1;
            assertEquals(selected ? input.data()[i] + 2f : input.data()[i], out.data()[i], 1e-6, "element " + i);
            changed += selected ? 1 : 0;
        }
        // 1024 elements at p = 0.1: about 102 (a 4-sigma band is 63..141).
        assertTrue(changed > 63 && changed < 141, "changed " + changed);
    }

    @Test
    void framesGiveTheSameResultWhateverTheBatchOrderOrRetry() {
        BendProgram program = BendProgram.parse("add-sparse@0=1", "noise@0-2=0.5", "add@0:fraction(0.3)=1");
        double[][] params = {{1}, {0.5}, {1}};
        Latent[] forward = new Latent[5];
        for (int frame = 0; frame < 5; frame++) {
            forward[frame] = render(program, frame, params);
        }
        // A different slot renders the frames backwards, and retries frame 2.
        for (int frame = 4; frame >= 0; frame--) {
            assertArrayEquals(forward[frame].data(), render(program, frame, params).data(), "frame " + frame);
        }
        assertArrayEquals(forward[2].data(), render(program, 2, params).data());
        assertFalse(java.util.Arrays.equals(forward[1].data(), forward[2].data()), "frames differ");
    }

    private static Latent render(BendProgram program, int frame, double[][] params) {
        Latent latent = TestLatents.gaussian(4, 8, 8, 100 + frame);
        LatentBender bender = program.forFrame(SEED, frame, params);
        for (int layer = 0; layer <= 3; layer++) {
            bender.bend(layer, 3, latent);
        }
        return latent;
    }

    @Test
    void noiseIsFreshOnEveryLayerAndScaledByR() {
        BendProgram program = BendProgram.parse("noise@every=0.5");
        Latent zero = new Latent(4, 32, 32);
        LatentBender bender = program.forFrame(SEED, 0, new double[][] {{0.5}});
        Latent first = zero.copy();
        bender.bend(0, 10, first);
        Latent second = zero.copy();
        bender.bend(1, 10, second);
        assertFalse(java.util.Arrays.equals(first.data(), second.data()));
        KeyedRandom reference = KeyedRandom.of(SEED, 0, "bend:0:noise@1");
        double sumSquares = 0;
        for (int i = 0; i < second.size(); i++) {
            assertEquals(0.5 * reference.nextGaussian(), second.data()[i], 1e-6);
            sumSquares += second.data()[i] * second.data()[i];
        }
        assertEquals(0.25, sumSquares / second.size(), 0.03);
    }

    @Test
    void fractionTargetWithSeedIsTheSameOnEveryFrame() {
        BendProgram program = BendProgram.parse("add@0:fraction(0.5,9)=1");
        Latent a = new Latent(4, 8, 8);
        Latent b = new Latent(4, 8, 8);
        program.forFrame(SEED, 1, new double[][] {{1}}).bend(0, 1, a);
        program.forFrame(SEED, 2, new double[][] {{1}}).bend(0, 1, b);
        assertArrayEquals(a.data(), b.data());
        KeyedRandom reference = KeyedRandom.of(9, 0, "fraction");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(reference.nextDouble() < 0.5 ? 1f : 0f, a.data()[i]);
        }
    }

    @Test
    void fractionTargetWithoutSeedIsKeyedByFrameAndStaysOnEveryLayerOfIt() {
        BendProgram program = BendProgram.parse("add@every:fraction(0.5)=1");
        Latent latent = new Latent(4, 8, 8);
        LatentBender bender = program.forFrame(SEED, 3, new double[][] {{1}});
        bender.bend(0, 2, latent);
        bender.bend(1, 2, latent);
        KeyedRandom reference = KeyedRandom.of(SEED, 3, "bend:0:fraction");
        for (int i = 0; i < latent.size(); i++) {
            assertEquals(reference.nextDouble() < 0.5 ? 2f : 0f, latent.data()[i]);
        }
    }
}
