package org.netbend.render.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.onnx.TensorSpec;

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

    /**
     * Each site's channel count, from one run of the U-Net at a small size (a 16 x 16 latent): channels do not
     * depend on the frame size. The input is built from the U-Net's declared inputs alone (zeros; a dynamic text
     * length is taken as 77), so a model can be checked without opening the rest of the pipeline.
     */
    public static Map<String, Integer> channels(SiteModels models) {
        UnetSites sites = models.sites();
        List<String> tensors = sites.sites().values().stream().distinct().toList();
        Map<String, Tensor> captured;
        try (OnnxModel probe = models.openRewritten(
                SiteGraphRewriter.withOutputs(sites.model(), tensors), "unet with site outputs")) {
            captured = probe.runAll(smallFeed(probe), tensors);
        }
        Map<String, Integer> channels = new LinkedHashMap<>();
        sites.sites().forEach((site, tensor) -> {
            long[] shape = captured.get(tensor).shape();
            channels.put(site, shape.length > 1 ? (int) shape[1] : 1);
        });
        return channels;
    }

    private static Map<String, Tensor> smallFeed(OnnxModel unet) {
        Map<String, TensorSpec> inputs = unet.inputs();
        long latentChannels = Math.max(1, unet.input("sample").dim(1));
        Map<String, Tensor> feed = new LinkedHashMap<>();
        feed.put("sample", Tensor.floats(new float[(int) latentChannels * 16 * 16], 1, latentChannels, 16, 16));
        if (inputs.containsKey("timestep")) {
            feed.put("timestep", Tensor.longs(new long[] {1}, unet.input("timestep").shape().length == 0 ? new long[0]
                    : new long[] {1}));
        }
        TensorSpec text = inputs.get("encoder_hidden_states");
        if (text != null) {
            long length = text.dim(1) > 0 ? text.dim(1) : 77;
            long width = text.dim(2) > 0 ? text.dim(2) : 768;
            feed.put("encoder_hidden_states", Tensor.floats(new float[(int) (length * width)], 1, length, width));
        }
        return feed;
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
