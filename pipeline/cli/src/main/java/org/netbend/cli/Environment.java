package org.netbend.cli;

import java.nio.file.Path;
import java.util.Map;

/** Defaults that a user may set once in the environment instead of on every command line. */
final class Environment {
    private final Map<String, String> env;

    Environment(Map<String, String> env) {
        this.env = env;
    }

    static Environment system() {
        return new Environment(System.getenv());
    }

    Map<String, String> variables() { return env; }

    /** NETBEND_CACHE, else $XDG_CACHE_HOME/netbend, else ~/.cache/netbend. */
    Path cacheDir() {
        String explicit = env.get("NETBEND_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("netbend");
    }

    /** NETBEND_STORE, else ./netbend-store. */
    String store() {
        String explicit = env.get("NETBEND_STORE");
        return explicit != null && !explicit.isBlank() ? explicit : "netbend-store";
    }

    /** NETBEND_MODEL, or null when no model is configured. */
    String model() {
        String explicit = env.get("NETBEND_MODEL");
        return explicit != null && !explicit.isBlank() ? explicit : null;
    }
}
