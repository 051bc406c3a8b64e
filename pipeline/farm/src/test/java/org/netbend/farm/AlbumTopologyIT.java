package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.job.RequestBuilder;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;

/**
 * An album as one Flink job ({@link LocalRender#runAllOn}): three requests, one job each, on two slots. Every job
 * ends DONE with all its frames, and the slots are shared: each slot renders segments of more than one job.
 */
class AlbumTopologyIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir Path temp;

    @Test
    void threeTracksShareTwoSlotsInOneFlinkJob() throws Exception {
        try (ObjectStore store = new LocalStore(temp.resolve("store"))) {
            List<JobRequest> album = new ArrayList<>();
            double[] bursts = {0.4, 0.6, 0.2};
            for (int i = 0; i < bursts.length; i++) {
                Path audio = TestAudio.silenceBurstSilence(temp.resolve("track" + i + ".wav"), 0.1, bursts[i], 0.1);
                store.putFile("audio/" + audio.getFileName(), audio);
                album.add(new RequestBuilder().audio("audio/" + audio.getFileName(), audio.getFileName().toString())
                        .model("toy").prompt("3D mesh geometry").fps(10).size("64x64").steps(4).segmentLength(2)
                        .build());
            }
            RunOptions options = Jobs.options(temp.resolve("store"), temp.resolve("cache"), 2, false);
            List<JobEvent> events = new ArrayList<>();

            Map<String, JobEvent> done = LocalRender.runAllOn(StreamExecutionEnvironment.getExecutionEnvironment(),
                    album, options, DiffusionGenerator.factory(), events::add);

            assertEquals(album.stream().map(JobRequest::jobId).toList(), List.copyOf(done.keySet()), "in album order");
            Map<Integer, Set<String>> jobsBySlot = new HashMap<>();
            for (JobEvent event : events) {
                if (event.kind() == JobEvent.Kind.SEGMENT) {
                    jobsBySlot.computeIfAbsent(event.slot(), s -> new HashSet<>()).add(event.jobId());
                }
            }
            assertEquals(Set.of(0, 1), jobsBySlot.keySet(), "both slots render");
            jobsBySlot.forEach((slot, jobs) -> assertTrue(jobs.size() > 1, "slot " + slot + " renders " + jobs));
            for (int i = 0; i < album.size(); i++) {
                int frames = (int) Math.round((0.2 + bursts[i]) * 10);
                JobEvent ended = done.get(album.get(i).jobId());
                assertEquals(frames, ended.totalFrames());
                assertEquals(frames, store.list(new JobKeys(album.get(i).jobId()).framesPrefix()).size());
                assertTrue(store.exists(ended.detail()), "the video of track " + i);
            }
        }
    }

    @Test
    void theSameJobTwiceInOneRunIsRefused() throws Exception {
        try (ObjectStore store = new LocalStore(temp.resolve("store"))) {
            JobRequest one = Jobs.txt2img(store, TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.1, 0.1, 0.1),
                    List.of(), 2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalRender.runAllOn(
                    StreamExecutionEnvironment.getExecutionEnvironment(), List.of(one, one),
                    Jobs.options(temp.resolve("store"), temp.resolve("cache"), 2, false), DiffusionGenerator.factory(),
                    event -> { }));
            assertTrue(e.getMessage().contains("requested twice"), e.getMessage());
        }
    }
}
