package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.netbend.assemble.VideoInfo;
import org.netbend.assemble.VideoProbe;
import org.netbend.core.PngCodec;
import org.netbend.core.RgbImage;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/** Checks on what a job left in its store. */
public final class StoredFrames {
    private StoredFrames() { }

    /**
     * Exactly frames 0..total-1 are stored (none missing, none extra), each byte-identical to the reference
     * run's, and the video has exactly that many frames and an audio stream.
     */
    public static void assertComplete(ObjectStore reference, ObjectStore actual, String jobId, int total, Path scratch)
            throws Exception {
        JobKeys keys = new JobKeys(jobId);
        List<String> expectedKeys = IntStream.range(0, total).mapToObj(keys::frame).toList();
        assertEquals(expectedKeys, actual.list(keys.framesPrefix()), "every frame stored exactly once");
        for (String key : expectedKeys) {
            assertArrayEquals(reference.get(key).orElseThrow(), actual.get(key).orElseThrow(),
                    key + " must be bit-identical to the unfaulted run");
        }
        Path video = scratch.resolve("check-" + jobId + "-" + System.nanoTime() + ".mp4");
        actual.getFile(keys.video(), video);
        VideoInfo info = VideoProbe.probe(video);
        assertEquals(total, info.frameCount(), "frames in video.mp4");
        assertTrue(info.hasAudio(), "video.mp4 carries the audio");
        assertTrue(actual.exists(keys.status()), "status.json is stored");
    }

    static List<RgbImage> read(ObjectStore store, String jobId, int total) throws Exception {
        JobKeys keys = new JobKeys(jobId);
        List<RgbImage> frames = new ArrayList<>(total);
        for (int f = 0; f < total; f++) {
            frames.add(PngCodec.decode(store.get(keys.frame(f)).orElseThrow()));
        }
        return frames;
    }
}
