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

/**
 * The wire spells fields in camelCase; a kebab-case request (job-id, audio-name) is still taken for one release,
 * as the same job, and the service's ACCEPTED line says which spelling is deprecated.
 */
class DecodeSpellingTest {
    private static final String AUDIO = "audio/" + "ab".repeat(32) + ".wav";

    @TempDir Path temp;

    @Test
    void aKebabCaseRequestIsTheSameJobAndItsAcceptedLineSaysItIsDeprecated() throws Exception {
        DecodeFunction decode = new DecodeFunction(new RunOptions(temp.resolve("store").toString(), 1, false, "cpu", 1,
                1, temp.resolve("models").toString()), "toy", Set.of("toy"));
        AcceptedJob camel = decode(decode, "{\"schema\": 1, \"jobId\": \"j\", \"audio\": \"" + AUDIO
                + "\", \"audioName\": \"a.wav\", \"prompt\": \"p\", \"walkFrames\": 7}");
        AcceptedJob kebab = decode(decode, "{\"schema\": 1, \"job-id\": \"j\", \"audio\": \"" + AUDIO
                + "\", \"audio-name\": \"a.wav\", \"prompt\": \"p\", \"walk-frames\": 7}");
        assertEquals(camel.requestJson(), kebab.requestJson(), "request.json does not depend on the spelling");
        assertEquals("", camel.notice());
        String line = JobLog.acceptedLine(kebab.jobId(), "a.wav", 1, kebab.notice());
        assertTrue(line.startsWith("netbend: job j accepted: a.wav (deprecated spelling job-id, audio-name, "
                + "walk-frames: the wire spells fields in camelCase (jobId, audioName, walkFrames)"), line);
        assertEquals("netbend: job j accepted: a.wav", JobLog.acceptedLine(camel.jobId(), "a.wav", 1, camel.notice()));
    }

    private static AcceptedJob decode(DecodeFunction decode, String json) throws Exception {
        List<Decoded> accepted = new ArrayList<>();
        decode.processElement(new RawRequest("j", json.getBytes(StandardCharsets.UTF_8)), decode.new Context() {
            @Override public Long timestamp() { return null; }

            @Override public TimerService timerService() { throw new UnsupportedOperationException(); }

            @Override public <X> void output(OutputTag<X> tag, X value) {
                throw new AssertionError("rejected: " + value);
            }
        }, new Collector<>() {
            @Override public void collect(Decoded record) { accepted.add(record); }

            @Override public void close() { }
        });
        assertEquals(1, accepted.size());
        return accepted.get(0).job();
    }
}
