package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.RunOptions;
import org.netbend.job.JobResult;

/**
 * The decode step refuses site bends that do not fit the service's model (here the toy, generated into the
 * model cache the slots use) with a REJECTED answer naming the bend, and lets fitting ones through.
 */
class DecodeSiteBendsTest {
    private static final String AUDIO = "audio/" + "ab".repeat(32) + ".wav";

    @TempDir Path temp;

    @Test
    void siteBendsAreCheckedAgainstTheModelBeforeRendering() throws Exception {
        DecodeFunction decode = new DecodeFunction(new RunOptions(temp.resolve("store").toString(), 1, false, "cpu", 1,
                1, temp.resolve("models").toString()), "toy", Set.of("toy"));
        Outcome fits = decode(decode, "threshold@every/mid:channels(1..2)=0.5", "rotate-r1@0-5/up.2=1",
                "add@0/down.1:fraction(0.5)=1", "multiply@0=2");
        assertEquals(1, fits.accepted().size(), String.valueOf(fits.rejected()));

        String unknown = decode(decode, "multiply@every/down.7=2").reason();
        assertTrue(unknown.contains("unknown site 'down.7'") && unknown.contains("up.1.attn.0"), unknown);
        String outside = decode(decode, "add@0=1", "erode@0/mid:channels(2..9)").reason();
        assertTrue(outside.contains("bend 1 'erode(4)@0/mid:channels(2..9)': site 'mid' has 4 channels (0..3), so the"
                + " target channels 2..9 lie outside it"), outside);
        String groups = decode(decode, "hadamard@0/up.2:channels(0..2)").reason();
        assertTrue(groups.contains("site 'up.2' has 4 channels; a channel matrix mixes four equal groups of the target"
                + " channels, and 3 is not a multiple of 4"), groups);
    }

    private record Outcome(List<Decoded> accepted, List<JobResult> rejected) {
        String reason() {
            assertEquals(0, accepted.size(), "accepted a request that should be rejected");
            assertEquals(1, rejected.size());
            return rejected.get(0).reason();
        }
    }

    private static Outcome decode(DecodeFunction decode, String... bends) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String bend : bends) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(bend).append('"');
        }
        String json = "{\"schema\": 1, \"audio\": \"" + AUDIO + "\", \"prompt\": \"a forest\", \"bends\": [" + list
                + "]}";
        List<Decoded> accepted = new ArrayList<>();
        List<JobResult> rejected = new ArrayList<>();
        decode.processElement(new RawRequest(null, json.getBytes(StandardCharsets.UTF_8)), decode.new Context() {
            @Override public Long timestamp() { return null; }

            @Override public TimerService timerService() { throw new UnsupportedOperationException(); }

            @Override public <X> void output(OutputTag<X> tag, X value) {
                assertEquals(DecodeFunction.REJECTED, tag);
                rejected.add((JobResult) value);
            }
        }, new Collector<>() {
            @Override public void collect(Decoded record) { accepted.add(record); }

            @Override public void close() { }
        });
        return new Outcome(accepted, rejected);
    }
}
