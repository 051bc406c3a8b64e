package org.netbend.plan.examples;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in another package regenerate the example without going through main(). */
public final class DrumLoopSynthAccess {
    private DrumLoopSynthAccess() { }

    public static Path write(Path out) throws IOException {
        DrumLoopSynth.write(DrumLoopSynth.render(), out);
        return out;
    }
}
