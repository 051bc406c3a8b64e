package org.netbend.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.netbend.store.ObjectStore;
import org.netbend.store.StoreException;

/**
 * The content digest of each model a service offers ({@code render.ModelIdentity}), recorded in the store under
 * {@code models/<hash of the name>.json} when the service starts. A job id hashes the model's digest, not its name;
 * {@code submit} reads the digest here, so it computes the id {@code render} computes for the same files without
 * having the model itself, and the service checks the digest it is sent against its own.
 */
public final class ServedModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServedModels() { }

    /** The store key of the record of {@code model} (its name as the service offers it). */
    public static String key(String model) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(model.getBytes(StandardCharsets.UTF_8));
            return "models/" + HexFormat.of().formatHex(hash, 0, 8) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Records that this store's service renders {@code model} with the files of {@code digest}. */
    public static void record(ObjectStore store, String model, String digest) throws StoreException {
        String json = JSON.createObjectNode().put("model", model).put("sha256", digest).toString();
        store.put(key(model), json.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest a service recorded for {@code model}, if one did (and the record is readable). */
    public static Optional<String> digest(ObjectStore store, String model) throws StoreException {
        Optional<byte[]> bytes = store.get(key(model));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(new String(bytes.get(), StandardCharsets.UTF_8));
            String digest = node.path("sha256").asText("");
            return model.equals(node.path("model").asText()) && digest.matches("[0-9a-f]{64}")
                    ? Optional.of(digest) : Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty(); // no usable record: as if none
        }
    }
}
