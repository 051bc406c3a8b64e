package org.netbend.farm;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A Flink session cluster's REST address (the JobManager's {@code rest.address}:{@code rest.port}), given as
 * {@code HOST:PORT} on the command line.
 */
public record ClusterAddress(String host, int port) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");

    public ClusterAddress {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("--cluster host must be a host name or IPv4 address, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--cluster port must be in 1..65535, got " + port);
        }
    }

    /** Parses {@code HOST:PORT}; the message says what is wrong. */
    public static ClusterAddress parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("--cluster must be HOST:PORT (the JobManager's REST address, e.g. "
                    + "127.0.0.1:8081), got '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--cluster port must be a number, got '" + text.substring(colon + 1) + "'");
        }
        return new ClusterAddress(text.substring(0, colon), port);
    }

    public URI restUri() {
        return URI.create("http://" + host + ":" + port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
