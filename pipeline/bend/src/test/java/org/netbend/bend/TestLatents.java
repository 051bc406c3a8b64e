package org.netbend.bend;

import org.netbend.core.KeyedRandom;
import org.netbend.core.Latent;

/** Test inputs and a direct way to run one operator. */
final class TestLatents {
    private TestLatents() { }

    static Latent gaussian(int channels, int height, int width, long seed) {
        return KeyedRandom.of(seed, 0, "test").gaussianLatent(channels, height, width);
    }

    /** op(x) for the whole latent through the public program API: given parameters, else the spec's constants. */
    static Latent run(String spec, Latent input, double... params) {
        BendProgram program = BendProgram.parse(spec);
        Latent latent = input.copy();
        program.forFrame(1, 0, params.length == 0 ? program.constantParameters() : new double[][] {params}).bend(0, 1, latent);
        return latent;
    }

    static Latent ramp(int channels, int height, int width) {
        Latent latent = new Latent(channels, height, width);
        for (int i = 0; i < latent.size(); i++) {
            latent.data()[i] = (float) Math.sin(i * 0.37) * 2 + (i % 7) * 0.1f;
        }
        return latent;
    }
}
