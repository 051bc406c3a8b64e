package org.netbend.studio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The secret every API call must carry when the studio listens beyond loopback. Never logged: no toString. */
public final class BearerToken {
    private final byte[] secret;

    public BearerToken(String secret) {
        if (secret == null || secret.strip().length() < 16) {
            throw new IllegalArgumentException("a token must be at least 16 characters");
        }
        this.secret = secret.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh random token (32 bytes, hex). */
    public static BearerToken random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new BearerToken(HexFormat.of().formatHex(bytes));
    }

    /** Compared in constant time, so the answer's timing says nothing about how much of a guess was right. */
    public boolean matches(String given) {
        return given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret itself, for printing once to the one who asked for a new token. */
    public String reveal() {
        return new String(secret, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
