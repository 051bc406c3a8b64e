package org.netbend.bend;

import java.util.ArrayList;
import java.util.List;
import org.netbend.core.Latent;
import org.netbend.core.LatentBender;
import org.netbend.core.SiteEdit;
import org.netbend.core.UnetBender;

/**
 * One frame's bends with their parameters fixed: latent bends run here, site bends are handed to the sampler
 * through {@link UnetBender}. Not thread-safe: one sampler uses it at a time.
 */
final class FrameBender implements LatentBender, UnetBender {
    private final List<CompiledBend> bends;
    private final long seed;
    private final int frame;
    private final double[][] params;
    private final TargetMask[] frameMasks;
    private Latent scratchA;
    private Latent scratchB;
    private final List<Integer> siteBends = new ArrayList<>();
    private final List<SiteEdit> siteEdits = new ArrayList<>();

    FrameBender(List<CompiledBend> bends, long seed, int frame, double[][] params) {
        this.bends = bends;
        this.seed = seed;
        this.frame = frame;
        this.params = params;
        this.frameMasks = new TargetMask[bends.size()];
        for (int b = 0; b < bends.size(); b++) {
            if (bends.get(b).spec().atSite()) {
                siteBends.add(b);
                siteEdits.add(SiteBends.edit(bends.get(b).spec(), seed));
            }
        }
    }

    @Override
    public List<SiteEdit> siteEdits() { return List.copyOf(siteEdits); }

    @Override
    public double[] siteValues(int edit, int layer, int layers) {
        CompiledBend bend = bends.get(siteBends.get(edit));
        if (!bend.spec().layers().actsAt(layer, layers)) {
            return null;
        }
        return SiteBends.values(bend.operators().get(0), params[siteBends.get(edit)]);
    }

    @Override
    public void bend(int layer, int layers, Latent latent) {
        for (int b = 0; b < bends.size(); b++) {
            CompiledBend bend = bends.get(b);
            if (bend.spec().atSite() || !bend.spec().layers().actsAt(layer, layers)) {
                continue;
            }
            if (scratchA == null || !scratchA.sameShape(latent)) {
                scratchA = new Latent(latent.channels(), latent.height(), latent.width());
                scratchB = new Latent(latent.channels(), latent.height(), latent.width());
            }
            BendContext context = new BendContext(seed, frame, b, 0, layer, layers);
            TargetMask mask = mask(b, bend, latent, context);
            if (mask == null) {
                bend.runInPlace(latent, scratchA, scratchB, params[b], context);
            } else {
                mask.write(latent.data(), bend.run(latent, scratchA, scratchB, params[b], context).data());
            }
        }
    }

    /** A per-frame target mask (fraction without a seed) is the same on every layer of this frame. */
    private TargetMask mask(int b, CompiledBend bend, Latent latent, BendContext context) {
        if (!bend.spec().target().perFrame()) {
            return bend.mask(latent, context);
        }
        if (frameMasks[b] == null || frameMasks[b].weights().length != latent.size()) {
            frameMasks[b] = bend.mask(latent, context);
        }
        return frameMasks[b];
    }
}
