package org.netbend.render.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;

/**
 * Finds the shapes of a U-Net's sites by running it once with every site tensor added as a graph output (most
 * exports declare no shapes for inner tensors). Also the way tests capture the activation at a site.
 */
public final class SiteProbe {
    private SiteProbe() { }

    /**
     * @param feed one batch-1 U-Net input (sample, timestep, encoder_hidden_states) at the size of interest
     */
    public static List<SiteShape> shapes(SiteModels models, Map<String, Tensor> feed) {
        UnetSites sites = models.sites();
        Map<String, Tensor> captured = capture(models, sites, sites.sites().values().stream().distinct().toList(), feed);
        List<SiteShape> shapes = new ArrayList<>();
        sites.sites().forEach((site, tensor) -> {
            long[] shape = captured.get(tensor).shape();
            shapes.add(new SiteShape(site, tensor, shape.length > 1 ? shape[1] : 1, shape.length > 2 ? shape[2] : 1,
                    shape.length > 3 ? shape[3] : 1));
        });
        return shapes;
    }

    /** The values of these tensors of the original graph for one input. */
    public static Map<String, Tensor> capture(SiteModels models, UnetSites sites, List<String> tensors,
            Map<String, Tensor> feed) {
        try (OnnxModel probe = models.openRewritten(
                SiteGraphRewriter.withOutputs(sites.model(), tensors), "unet with site outputs")) {
            return new LinkedHashMap<>(probe.runAll(feed, tensors));
        }
    }
}
