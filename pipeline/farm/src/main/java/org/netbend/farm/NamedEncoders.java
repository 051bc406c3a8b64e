package org.netbend.farm;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.core.EncoderName;
import org.netbend.core.FeatureNames;
import org.netbend.core.ParameterSource;
import org.netbend.job.JobRequest;
import org.netbend.plan.AudioEncoder;
import org.netbend.plan.EncoderIo;
import org.netbend.store.ObjectStore;

/**
 * Fitted encoders stored by name ({@code encoders/NAME.json}, {@link EncoderName}): saved by
 * {@code analyze --save-encoder}, pinned into a request by render and submit (the job id then hashes the file's
 * SHA-256, as it hashes the model's digest), and read back by PLAN, which checks the pin.
 */
public final class NamedEncoders {
    private NamedEncoders() { }

    /** Stores the encoder as {@code encoders/NAME.json}; returns the key. */
    public static String save(ObjectStore store, String name, AudioEncoder encoder) throws IOException {
        String key = new EncoderName(name, null).key();
        store.put(key, EncoderIo.toJson(encoder));
        return key;
    }

    /**
     * The request with a named encoder pinned to the stored file's content (unchanged when its codes name no
     * stored encoder, or are pinned already); the bends' code(N) are checked against the encoder's D.
     *
     * @throws IllegalArgumentException one line: no such encoder, not an encoder, a code index out of range
     */
    public static JobRequest pinned(ObjectStore store, JobRequest request) throws IOException {
        if (!EncoderName.names(request.codes())) {
            return request;
        }
        EncoderName ref = EncoderName.parse(request.codes());
        byte[] bytes = bytes(store, ref);
        String digest = sha256(bytes);
        if (ref.sha256() != null && !ref.sha256().equals(digest)) {
            throw changed(ref);
        }
        checkIndices(request, ref, EncoderIo.fromJson(bytes, ref.key()));
        return request.withCodes(ref.pinned(digest).toString());
    }

    /**
     * The encoder a pinned request names, for PLAN.
     *
     * @throws IllegalArgumentException one line: unpinned, missing, or changed since the request was built
     */
    public static AudioEncoder read(ObjectStore store, JobRequest request) throws IOException {
        EncoderName ref = EncoderName.parse(request.codes());
        if (ref.sha256() == null) {
            throw new IllegalArgumentException("codes '" + ref + "' is not pinned to the encoder's content; render and"
                    + " submit pin it (" + ref + "#SHA256), so the job id follows the encoder");
        }
        byte[] bytes = bytes(store, ref);
        if (!ref.sha256().equals(sha256(bytes))) {
            throw changed(ref);
        }
        AudioEncoder encoder = EncoderIo.fromJson(bytes, ref.key());
        checkIndices(request, ref, encoder);
        return encoder;
    }

    private static byte[] bytes(ObjectStore store, EncoderName ref) throws IOException {
        return store.get(ref.key()).orElseThrow(() -> new IllegalArgumentException("no encoder '" + ref.name()
                + "' in the store (" + ref.key() + "); save one with analyze --codes ENCODER --save-encoder "
                + ref.name()));
    }

    private static IllegalArgumentException changed(EncoderName ref) {
        return new IllegalArgumentException("encoder '" + ref.name() + "' (" + ref.key() + ") changed since the"
                + " request was built; build the request again");
    }

    private static void checkIndices(JobRequest request, EncoderName ref, AudioEncoder encoder) {
        for (String bend : request.bends()) {
            BendSpec spec = BendParser.parse(bend);
            for (ParameterSource source : spec.sources()) {
                if (source instanceof ParameterSource.Feature feature && FeatureNames.isCode(feature.feature())
                        && FeatureNames.codeIndex(feature.feature()) >= encoder.dimensions()) {
                    throw new IllegalArgumentException("code index out of range: bend '" + spec + "' reads "
                            + feature.feature() + " but encoder '" + ref.name() + "' (" + encoder.spec() + ") gives"
                            + " code(0)..code(" + (encoder.dimensions() - 1) + ")");
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
