package org.netbend.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each run has its own folder; folders of runs that died are removed at the next start, live ones never. */
class RunFolderTest {
    @TempDir Path cache;
    private String savedRunDir;
    private String savedTmpDir;

    /** claim() points these at the folder it makes; the other tests of this JVM keep theirs. */
    @BeforeEach
    void saveProperties() {
        savedRunDir = System.getProperty(RunFolder.PROPERTY);
        savedTmpDir = System.getProperty("java.io.tmpdir");
        System.clearProperty(RunFolder.PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        if (savedRunDir == null) {
            System.clearProperty(RunFolder.PROPERTY);
        } else {
            System.setProperty(RunFolder.PROPERTY, savedRunDir);
        }
        System.setProperty("java.io.tmpdir", savedTmpDir);
    }

    @Test
    void aKilledRunsFolderIsRemovedOnceItsProcessIsGoneAndALiveOneIsKept() throws Exception {
        // A real second JVM claims a folder and is killed with SIGKILL, so no hook of its own can clean up.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Claimer.class.getName(), cache.toString())
                .redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream())).readLine();
            assertTrue(line != null && line.startsWith("claimed "), "the child claimed a folder: " + line);
            Path killed = Path.of(line.substring("claimed ".length()));
            Files.writeString(killed.resolve("chunk-3-123.partial.mp4"), "half a chunk");
            assertTrue(RunFolder.isHeld(killed), "held while the child lives");
            assertEquals(0, RunFolder.removeDeadRuns(cache, null), "a live run's folder is kept");

            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not exit within 30 s of SIGKILL");
            try (RunFolder next = RunFolder.claim(cache)) {
                assertFalse(Files.exists(killed), "the killed run's folder (and its partial chunk) is gone");
                assertTrue(Files.isDirectory(next.path()), "the new run has its folder");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aFolderWithoutLockIsKeptWhileItsPidLivesAndRemovedAfter() throws Exception {
        Path starting = Files.createDirectory(cache.resolve("run-" + ProcessHandle.current().pid()));
        Path dead = Files.createDirectory(cache.resolve("run-" + deadPid()));
        assertEquals(1, RunFolder.removeDeadRuns(cache, null));
        assertTrue(Files.exists(starting), "the launcher made it for a JVM that is starting");
        assertFalse(Files.exists(dead));
    }

    @Test
    void closingRemovesTheFolder() throws Exception {
        Path path;
        try (RunFolder folder = RunFolder.claim(cache)) {
            path = folder.path();
            Files.writeString(path.resolve("work.tmp"), "x");
            assertTrue(path.getFileName().toString().startsWith("run-" + ProcessHandle.current().pid()));
        }
        assertFalse(Files.exists(path));
    }

    /** A pid no process has: one of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "'true' did not exit within 30 s");
        return p.pid();
    }

    /** Claims a folder, says where, and waits to be killed. */
    public static final class Claimer {
        public static void main(String[] args) throws Exception {
            System.clearProperty(RunFolder.PROPERTY);
            RunFolder folder = RunFolder.claim(Path.of(args[0]));
            System.out.println("claimed " + folder.path());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
            System.out.println(File.separator);
        }
    }
}
