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

    /** The fields of the encoder's record, with {@code spec} as {@code pca(8)}. */
    public static byte[] toJson(AudioEncoder encoder) {
        if (!(encoder instanceof PcaEncoder pca)) {
            throw new IllegalArgumentException("cannot store encoder " + encoder.spec());
        }
        var root = JSON.createObjectNode();
        root.put("spec", pca.spec().toString());
        root.set("mean", JSON.valueToTree(pca.mean()));
        root.set("components", JSON.valueToTree(pca.components()));
        root.set("variances", JSON.valueToTree(pca.variances()));
        root.put("total", pca.total());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #toJson} wrote; a one-line IllegalArgumentException for anything else. */
    public static AudioEncoder read(Path file) throws IOException {
        var root = JSON.readTree(Files.readAllBytes(file));
        try {
            EncoderSpec spec = EncoderSpec.parse(root.path("spec").asText());
            double[] mean = JSON.treeToValue(root.get("mean"), double[].class);
            double[][] components = JSON.treeToValue(root.get("components"), double[][].class);
            double[] variances = JSON.treeToValue(root.get("variances"), double[].class);
            if (mean.length != EncoderSpec.MEL_BINS || components.length != spec.dimensions()
                    || variances.length != spec.dimensions()) {
                throw new IllegalArgumentException("sizes do not match " + spec);
            }
            return new PcaEncoder(spec, mean, components, variances, root.path("total").asDouble());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not an encoder written by netbend (" + e.getMessage() + ")");
        }
    }
}
