package org.netbend.studio;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One page on the live WebSocket: its messages go out one at a time (Jetty sends asynchronously), control answers
 * always, frames only when the previous frame has gone: a slow page gets fewer frames, never a queue of old ones.
 */
final class LiveClient {
    private final Session session;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean frameOut;
    private int framesSkipped;

    LiveClient(Session session) {
        this.session = session;
    }

    String id() { return Integer.toHexString(System.identityHashCode(session)); }

    synchronized void text(String message) {
        queue.add(message);
        pump();
    }

    /** Queues a frame unless the last one is still on its way; false when skipped. */
    synchronized boolean frame(ByteBuffer message) {
        if (frameOut) {
            framesSkipped++;
            return false;
        }
        frameOut = true;
        queue.add(message);
        pump();
        return true;
    }

    synchronized int framesSkipped() { return framesSkipped; }

    private void pump() {
        if (sending || queue.isEmpty()) {
            return;
        }
        if (!session.isOpen()) {
            queue.clear();
            return;
        }
        Object message = queue.poll();
        sending = true;
        Callback done = Callback.from(() -> sent(message), failure -> sent(message));
        if (message instanceof String text) {
            session.sendText(text, done);
        } else {
            session.sendBinary(((ByteBuffer) message).duplicate(), done);
        }
    }

    private synchronized void sent(Object message) {
        sending = false;
        if (message instanceof ByteBuffer) {
            frameOut = false;
        }
        pump();
    }
}
