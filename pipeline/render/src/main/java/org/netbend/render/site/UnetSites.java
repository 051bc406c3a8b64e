package org.netbend.render.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netbend.render.toy.onnx.OnnxIr.GraphProto;
import org.netbend.render.toy.onnx.OnnxIr.ModelProto;
import org.netbend.render.toy.onnx.OnnxIr.NodeProto;
import org.netbend.render.toy.onnx.OnnxIr.ValueInfoProto;

/**
 * The sites of a U-Net graph: for each scope ({@link SiteNames}), the tensor that leaves it. That is the output
 * of the scope's last node (in graph order, which ONNX keeps topological) that a node outside the scope reads:
 * for a down block its downsampler's output rather than the skip connections it handed on earlier, for an
 * attention block the residual sum at its end.
 *
 * @param model the parsed model (weights included)
 * @param sites site name to tensor name, in U-Net order (down blocks, mid, up blocks; each block before its parts)
 */
public record UnetSites(ModelProto model, Map<String, String> sites) {

    /** Reads {@code unet/model.onnx} (the graph; external weight files are only referred to). */
    public static UnetSites read(Path unetFile) throws IOException {
        try (InputStream in = Files.newInputStream(unetFile)) {
            com.google.protobuf.CodedInputStream coded = com.google.protobuf.CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            return of(ModelProto.parseFrom(coded));
        }
    }

    public static UnetSites of(ModelProto model) {
        GraphProto graph = model.getGraph();
        Set<String> graphOutputs = new HashSet<>();
        graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        // tensor -> the scopes of each node that reads it
        Map<String, List<List<String>>> readers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            List<String> scopes = SiteNames.of(node.getName());
            for (String input : node.getInputList()) {
                readers.computeIfAbsent(input, k -> new ArrayList<>()).add(scopes);
            }
        }
        Map<String, String> sites = new LinkedHashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String scope : SiteNames.of(node.getName())) {
                for (String output : node.getOutputList()) {
                    boolean leaves = graphOutputs.contains(output) || readers.getOrDefault(output, List.of()).stream()
                            .anyMatch(scopes -> !scopes.contains(scope));
                    if (leaves) {
                        sites.remove(scope); // re-inserted: the map's order is the order of the leaving tensors
                        sites.put(scope, output);
                    }
                }
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        sites.keySet().stream().sorted(SiteNames.UNET_ORDER).forEach(site -> ordered.put(site, sites.get(site)));
        return new UnetSites(model, Collections.unmodifiableMap(ordered));
    }

    public List<String> names() { return List.copyOf(sites.keySet()); }

    /** The tensor of a site, or an error naming the model's sites. */
    public String tensor(String site) {
        String tensor = sites.get(site);
        if (tensor == null) {
            throw new IllegalArgumentException("unknown site '" + site + "'; this model's sites: "
                    + String.join(", ", sites.keySet()));
        }
        return tensor;
    }

    /** The declared type of a tensor (value_info, inputs, outputs), or null when the export does not say. */
    int elementType(String tensor) {
        GraphProto graph = model.getGraph();
        for (List<ValueInfoProto> list : List.of(graph.getValueInfoList(), graph.getInputList(), graph.getOutputList())) {
            for (ValueInfoProto info : list) {
                if (info.getName().equals(tensor) && info.getType().hasTensorType()) {
                    return info.getType().getTensorType().getElemType();
                }
            }
        }
        return 0;
    }
}
