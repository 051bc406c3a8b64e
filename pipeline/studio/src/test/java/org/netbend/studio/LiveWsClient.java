package org.netbend.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A page without a browser: the live WebSocket through java.net.http, its messages and frames in queues. */
final class LiveWsClient implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);

    /** A frame as the page gets it: the header and the JPEG. */
    record Frame(JsonNode header, byte[] jpeg, long seq) {
        int n() { return header.path("n").asInt(); }

        int[] bends() {
            int[] ids = new int[header.path("bends").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = header.path("bends").get(i).asInt();
            }
            return ids;
        }

        double param(int bend) { return header.path("params").get(bend).get(0).asDouble(); }
    }

    final BlockingQueue<JsonNode> texts = new LinkedBlockingQueue<>();
    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final WebSocket socket;
    private final StringBuilder text = new StringBuilder();
    /** Every message's place in arrival order: text messages get it as "seq". */
    private final java.util.concurrent.atomic.AtomicLong arrivals = new java.util.concurrent.atomic.AtomicLong();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    LiveWsClient(String uri, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        socket = builder.buildAsync(URI.create(uri), this).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            try {
                texts.add(((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(text.toString()))
                        .put("seq", arrivals.incrementAndGet()));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                texts.add(JSON.createObjectNode().put("type", "unparsable").put("text", text.toString()));
            }
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            ByteBuffer message = ByteBuffer.wrap(binary.toByteArray());
            binary.reset();
            int length = message.getInt();
            byte[] head = new byte[length];
            message.get(head);
            byte[] jpeg = new byte[message.remaining()];
            message.get(jpeg);
            try {
                frames.add(new Frame(JSON.readTree(new String(head, StandardCharsets.UTF_8)), jpeg,
                        arrivals.incrementAndGet()));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                texts.add(JSON.createObjectNode().put("type", "unparsable frame header"));
            }
        }
        ws.request(1);
        return null;
    }

    /** One send at a time (the JDK's WebSocket refuses a send while another is pending): the PCM thread too. */
    synchronized void send(Map<String, ?> message) throws Exception {
        sendText(JSON.writeValueAsString(message));
    }


    synchronized void sendText(String text) throws Exception {
        socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    synchronized void pcm(float[] samples) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(samples);
        // A fresh big-endian buffer over the same bytes: the JDK's client masks a little-endian one wrongly.
        socket.sendBinary(ByteBuffer.wrap(bytes.array()), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next text message of this type (others are skipped), waiting at most {@link #WAIT}. */
    JsonNode next(String type) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode m = texts.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for a '" + type + "' message");
            }
            if (m.path("type").asText().equals(type)) {
                return m;
            }
        }
    }

    /** The next frame that satisfies the test, counting the frames skipped over into {@code skipped[0]}. */
    Frame frame(String what, Predicate<Frame> test, int[] skipped) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Frame f = frames.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (f == null) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what);
            }
            if (test.test(f)) {
                return f;
            }
            if (skipped != null) {
                skipped[0]++;
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
    }
}
