package org.netbend.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.netbend.live.FrameSink;
import org.netbend.live.JpegEncoder;
import org.netbend.live.LiveFrame;

/**
 * The live loop's frames to every page: the loop hands a frame to a {@link JpegEncoder} and goes on; on the
 * encoder's thread each JPEG is sent to the pages. Only the newest frame waits to be encoded.
 *
 * <p>A frame on the wire is one binary message: a 4-byte big-endian header length, the header as UTF-8 JSON
 * ({@code n, start, due, latency, fps, encodeMs, bends, params}) and the JPEG.
 */
public final class LiveStream implements FrameSink, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double FPS_WINDOW_SECONDS = 2;

    private final double fps;
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Long> sentAt = new ArrayDeque<>();
    private final JpegEncoder encoder;

    public LiveStream(double fps) {
        this.fps = fps;
        this.encoder = new JpegEncoder("netbend-live-jpeg", this::send);
    }

    @Override
    public void accept(LiveFrame frame) { encoder.accept(frame); }

    void add(LiveClient client) { clients.add(client); }

    void remove(LiveClient client) { clients.remove(client); }

    int clients() { return clients.size(); }

    public long framesEncoded() { return encoder.framesEncoded(); }

    public long framesDropped() { return encoder.framesDropped(); }

    /** A text message to every page. */
    void broadcast(String message) {
        for (LiveClient client : clients) {
            client.text(message);
        }
    }

    private void send(LiveFrame frame, byte[] jpeg, double encodeMillis) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("n", frame.index());
        header.put("start", frame.index() / fps);
        header.put("due", frame.dueSeconds());
        header.put("latency", frame.latencySeconds());
        header.put("fps", achievedFps(System.nanoTime()));
        header.put("encodeMs", encodeMillis);
        header.put("bends", frame.bendIds());
        header.put("params", frame.params());
        byte[] head = text(header).getBytes(StandardCharsets.UTF_8);
        ByteBuffer message = ByteBuffer.allocate(4 + head.length + jpeg.length);
        message.putInt(head.length).put(head).put(jpeg).flip();
        for (LiveClient client : clients) {
            client.frame(message);
        }
    }

    /** Frames made per second over the last two seconds (wall clock). */
    private double achievedFps(long now) {
        sentAt.addLast(now);
        while (sentAt.size() > 2 && now - sentAt.peekFirst() > FPS_WINDOW_SECONDS * 1e9) {
            sentAt.pollFirst();
        }
        if (sentAt.size() < 2) {
            return 0;
        }
        return (sentAt.size() - 1) / ((now - sentAt.peekFirst()) / 1e9);
    }

    static String text(Map<String, ?> message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        encoder.close();
    }
}
