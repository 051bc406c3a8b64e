package org.netbend.studio;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import org.netbend.service.KafkaSettings;

/**
 * How the studio runs.
 *
 * @param host           the address to listen on; anything but loopback needs a token
 * @param port           0 for a free one
 * @param token          null on loopback without one
 * @param store          the service's store location (a folder or s3://BUCKET/PREFIX)
 * @param environment    variables for the store (S3 endpoint and credentials)
 * @param kafka          the service's topics
 * @param model          the model requests render with
 * @param maxUploadBytes the largest audio upload
 * @param work           a folder for uploads in flight and videos served
 */
public record StudioOptions(String host, int port, BearerToken token, String store, Map<String, String> environment,
        KafkaSettings kafka, String model, long maxUploadBytes, Path work) {
    public static final long DEFAULT_MAX_UPLOAD = 200L * 1024 * 1024;

    public StudioOptions {
        environment = Map.copyOf(environment);
        if (token == null && !isLoopback(host)) {
            throw new IllegalArgumentException("listening on " + host + " (not loopback) needs a token: give "
                    + "--token-file FILE or --new-token");
        }
    }

    public StudioOptions withToken(BearerToken newToken) {
        return new StudioOptions(host, port, newToken, store, environment, kafka, model, maxUploadBytes, work);
    }

    public StudioOptions withMaxUploadBytes(long bytes) {
        return new StudioOptions(host, port, token, store, environment, kafka, model, bytes, work);
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
