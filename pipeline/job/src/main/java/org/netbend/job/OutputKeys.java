package org.netbend.job;

import java.util.List;
import org.netbend.core.StoreKeyRule;

/**
 * Where a request may have its video copied ({@code output}): a store key of its own, never one of the service's.
 * The CLI ({@code submit --output}), the decoder and ASSEMBLE all ask this class, so a key the client may send is
 * one the service takes.
 *
 * <ul>
 *   <li>a valid store key ({@link StoreKeyCheck}: the stores' own rule) ending in {@code .mp4};</li>
 *   <li>not under a prefix the service writes itself: {@code jobs/} (frames, chunks, videos of every job),
 *       {@code audio/} and {@code midi/} (uploaded tracks, stems and MIDI files) or {@code service/} (its own
 *       bookkeeping), so a client can never replace another job's files or an uploaded track;</li>
 *   <li>under the service's output prefix ({@link #DEFAULT_PREFIX} unless the service's configuration names
 *       another), checked by the decoder, which knows it.</li>
 * </ul>
 * An output key that already holds another job's video is not replaced: the service answers REJECTED.
 */
public final class OutputKeys {
    /** Where outputs go unless the service's configuration names another prefix. */
    public static final String DEFAULT_PREFIX = "videos/";
    /** Prefixes of the keys the service writes itself. */
    public static final List<String> RESERVED = List.of("jobs/", "audio/", "midi/", "service/");

    private OutputKeys() { }

    /**
     * Checks what holds for any service: a store key, {@code .mp4}, outside the reserved prefixes.
     *
     * @throws InvalidRequestException naming {@code field}
     */
    public static String check(String field, String key) {
        StoreKeyCheck.relative(field, key);
        if (!key.endsWith(".mp4")) {
            throw new InvalidRequestException(field, "must end in .mp4, got '" + Echo.safe(key) + "'");
        }
        for (String reserved : RESERVED) {
            if (key.startsWith(reserved)) {
                throw new InvalidRequestException(field, "'" + Echo.safe(key) + "' lies under " + reserved
                        + ", where the service keeps its own files; use " + DEFAULT_PREFIX + "NAME.mp4");
            }
        }
        return key;
    }

    /** The same, and the key must lie under the service's output prefix ({@code videos/} by default). */
    public static String check(String field, String key, String prefix) {
        check(field, key);
        if (!key.startsWith(prefix) || key.length() == prefix.length()) {
            throw new InvalidRequestException(field, "'" + Echo.safe(key) + "' lies outside " + prefix
                    + ", the prefix this service writes outputs to");
        }
        return key;
    }

    /**
     * A service's output prefix as configured: a valid key prefix ending in '/', not one of the reserved ones.
     *
     * @throws IllegalArgumentException saying why
     */
    public static String prefix(String configured) {
        String prefix = configured.endsWith("/") ? configured : configured + "/";
        if (!StoreKeyRule.isValid(prefix.substring(0, prefix.length() - 1))) {
            throw new IllegalArgumentException("output prefix '" + Echo.safe(configured) + "' is not a store key: "
                    + StoreKeyRule.problem(prefix.substring(0, prefix.length() - 1)).orElseThrow());
        }
        for (String reserved : RESERVED) {
            if (prefix.startsWith(reserved) || reserved.startsWith(prefix)) {
                throw new IllegalArgumentException("output prefix '" + Echo.safe(configured) + "' overlaps " + reserved
                        + ", where the service keeps its own files");
            }
        }
        return prefix;
    }
}
