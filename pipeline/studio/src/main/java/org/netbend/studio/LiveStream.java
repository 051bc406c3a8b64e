package org.netbend.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.netbend.live.FrameSink;
import org.netbend.live.JpegFrames;
import org.netbend.live.LiveFrame;

/**
 * The live loop's frames to every page: the loop hands a frame over and goes on; this stream's own thread encodes
 * it as JPEG (overlapping the next frame's render) and sends it. Only the newest frame waits: one not yet encoded
 * when the next arrives is dropped, as a late frame is in the loop.
 *
 * <p>A frame on the wire is one binary message: a 4-byte big-endian header length, the header as UTF-8 JSON
 * ({@code n, start, due, latency, fps, encodeMs, bends, params}) and the JPEG.
 */
public final class LiveStream implements FrameSink, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double FPS_WINDOW_SECONDS = 2;

    private final double fps;
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicReference<LiveFrame> next = new AtomicReference<>();
    private final ArrayDeque<Long> sentAt = new ArrayDeque<>();
    private final Thread encoder;
    private volatile boolean closed;
    private volatile long encoded;
    private volatile long dropped;

    public LiveStream(double fps) {
        this.fps = fps;
        this.encoder = new Thread(this::encodeLoop, "netbend-live-jpeg");
        encoder.setDaemon(true);
        encoder.start();
    }

    @Override
    public void accept(LiveFrame frame) {
        if (next.getAndSet(frame) != null) {
            dropped++;
        }
        LockSupport.unpark(encoder);
    }

    void add(LiveClient client) { clients.add(client); }

    void remove(LiveClient client) { clients.remove(client); }

    int clients() { return clients.size(); }

    public long framesEncoded() { return encoded; }

    public long framesDropped() { return dropped; }

    /** A text message to every page. */
    void broadcast(String message) {
        for (LiveClient client : clients) {
            client.text(message);
        }
    }

    private void encodeLoop() {
        while (!closed) {
            LiveFrame frame = next.getAndSet(null);
            if (frame == null) {
                LockSupport.parkNanos(50_000_000L);
                continue;
            }
            try {
                send(frame);
            } catch (RuntimeException e) {
                broadcast(LiveSocket.error("a frame could not be sent: " + StudioServer.oneLine(e.getMessage())));
            }
        }
    }

    private void send(LiveFrame frame) throws RuntimeException {
        long t0 = System.nanoTime();
        byte[] jpeg = JpegFrames.encode(frame.image());
        long t1 = System.nanoTime();
        encoded++;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("n", frame.index());
        header.put("start", frame.index() / fps);
        header.put("due", frame.dueSeconds());
        header.put("latency", frame.latencySeconds());
        header.put("fps", achievedFps(t1));
        header.put("encodeMs", (t1 - t0) / 1e6);
        header.put("bends", frame.bendIds());
        header.put("params", frame.params());
        byte[] head;
        try {
            head = JSON.writeValueAsBytes(header);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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
        closed = true;
        LockSupport.unpark(encoder);
        encoder.join(5000);
    }
}
