package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.ListeningSockets;
import org.netbend.farm.TestAudio;

/**
 * {@code netbend render}'s job cancelled from outside through its embedded cluster's REST API (on loopback, as
 * anyone on the machine could): render says plainly that the job was cancelled and where its frames stay, exits
 * 1, and does not call it a bug.
 */
class RenderCancelIT {
    private static final Duration START = Duration.ofSeconds(180);

    @TempDir Path dir;

    @Test
    void aRenderCancelledThroughRestSaysSoInOneLine() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(dir.resolve("a.wav"), 1.0, 1.0, 2.0); // 4 s: 80 frames
        List<InetSocketAddress> before = ListeningSockets.ofThisProcess();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> render = CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(out, true),
                new PrintWriter(err, true), "render", audio.toString(), "-p", "3D mesh geometry", "-o",
                dir.resolve("a.mp4").toString(), "--size", "128x128", "--steps", "64", "--model", "toy",
                "--store", dir.resolve("store").toString(), "--cache", dir.resolve("cache").toString()));
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + START.toNanos();
            URI rest = null;
            String job = null;
            while (job == null) {
                assertFalse(render.isDone(), () -> "render ended before its job could be cancelled: " + err);
                assertTrue(System.nanoTime() < deadline, () -> "the render's Flink job was not RUNNING on a REST "
                        + "server of this JVM within " + START.toSeconds() + " s; render said: " + err);
                List<InetSocketAddress> opened = new ArrayList<>(ListeningSockets.ofThisProcess());
                opened.removeAll(before);
                rest = rest != null ? rest : ServeLoopbackIT.restServer(http, opened);
                job = rest == null ? null : ServeLoopbackIT.runningJob(http, rest);
                if (job == null) {
                    Thread.sleep(200);
                }
            }
            ServeLoopbackIT.cancel(http, rest, job);
            int code = render.get(120, TimeUnit.SECONDS); // waits for render to notice the cancel and end
            String said = err.toString();
            assertEquals(1, code, said);
            assertTrue(said.contains("netbend: the render was cancelled through Flink's REST API; the frames "
                    + "rendered so far stay in local store " + dir.resolve("store").toAbsolutePath()), said);
            assertFalse(said.contains("looks like a bug"), said);
            assertFalse(said.contains("\tat "), said);
            assertFalse(Files.exists(dir.resolve("a.mp4")), "no video is written for a cancelled render");
        } finally {
            render.cancel(true);
        }
    }
}
