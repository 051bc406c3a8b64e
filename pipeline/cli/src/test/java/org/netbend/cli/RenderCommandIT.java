package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.assemble.VideoInfo;
import org.netbend.assemble.VideoProbe;
import org.netbend.farm.TestAudio;

/** The README's render command, as a user runs it (small image to keep it quick). */
class RenderCommandIT {
    @TempDir Path temp;

    @Test
    void rendersAnMp4WithOneFramePerTwentiethOfASecondAndTheAudio() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("drums.wav"), 0.5, 0.5, 0.53);
        Path out = temp.resolve("drums.mp4");
        String[] args = {"render", audio.toString(), "-p", "3D mesh geometry", "--bend", "rotate-r1@40=rms[0..2pi]",
            "-o", out.toString(), "--size", "64x64", "--store", temp.resolve("store").toString(),
            "--cache", temp.resolve("cache").toString(), "--segment-length", "10"};
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("toy model"), "the toy-model notice is shown: " + run.err());
        VideoInfo info = VideoProbe.probe(out);
        assertEquals((int) Math.ceil(1.53 * 20), info.frameCount());
        assertEquals("h264", info.videoCodec());
        assertEquals("yuv420p", info.pixelFormat());
        assertTrue(info.hasAudio());
        assertEquals("aac", info.audioCodec());
        assertTrue(run.out().contains("wrote"), run.out());

        // The same request again finishes from the store.
        Files.delete(out);
        CliRun again = CliRun.of(args);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("all frames came from the store"), again.out());
        assertTrue(again.err().contains("is finished in local store") && !again.err().contains("rendering"),
                "a finished request is answered from the store, with no Flink job: " + again.err());
        assertEquals(info.frameCount(), VideoProbe.probe(out).frameCount());
    }
}
