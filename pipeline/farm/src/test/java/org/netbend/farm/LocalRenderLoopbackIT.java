package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;

/** A local render (its own MiniCluster, as {@code netbend render} runs it) listens on loopback only. */
class LocalRenderLoopbackIT {
    @TempDir Path temp;

    @Test
    void everySocketOfARunningRenderIsOnLoopback() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("short.wav"), 0.2, 0.4, 0.2);
        AtomicReference<List<InetSocketAddress>> whileRunning = new AtomicReference<>();
        try (ObjectStore store = new LocalStore(temp.resolve("store"))) {
            JobRequest request = Jobs.txt2img(store, audio, List.of(), 4);
            JobEvent done = LocalRender.run(request, Jobs.options(temp.resolve("store"), temp.resolve("cache"), 1,
                    false), event -> {
                        if (whileRunning.get() == null) { // the first event: the job is running
                            try {
                                whileRunning.set(ListeningSockets.ofThisProcess());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
            assertEquals(JobEvent.Kind.DONE, done.kind());
        }
        List<InetSocketAddress> sockets = whileRunning.get();
        assertNotNull(sockets, "no event reached the listener");
        // At least the REST server and the result collector listen while a job runs: the lister must see them.
        assertFalse(sockets.isEmpty(), "no listening socket seen while the render ran");
        assertEquals(List.of(), ListeningSockets.beyondLoopback(sockets), "sockets beyond loopback among " + sockets);
    }
}
