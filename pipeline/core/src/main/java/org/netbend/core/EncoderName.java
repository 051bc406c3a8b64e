package org.netbend.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fitted audio encoder stored by name, {@code encoders/NAME.json}, as a request's {@code codes} names it:
 * {@code encoder:NAME}, pinned to the stored file's content as {@code encoder:NAME#SHA256} when the request is
 * built (render and submit read the store), so the job id follows the encoder's weights and two encoders saved
 * under one name never share a job id. The name is one store-key segment ({@link StoreKeyRule}).
 *
 * @param name   the encoder's name
 * @param sha256 the SHA-256 of {@code encoders/NAME.json} (64 lower-case hex digits), or null while unpinned
 */
public record EncoderName(String name, String sha256) {
    /** What a request's {@code codes} starts with to name a stored encoder. */
    public static final String PREFIX = "encoder:";
    private static final Pattern FORM = Pattern.compile("encoder:([^#]*)(?:#(.*))?");
    private static final int MAX_NAME = 100;

    public EncoderName {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || name.contains("/")) {
            throw new IllegalArgumentException("bad encoder name '" + StoreKeyRule.printable(String.valueOf(name), 40)
                    + "': one name of 1.." + MAX_NAME + " characters (" + StoreKeyRule.ALPHABET + "), no '/'");
        }
        StoreKeyRule.problem(key(name)).ifPresent(problem -> {
            throw new IllegalArgumentException("bad encoder name '" + StoreKeyRule.printable(name, 40) + "': "
                    + problem);
        });
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("encoder:" + name + ": the pin after '#' must be 64 lower-case hex"
                    + " digits (a SHA-256)");
        }
    }

    /** True when {@code codes} names a stored encoder rather than an encoder to fit ({@code pca(8)}). */
    public static boolean names(String codes) {
        return codes != null && codes.strip().startsWith(PREFIX);
    }

    /** {@code encoder:NAME} or {@code encoder:NAME#SHA256}; an IllegalArgumentException naming the problem otherwise. */
    public static EncoderName parse(String codes) {
        Matcher m = FORM.matcher(codes == null ? "" : codes.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad encoder reference '" + codes + "'; write encoder:NAME");
        }
        return new EncoderName(m.group(1), m.group(2));
    }

    /** The store key of encoder {@code name}. */
    public static String key(String name) {
        return "encoders/" + name + ".json";
    }

    public String key() {
        return key(name);
    }

    /** The same name pinned to this content digest. */
    public EncoderName pinned(String digest) {
        return new EncoderName(name, digest);
    }

    /** {@code encoder:NAME} or {@code encoder:NAME#SHA256}. */
    @Override
    public String toString() {
        return PREFIX + name + (sha256 != null ? "#" + sha256 : "");
    }
}
