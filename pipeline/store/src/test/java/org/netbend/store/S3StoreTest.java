package org.netbend.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against a real S3 protocol server on loopback, plus what only S3 has: credentials, retries. */
class S3StoreTest extends ObjectStoreContract {
    static S3ProxyServer server;
    static final AtomicInteger RUNS = new AtomicInteger();

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    ObjectStore newStore() throws Exception {
        // A fresh prefix per test keeps tests apart and exercises the prefix handling on every call.
        return S3Store.open(server.settings("contract", "runs/" + RUNS.incrementAndGet()));
    }

    private static String everything(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains(S3ProxyServer.SECRET_KEY), "the secret key leaked: " + text);
        assertFalse(text.contains(S3ProxyServer.ACCESS_KEY), "the access key leaked: " + text);
    }

    @Test
    void describeNamesBucketPrefixAndEndpointButNoCredentials() {
        String described = store.describe();
        assertTrue(described.matches("s3://contract/runs/\\d+ at http://127\\.0\\.0\\.1:\\d+"), described);
        assertNoSecret(described);
        assertNoSecret(((S3Store) store).settings().toString());
    }

    @Test
    void keysLiveUnderThePrefixAndStoresWithOtherPrefixesDoNotSeeThem() throws Exception {
        store.put("jobs/a/request.json", new byte[] {1});
        try (S3Store other = S3Store.open(server.settings("contract", "elsewhere"))) {
            assertEquals(List.of(), other.list(""));
            assertFalse(other.exists("jobs/a/request.json"));
        }
        String prefix = ((S3Store) store).settings().prefix();
        assertTrue(server.blobStore().blobExists("contract", prefix + "/jobs/a/request.json"));
    }

    @Test
    void theBucketIsCreatedWhenMissingUnlessThatIsSwitchedOff() throws Exception {
        StoreException e = assertThrows(StoreException.class,
                () -> S3Store.open(server.settings("no-such-bucket", "").withCreateBucket(false)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(S3Settings.ENV_CREATE_BUCKET), e.getMessage());
        assertFalse(server.blobStore().containerExists("no-such-bucket"));

        try (S3Store created = S3Store.open(server.settings("fresh-bucket", "p"))) {
            created.put("x.json", new byte[] {5});
        }
        assertTrue(server.blobStore().containerExists("fresh-bucket"));
    }

    @Test
    void wrongCredentialsFailAtOpenWithoutRetryingAndWithoutLeakingThem() {
        String wrongSecret = "a-wrong-secret-that-must-not-leak-91";
        S3Settings settings = new S3Settings(server.endpoint(), "contract", "", S3ProxyServer.ACCESS_KEY, wrongSecret,
                null, Duration.ofSeconds(5), 5);

        StoreException e = assertThrows(StoreException.class, () -> S3Store.open(settings));

        String text = everything(e);
        assertNoSecret(text);
        assertFalse(text.contains(wrongSecret), text);
        assertFalse(e.getMessage().contains("attempts"), "a refused signature is not worth a retry: " + e.getMessage());
        assertTrue(e.getMessage().contains(S3Settings.ENV_SECRET_KEY), e.getMessage());
    }

    @Test
    void aServerThatStaysDownFailsAfterTheConfiguredRetriesNamingStoreAndKey() throws Exception {
        try (S3ProxyServer lonely = S3ProxyServer.start();
             S3Store shortLived = S3Store.open(lonely.settings("down", "p"),
                     new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50)))) {
            lonely.stop();

            StoreException e = assertThrows(StoreException.class, () -> shortLived.put("jobs/a/status.json", new byte[1]));

            assertTrue(e.getMessage().startsWith("s3://down/p at " + lonely.endpoint()), e.getMessage());
            assertTrue(e.getMessage().contains("put 'jobs/a/status.json' failed after 3 attempts"), e.getMessage());
            assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
            assertNoSecret(everything(e));
        }
    }

    @Test
    void aPutRidesOutAServerThatIsUnreachableForAFewSeconds() throws Exception {
        try (S3ProxyServer flaky = S3ProxyServer.start();
             S3Store patient = S3Store.open(flaky.settings("outage", ""),
                     new RetryPolicy(12, Duration.ofMillis(100), Duration.ofMillis(800)))) {
            patient.put("jobs/a/frames/000000.png", new byte[] {0});
            flaky.stop();

            byte[] frame = "frame one".getBytes(StandardCharsets.UTF_8);
            long start = System.nanoTime();
            CompletableFuture<Void> put = CompletableFuture.runAsync(() -> {
                try {
                    patient.put("jobs/a/frames/000001.png", frame);
                } catch (StoreException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2_500);
            assertFalse(put.isDone(), "the put must still be retrying while the server is down");
            flaky.restart();

            put.get(30, TimeUnit.SECONDS);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsedMs >= 2_500, "finished only after the server came back: " + elapsedMs + " ms");
            assertArrayEquals(frame, patient.get("jobs/a/frames/000001.png").orElseThrow());
            assertEquals(List.of("jobs/a/frames/000000.png", "jobs/a/frames/000001.png"), patient.list("jobs/"));
        }
    }

    @Test
    void storesOpensAnS3LocationFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of(
                S3Settings.ENV_ENDPOINT, server.endpoint(),
                S3Settings.ENV_ACCESS_KEY, S3ProxyServer.ACCESS_KEY,
                S3Settings.ENV_SECRET_KEY, S3ProxyServer.SECRET_KEY);
        try (ObjectStore opened = Stores.open("s3://from-env/some/prefix", env)) {
            opened.put("jobs/x/request.json", new byte[] {3});
            assertEquals("s3://from-env/some/prefix at " + server.endpoint(), opened.describe());
            assertArrayEquals(new byte[] {3}, opened.get("jobs/x/request.json").orElseThrow());
        }
        assertTrue(server.blobStore().blobExists("from-env", "some/prefix/jobs/x/request.json"));
    }
}
