package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.RgbImage;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;

/**
 * One img2img chain rendered on one slot and on three: the frames are bit-identical, the segments are spread
 * evenly over the slots, and the segment boundaries do not show as cuts.
 */
class Img2imgChainIT {
    private static final int FRAMES = 40;
    private static final int SEGMENT_LENGTH = 6; // 7 segments: on 3 slots, at most 3 per slot

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    @TempDir static Path temp;
    private static LocalStore oneSlot;
    private static LocalStore threeSlots;
    private static JobRequest request;
    private static final List<JobEvent> threeSlotEvents = new ArrayList<>();

    @BeforeAll
    static void renderOnOneAndThreeSlots() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("chain.wav"), 1.5, 1.0, 1.5);
        oneSlot = new LocalStore(temp.resolve("p1"));
        threeSlots = new LocalStore(temp.resolve("p3"));
        request = Jobs.img2img(oneSlot, audio, List.of("rotate-r1@2=rms[0..1]"), SEGMENT_LENGTH, 4);
        Jobs.img2img(threeSlots, audio, request.bends(), SEGMENT_LENGTH, 4);
        LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request,
                Jobs.options(temp.resolve("p1"), temp.resolve("cache"), 1, false), e -> { });
        LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request,
                Jobs.options(temp.resolve("p3"), temp.resolve("cache"), 3, false), threeSlotEvents::add);
    }

    @AfterAll
    static void close() {
        oneSlot.close();
        threeSlots.close();
    }

    @Test
    void oneSlotAndThreeSlotsGiveBitIdenticalFrames() throws Exception {
        StoredFrames.assertComplete(oneSlot, threeSlots, request.jobId(), FRAMES, temp);
        JobKeys keys = new JobKeys(request.jobId());
        for (int s = 0; s < 7; s++) {
            assertTrue(threeSlots.exists(ChunkSettings.key(request, s)), "chunk " + s);
        }
    }

    @Test
    void segmentsAreSpreadEvenlyOverTheSlots() {
        Map<Integer, Integer> perSlot = new HashMap<>();
        for (JobEvent e : threeSlotEvents) {
            if (e.kind() == JobEvent.Kind.SEGMENT) {
                perSlot.merge(e.slot(), 1, Integer::sum);
            }
        }
        assertEquals(7, perSlot.values().stream().mapToInt(Integer::intValue).sum(), perSlot.toString());
        assertEquals(3, perSlot.size(), "every slot gets work: " + perSlot);
        int ceil = (7 + 3 - 1) / 3;
        perSlot.forEach((slot, count) -> assertTrue(count <= ceil, "slot " + slot + " got " + count + " > " + ceil));
    }

    @Test
    void segmentBoundariesAreNoLargerAChangeThanTheChainMakesWithinSegments() throws Exception {
        List<RgbImage> frames = StoredFrames.read(oneSlot, request.jobId(), FRAMES);
        List<Double> within = new ArrayList<>();
        List<Double> boundaries = new ArrayList<>();
        for (int f = 1; f < FRAMES; f++) {
            double change = meanAbsoluteChange(frames.get(f - 1), frames.get(f));
            (f % SEGMENT_LENGTH == 0 ? boundaries : within).add(change);
        }
        double p95 = percentile(within, 0.95);
        String report = String.format(Locale.ROOT, "boundaries %s, within-segment 95th percentile %.3f (median %.3f)",
                boundaries.stream().map(d -> String.format(Locale.ROOT, "%.3f", d)).toList(), p95,
                percentile(within, 0.5));
        System.out.println("img2img chain: " + report);
        assertEquals(6, boundaries.size());
        for (double b : boundaries) {
            assertTrue(b <= p95, "a boundary shows as a cut: " + report);
        }
    }

    /** Mean over all pixels and channels of |a - b|, in 0..255 levels. */
    static double meanAbsoluteChange(RgbImage a, RgbImage b) {
        byte[] x = a.pixels();
        byte[] y = b.pixels();
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return (double) sum / x.length;
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
