package org.netbend.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 protocol server (S3Proxy on an in-memory jclouds blob store) on 127.0.0.1, for tests. It can be
 * stopped and started again on the same port with the same data, to simulate an outage. Other modules' tests
 * use it through this module's test jar.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "NETBENDTESTACCESS7Q";
    public static final String SECRET_KEY = "netbend-test-secret-Zq81vXk2pLm";

    private final BlobStoreContext context;
    private final int port;
    private S3Proxy proxy;

    private S3ProxyServer(int port) {
        this.port = port;
        this.context = ContextBuilder.newBuilder("transient")
                .credentials("unused", "unused")
                .overrides(new Properties())
                .build(BlobStoreContext.class);
    }

    public static S3ProxyServer start() throws Exception {
        S3ProxyServer server = new S3ProxyServer(freePort());
        server.startProxy();
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public BlobStore blobStore() {
        return context.getBlobStore();
    }

    /** Settings for a bucket on this server with the right credentials and quick retries. */
    public S3Settings settings(String bucket, String prefix) {
        return new S3Settings(endpoint(), bucket, prefix, ACCESS_KEY, SECRET_KEY, "us-east-1",
                Duration.ofSeconds(5), 3, true);
    }

    /**
     * The environment a store reads ({@link S3Settings#fromUri}) for this server: its credentials, short
     * timeouts, and enough retries to ride out an outage of about 10 s.
     */
    public Map<String, String> environment() {
        return Map.of(S3Settings.ENV_ENDPOINT, endpoint(),
                S3Settings.ENV_ACCESS_KEY, ACCESS_KEY,
                S3Settings.ENV_SECRET_KEY, SECRET_KEY,
                S3Settings.ENV_REGION, "us-east-1",
                S3Settings.ENV_TIMEOUT, "5",
                S3Settings.ENV_MAX_RETRIES, "8");
    }

    public synchronized void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    /** Starts again on the same port, with the same buckets and objects. */
    public synchronized void restart() throws Exception {
        stop();
        startProxy();
    }

    private synchronized void startProxy() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start on port " + port + ": " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        context.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
