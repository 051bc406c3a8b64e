package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.Jobs;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

class RenderJobArgumentsTest {
    @TempDir Path temp;

    @Test
    void runOptionsComeFromTheArguments() {
        RenderJobArguments arguments = RenderJobArguments.parse(new String[] {"--store", "s3://renders/album",
            "--job", "0123456789abcdef", "--parallelism", "4", "--device", "cuda", "--force"});
        assertEquals("s3://renders/album", arguments.options().store());
        assertEquals(4, arguments.options().parallelism());
        assertEquals("cuda", arguments.options().device());
        assertTrue(arguments.options().force());
        assertEquals("0123456789abcdef", arguments.jobId());
    }

    @Test
    void badArgumentsAreOneLineNamingThem() {
        assertTrue(message("--store", "x").contains("exactly one of --request FILE.json or --job ID"));
        assertTrue(message("--job", "a").contains("--store is missing"));
        assertTrue(message("--store", "x", "--job", "a", "--colour", "red").contains("unknown argument --colour"));
        assertTrue(message("--store", "x", "--job", "a", "--parallelism", "many").contains("--parallelism must be"));
        assertTrue(message("--store", "x", "--job", "../etc").contains("job id"));
    }

    @Test
    void theRequestComesFromTheStoreAndMustHashToTheJob() throws Exception {
        Path root = temp.resolve("store");
        try (LocalStore store = new LocalStore(root)) {
            JobRequest request = Jobs.txt2img(store, Files.createFile(temp.resolve("a.wav")), List.of(), 4);
            store.put(new JobKeys(request.jobId()).request(), request.toJson().getBytes());
            RenderJobArguments arguments = RenderJobArguments.parse(new String[] {"--store", root.toString(),
                "--job", request.jobId()});
            assertEquals(request, arguments.loadRequest());

            store.put(new JobKeys("0000000000000000").request(), request.toJson().getBytes());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenderJobArguments.parse(
                    new String[] {"--store", root.toString(), "--job", "0000000000000000"}).loadRequest());
            assertTrue(e.getMessage().contains("hashes to " + request.jobId()), e.getMessage());
        }
    }

    @Test
    void segmentLinesNameTheTaskManager() {
        JobEvent segment = new JobEvent("j1", JobEvent.Kind.SEGMENT, 2, 11, false, 12, 40, 10, new long[0], "", 1, 0,
                -1, "vm-tm2");
        assertEquals("netbend j1: segment 3 of 10 done on vm-tm2 slot 1 (12/40 frames)", RenderJob.describe(segment));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> RenderJobArguments.parse(args)).getMessage();
    }
}
