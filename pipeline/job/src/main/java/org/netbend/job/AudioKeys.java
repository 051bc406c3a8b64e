package org.netbend.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Audio is stored once per content, {@code audio/{sha256}.{ext}} (stems too), and MIDI files as
 * {@code midi/{sha256}.{ext}}, so the same file is never uploaded twice and a changed file is a new key.
 */
public final class AudioKeys {
    /** A key this module makes, and the only shape of audio key a submission may name inside the store. */
    public static final Pattern KEY = Pattern.compile("audio/[0-9a-f]{64}(\\.[a-z0-9]{1,8})?");

    private AudioKeys() { }

    /** The content address of {@code audio}: its SHA-256 and its lower-cased extension. */
    public static String of(Path audio) throws IOException {
        return contentKey("audio/", audio);
    }

    /** The content address of a MIDI file: {@code midi/{sha256}.mid}. */
    public static String midiOf(Path midi) throws IOException {
        return contentKey("midi/", midi);
    }

    private static String contentKey(String folder, Path audio) throws IOException {
        String name = audio.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "") : "";
        if (extension.length() > 9) {
            extension = "";
        }
        return folder + sha256(audio) + extension;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
