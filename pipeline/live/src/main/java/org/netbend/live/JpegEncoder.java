package org.netbend.live;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * JPEG off the loop's thread: the loop hands a frame over and renders the next while this encoder's own thread
 * encodes it (on two cores the encode of frame n overlaps the U-Net of frame n+1). Only the newest frame waits:
 * one not yet encoded when the next arrives is dropped (counted), as a late frame is skipped in the loop.
 */
public final class JpegEncoder implements FrameSink, AutoCloseable {
    /** Where encoded frames go, on the encoder's thread. */
    public interface Encoded {
        void accept(LiveFrame frame, byte[] jpeg, double encodeMillis);
    }

    private final Encoded out;
    private final AtomicReference<LiveFrame> next = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long encoded;
    private volatile long dropped;
    private volatile double encodeMillisTotal;
    private volatile String failure;

    public JpegEncoder(String name, Encoded out) {
        this.out = out;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void accept(LiveFrame frame) {
        if (next.getAndSet(frame) != null) {
            dropped++;
        }
        LockSupport.unpark(thread);
    }

    public long framesEncoded() { return encoded; }

    public long framesDropped() { return dropped; }

    public double meanEncodeMillis() { return encoded == 0 ? 0 : encodeMillisTotal / encoded; }

    /** The last encode or delivery failure's message, or null. */
    public String failure() { return failure; }

    private void run() {
        while (!closed) {
            LiveFrame frame = next.getAndSet(null);
            if (frame == null) {
                LockSupport.parkNanos(50_000_000L);
                continue;
            }
            try {
                long t0 = System.nanoTime();
                byte[] jpeg = JpegFrames.encode(frame.image());
                double millis = (System.nanoTime() - t0) / 1e6;
                encodeMillisTotal += millis;
                encoded++;
                out.accept(frame, jpeg, millis);
            } catch (RuntimeException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
    }

    /** Stops after the frame being encoded; frames still waiting are not encoded. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        LockSupport.unpark(thread);
        thread.join(5000);
    }
}
