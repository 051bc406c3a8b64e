package org.netbend.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3SettingsTest {
    static final String SECRET = "s3cr3t-value-never-shown";
    static final String ACCESS = "AKIAEXAMPLEACCESS";

    @TempDir
    Path temp;

    @Test
    void aLocationAndTheEnvironmentMakeTheSettings() {
        S3Settings s = S3Settings.fromUri("s3://renders/studio/album-1/", Map.of(
                "NETBEND_S3_ENDPOINT", "http://127.0.0.1:9000/",
                "AWS_ACCESS_KEY_ID", ACCESS,
                "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_REGION", "eu-west-1",
                "NETBEND_S3_TIMEOUT_SECONDS", "2.5",
                "NETBEND_S3_MAX_RETRIES", "7",
                "NETBEND_S3_CREATE_BUCKET", "false"));

        assertEquals(new S3Settings("http://127.0.0.1:9000", "renders", "studio/album-1", ACCESS, SECRET, "eu-west-1",
                Duration.ofMillis(2500), 7, false), s);
        assertEquals("s3://renders/studio/album-1", s.location());
        assertEquals("studio/album-1/jobs/a/video.mp4", s.objectName("jobs/a/video.mp4"));
    }

    @Test
    void defaultsApplyWhenTheEnvironmentIsSilent() {
        S3Settings s = S3Settings.fromUri("s3://renders", Map.of());

        assertEquals(S3Settings.DEFAULT_ENDPOINT, s.endpoint());
        assertEquals("", s.prefix());
        assertEquals("jobs/a/video.mp4", s.objectName("jobs/a/video.mp4"));
        assertEquals("us-east-1", s.region());
        assertEquals(Duration.ofSeconds(30), s.timeout());
        assertEquals(5, s.maxRetries());
        assertTrue(s.createBucket());
        assertNull(s.accessKey());
    }

    @Test
    void aConfigFileSuppliesValuesAndTheEnvironmentOverridesThem() throws Exception {
        Path config = temp.resolve("s3.properties");
        Files.writeString(config, """
                # same names as the environment variables
                NETBEND_S3_ENDPOINT=http://minio.internal:9000
                AWS_ACCESS_KEY_ID=%s
                AWS_SECRET_ACCESS_KEY=%s
                AWS_DEFAULT_REGION=eu-central-1
                NETBEND_S3_MAX_RETRIES=2
                """.formatted(ACCESS, SECRET));

        S3Settings s = S3Settings.fromUri("s3://renders/p", Map.of(
                "NETBEND_S3_CONFIG", config.toString(), "NETBEND_S3_MAX_RETRIES", "9"));

        assertEquals("http://minio.internal:9000", s.endpoint());
        assertEquals(SECRET, s.secretKey());
        assertEquals("eu-central-1", s.region());
        assertEquals(9, s.maxRetries());
    }

    @Test
    void anUnreadableConfigFileIsNamed() {
        Path missing = temp.resolve("nope.properties");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> S3Settings.fromUri("s3://renders", Map.of("NETBEND_S3_CONFIG", missing.toString())));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void toStringShowsWhereButNeverTheCredentials() {
        S3Settings s = new S3Settings("http://127.0.0.1:9000", "renders", "p", ACCESS, SECRET, null,
                Duration.ofSeconds(1), 1);

        assertFalse(s.toString().contains(SECRET), s.toString());
        assertFalse(s.toString().contains(ACCESS), s.toString());
        assertTrue(s.toString().contains("s3://renders/p at http://127.0.0.1:9000"), s.toString());
    }

    @Test
    void credentialsInTheEndpointAreRefusedWithoutBeingEchoed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Settings.fromUri("s3://renders",
                Map.of("NETBEND_S3_ENDPOINT", "http://" + ACCESS + ":" + SECRET + "@127.0.0.1:9000")));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("must not contain credentials"), e.getMessage());
    }

    @Test
    void badInputIsNamed() {
        assertMessage("s3://bucket/prefix", () -> S3Settings.fromUri("renders/p", Map.of()));
        assertMessage("names no bucket", () -> S3Settings.fromUri("s3:///p", Map.of()));
        assertMessage("not a valid S3 bucket name", () -> S3Settings.fromUri("s3://Bad_Bucket/p", Map.of()));
        assertMessage("not usable", () -> S3Settings.fromUri("s3://renders/a/../b", Map.of()));
        assertMessage("NETBEND_S3_TIMEOUT_SECONDS", () -> S3Settings.fromUri("s3://renders",
                Map.of("NETBEND_S3_TIMEOUT_SECONDS", "soon")));
        assertMessage("NETBEND_S3_MAX_RETRIES", () -> S3Settings.fromUri("s3://renders",
                Map.of("NETBEND_S3_MAX_RETRIES", "-1")));
        assertMessage("NETBEND_S3_CREATE_BUCKET", () -> S3Settings.fromUri("s3://renders",
                Map.of("NETBEND_S3_CREATE_BUCKET", "maybe")));
        assertMessage("incomplete", () -> S3Settings.fromUri("s3://renders", Map.of("AWS_ACCESS_KEY_ID", ACCESS)));
        assertMessage("http:// or https://", () -> S3Settings.fromUri("s3://renders",
                Map.of("NETBEND_S3_ENDPOINT", "ftp://host")));
        assertMessage("bare server URL", () -> S3Settings.fromUri("s3://renders",
                Map.of("NETBEND_S3_ENDPOINT", "http://host:9000/renders")));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
