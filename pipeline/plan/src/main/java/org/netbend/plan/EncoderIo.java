package org.netbend.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.netbend.core.EncoderSpec;

/**
 * A fitted encoder as JSON ({@code encoder.json} beside a job's features.json, or analyze's output): the spec,
 * then its weights and normalisation, so a later run encodes with the very same numbers
 * ({@link AnalysisOptions#withEncoder}).
 */
public final class EncoderIo {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EncoderIo() { }

    /** The fields of the encoder's record, with {@code spec} as {@code pca(8)} or {@code autoencoder(8,3)}. */
    public static byte[] toJson(AudioEncoder encoder) {
        var root = JSON.createObjectNode();
        root.put("spec", encoder.spec().toString());
        if (encoder instanceof PcaEncoder pca) {
            root.set("mean", JSON.valueToTree(pca.mean()));
            root.set("components", JSON.valueToTree(pca.components()));
            root.set("variances", JSON.valueToTree(pca.variances()));
            root.put("total", pca.total());
        } else if (encoder instanceof AutoencoderEncoder auto) {
            root.set("mean", JSON.valueToTree(auto.mean()));
            root.set("scale", JSON.valueToTree(auto.scale()));
            root.set("layers", JSON.valueToTree(auto.layers()));
            root.set("biases", JSON.valueToTree(auto.biases()));
            root.put("reconstructionError", auto.reconstructionError());
        } else {
            throw new IllegalArgumentException("cannot store encoder " + encoder.spec());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #toJson} wrote; a one-line IllegalArgumentException for anything else. */
    public static AudioEncoder read(Path file) throws IOException {
        return fromJson(Files.readAllBytes(file), file.toString());
    }

    /** The same from the bytes, {@code where} naming them in the error (a file, a store key). */
    public static AudioEncoder fromJson(byte[] bytes, String where) {
        try {
            var root = JSON.readTree(bytes);
            EncoderSpec spec = EncoderSpec.parse(root.path("spec").asText());
            if (spec.kind() == EncoderSpec.Kind.AUTOENCODER) {
                float[] mean = JSON.treeToValue(root.get("mean"), float[].class);
                float[] scale = JSON.treeToValue(root.get("scale"), float[].class);
                float[][][] layers = JSON.treeToValue(root.get("layers"), float[][][].class);
                float[][] biases = JSON.treeToValue(root.get("biases"), float[][].class);
                int n = EncoderSpec.CONTEXT_FRAMES * EncoderSpec.MEL_BINS;
                if (mean.length != n || scale.length != n || layers.length != 4 || biases.length != 4
                        || layers[1].length != spec.dimensions()) {
                    throw new IllegalArgumentException("sizes do not match " + spec);
                }
                return new AutoencoderEncoder(spec, mean, scale, layers, biases,
                        root.path("reconstructionError").asDouble());
            }
            double[] mean = JSON.treeToValue(root.get("mean"), double[].class);
            double[][] components = JSON.treeToValue(root.get("components"), double[][].class);
            double[] variances = JSON.treeToValue(root.get("variances"), double[].class);
            if (mean.length != EncoderSpec.MEL_BINS || components.length != spec.dimensions()
                    || variances.length != spec.dimensions()) {
                throw new IllegalArgumentException("sizes do not match " + spec);
            }
            return new PcaEncoder(spec, mean, components, variances, root.path("total").asDouble());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": not an encoder written by netbend (" + e.getMessage() + ")");
        }
    }
}
