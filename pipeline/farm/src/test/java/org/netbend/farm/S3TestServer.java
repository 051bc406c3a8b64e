package org.netbend.farm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.netbend.store.S3Settings;

/**
 * A real S3 protocol server for tests: S3Proxy on an in-memory jclouds blob store, on 127.0.0.1 with AWS V4
 * signatures checked. It can be stopped and started again on the same port with the same objects, to simulate
 * an outage. Public so that the cli tests can reuse it from the farm's test jar.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "NETBENDFARMTEST4KQ";
    public static final String SECRET_KEY = "netbend-farm-secret-Jd7wPq2LxV";

    private final BlobStoreContext context;
    private final int port;
    private S3Proxy proxy;

    private S3TestServer(int port) {
        this.port = port;
        this.context = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                .overrides(new Properties()).build(BlobStoreContext.class);
    }

    public static S3TestServer start() throws Exception {
        S3TestServer server = new S3TestServer(freePort());
        server.startProxy();
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * What the store reads from the environment, for {@link RunOptions#withStoreSettings}: this server, its
     * credentials, short timeouts, and enough retries to ride out an outage of about 10 s.
     */
    public Map<String, String> storeSettings() {
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
