package org.netbend.live;

import java.util.ArrayDeque;

/**
 * Audio pushed from outside (a page's microphone, as PCM over the live WebSocket), and the clock it sets: the
 * session's time is the audio received so far, so frame n is rendered once its audio has arrived, however the
 * network bunches the chunks. Everything received has been heard. With nothing arriving the clock stands still
 * (a client that went away), and the loop waits until a client streams again or {@link #stop} is called.
 */
public final class PushedAudio implements LiveInput, LiveClock {
    /** More unread audio than this (the loop stopped reading) is dropped rather than kept. */
    private static final double MAX_BACKLOG_SECONDS = 30;

    private final int rate;
    private final String name;
    private final ArrayDeque<float[]> chunks = new ArrayDeque<>();
    private int firstOffset;
    private long received;
    private long unread;
    private boolean stopped;

    public PushedAudio(int sampleRate, String name) {
        this.rate = sampleRate;
        this.name = name;
    }

    /** Appends samples in -1..1 (copied); values outside are clipped, NaN is silence. */
    public synchronized void push(float[] samples, int count) {
        float[] copy = new float[count];
        for (int i = 0; i < count; i++) {
            float v = samples[i];
            copy[i] = Float.isNaN(v) ? 0f : Math.max(-1f, Math.min(1f, v));
        }
        if (unread + count > MAX_BACKLOG_SECONDS * rate) {
            return;
        }
        chunks.add(copy);
        received += count;
        unread += count;
        notifyAll();
    }

    /** Samples received so far. */
    public synchronized long received() { return received; }

    @Override
    public int sampleRate() { return rate; }

    @Override
    public synchronized int read(float[] buffer, double now) {
        int written = 0;
        while (written < buffer.length && !chunks.isEmpty()) {
            float[] first = chunks.peek();
            int n = Math.min(buffer.length - written, first.length - firstOffset);
            System.arraycopy(first, firstOffset, buffer, written, n);
            written += n;
            firstOffset += n;
            if (firstOffset == first.length) {
                chunks.poll();
                firstOffset = 0;
            }
        }
        unread -= written;
        return stopped && written == 0 ? -1 : written;
    }

    @Override
    public String describe() { return name; }

    @Override
    public void start() { } // time 0 is the first sample received

    @Override
    public synchronized double now() { return received / (double) rate; }

    @Override
    public synchronized void sleepUntil(double seconds) throws InterruptedException {
        long wanted = (long) Math.ceil(seconds * rate - 1e-6);
        while (received < wanted && !stopped) {
            wait(250);
        }
    }

    @Override
    public void rendered(double measuredSeconds) { } // the audio's own time has moved on while rendering

    /** Wakes the loop and ends the input: what was received is still read, then -1. */
    @Override
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    @Override
    public void close() { stop(); }
}
