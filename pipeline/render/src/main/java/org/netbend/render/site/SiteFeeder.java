package org.netbend.render.site;

import java.util.List;
import java.util.Map;
import org.netbend.core.LatentBender;
import org.netbend.core.SiteEdit;
import org.netbend.core.UnetBender;
import org.netbend.render.onnx.Tensor;

/**
 * Feeds the site-edit parameters of a batch of frames at each step: one row per U-Net batch item, the same
 * values in both classifier-free-guidance halves (rows f and n + f). A frame whose edit does not act at a
 * step gets the identity values (a linear edit's I, 1, 0; a nonlinear edit's or a code field's shut gate), which
 * leave its activation bit-identical.
 */
public final class SiteFeeder {
    private final List<SiteEdit> edits;
    private final UnetBender[] frames;
    private final boolean guided;

    private SiteFeeder(List<SiteEdit> edits, UnetBender[] frames, boolean guided) {
        this.edits = edits;
        this.frames = frames;
        this.guided = guided;
    }

    /** The site edits a bender asks for; empty for latent-only benders. */
    public static List<SiteEdit> editsOf(LatentBender bender) {
        return bender instanceof UnetBender unet ? unet.siteEdits() : List.of();
    }

    /**
     * A feeder for frames that all ask for the same edits, or null when they ask for none.
     *
     * @param benders one per frame, in batch order
     */
    public static SiteFeeder of(List<LatentBender> benders, boolean guided) {
        List<SiteEdit> edits = editsOf(benders.get(0));
        if (edits.isEmpty()) {
            return null;
        }
        UnetBender[] frames = new UnetBender[benders.size()];
        for (int f = 0; f < frames.length; f++) {
            if (!editsOf(benders.get(f)).equals(edits)) {
                throw new IllegalArgumentException("frames of one U-Net batch must share their site bends");
            }
            frames[f] = (UnetBender) benders.get(f);
        }
        return new SiteFeeder(edits, frames, guided);
    }

    public List<SiteEdit> edits() { return edits; }

    /** True when some frame's edit acts at this step (the rewritten session is needed). */
    public boolean actsAt(int layer, int layers) {
        for (UnetBender frame : frames) {
            for (int e = 0; e < edits.size(); e++) {
                if (frame.siteValues(e, layer, layers) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds every edit's parameter tensors for this step to {@code feed}. */
    public void feed(Map<String, Tensor> feed, int layer, int layers) {
        int n = frames.length;
        int batch = guided ? 2 * n : n;
        for (int e = 0; e < edits.size(); e++) {
            SiteEdit edit = edits.get(e);
            boolean linear = edit.form().linear();
            int fieldSize = edit.field() != null ? edit.field().size() : 0;
            float[] field = new float[batch * fieldSize];
            float[] matrix = new float[batch * 16];
            float[] scale = new float[batch];
            float[] shift = new float[batch];
            float[] parameter = new float[batch];
            float[] gate = new float[batch];
            for (int f = 0; f < n; f++) {
                double[] v = frames[f].siteValues(e, layer, layers);
                if (v == null) {
                    v = SiteEdit.identityValues();
                }
                for (int row : guided ? new int[] {f, n + f} : new int[] {f}) {
                    for (int k = 0; k < 16; k++) {
                        matrix[row * 16 + k] = (float) v[k];
                    }
                    scale[row] = (float) v[16];
                    shift[row] = (float) v[17];
                    parameter[row] = (float) v[SiteEdit.PARAMETER];
                    gate[row] = (float) v[SiteEdit.GATE];
                    for (int k = 0; k < fieldSize && v.length > SiteEdit.VALUE_COUNT; k++) {
                        field[row * fieldSize + k] = (float) v[SiteEdit.VALUE_COUNT + k];
                    }
                }
            }
            if (fieldSize > 0) {
                feed.put(SiteGraphRewriter.fieldInput(e), Tensor.floats(field, batch, 4, edit.field().height(),
                        edit.field().width()));
                feed.put(SiteGraphRewriter.gateInput(e), Tensor.floats(gate, batch, 1, 1, 1));
            } else if (linear) {
                feed.put(SiteGraphRewriter.matrixInput(e), Tensor.floats(matrix, batch, 4, 4));
                feed.put(SiteGraphRewriter.scaleInput(e), Tensor.floats(scale, batch, 1, 1, 1));
                feed.put(SiteGraphRewriter.shiftInput(e), Tensor.floats(shift, batch, 1, 1, 1));
            } else {
                feed.put(SiteGraphRewriter.parameterInput(e), Tensor.floats(parameter, batch, 1, 1, 1));
                feed.put(SiteGraphRewriter.gateInput(e), Tensor.floats(gate, batch, 1, 1, 1));
            }
        }
    }
}
