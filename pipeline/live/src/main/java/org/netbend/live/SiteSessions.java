package org.netbend.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.netbend.bend.SiteBends;
import org.netbend.core.SiteEdit;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.site.SiteModels;

/**
 * Site bends live: the U-Net session with a set of site edits built in (render's {@link SiteModels}: a rewritten
 * graph and a new ONNX Runtime session, seconds to build) is built on a thread of its own while the loop renders
 * on with the session it has, then adopted by the loop at a frame, which closes the session of the previous set.
 * One set of site edits at a time; frames without site bends run the plain U-Net, so removing the last site bend
 * keeps the session (nothing to build if the same set comes back). Only the loop's thread calls it, except
 * {@link #current}.
 */
final class SiteSessions implements AutoCloseable {
    private final SiteModels models;
    private ExecutorService builder;
    private volatile List<SiteEdit> current = List.of();
    private List<SiteEdit> building;
    private volatile Future<OnnxModel> build;
    private boolean closed;

    SiteSessions(SiteModels models) { this.models = models; }

    /** The site edits of these bends, in bend order, as render's frame bender asks for them. */
    static List<SiteEdit> editsOf(List<LiveBend> bends, long seed) {
        List<SiteEdit> edits = new ArrayList<>();
        for (LiveBend bend : bends) {
            if (bend.spec().atSite()) {
                edits.add(SiteBends.edit(bend.spec(), seed));
            }
        }
        return List.copyOf(edits);
    }

    /** The edits the model has a session for now (any thread). */
    List<SiteEdit> current() { return current; }

    /** True when frames with these edits render without a build: none, or the current set. */
    boolean ready(List<SiteEdit> edits) { return edits.isEmpty() || edits.equals(current); }

    /**
     * Builds the session for the session's first bends on the caller's thread, before the clock starts.
     *
     * @throws IllegalArgumentException when a target does not fit its site's channels
     */
    void buildNow(List<SiteEdit> edits) {
        if (!ready(edits)) {
            models.forEdits(edits);
            current = edits;
        }
    }

    /** True while some session is being built. */
    boolean running() {
        Future<OnnxModel> now = build;
        return now != null && !now.isDone();
    }

    /** True while the session for these edits is being built. */
    boolean building(List<SiteEdit> edits) { return edits.equals(building) && !build.isDone(); }

    /** True when the session for these edits has been built (or failed to be) and waits for {@link #adopt}. */
    boolean built(List<SiteEdit> edits) { return edits.equals(building) && build.isDone(); }

    /** Starts building the session for these edits off the loop's thread (a build of another set is dropped). */
    void prepare(List<SiteEdit> edits) {
        discard();
        List<SiteEdit> wanted = List.copyOf(edits);
        if (builder == null) {
            builder = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "netbend-live-site-build");
                thread.setDaemon(true);
                return thread;
            });
        }
        building = wanted;
        build = builder.submit(() -> {
            OnnxModel session = models.build(wanted);
            synchronized (this) {
                if (closed) { // the loop closed meanwhile: nobody adopts it
                    session.close();
                    return null;
                }
            }
            return session;
        });
    }

    /**
     * At a frame boundary, once {@link #built}: the built session becomes the model's for its edits and the
     * previous set's session is closed.
     *
     * @return null when adopted, else why the build failed (the old session stays)
     */
    String adopt() {
        List<SiteEdit> edits = building;
        Future<OnnxModel> done = build;
        building = null;
        build = null;
        try {
            models.adopt(edits, done.get());
            current = edits;
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            return "site bends at " + edits.stream().map(SiteEdit::site).toList() + " refused: " + message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while adopting the site session";
        }
    }

    /** Drops a build in flight: its session is closed when it is done, never adopted. */
    private void discard() {
        Future<OnnxModel> dropped = build;
        building = null;
        build = null;
        if (dropped == null) {
            return;
        }
        if (dropped.isDone()) {
            closeBuilt(dropped);
        } else {
            builder.submit(() -> closeBuilt(dropped)); // after it, on the same single thread
        }
    }

    private static void closeBuilt(Future<OnnxModel> done) {
        try {
            OnnxModel session = done.get();
            if (session != null) {
                session.close();
            }
        } catch (ExecutionException | InterruptedException ignored) {
            // nothing was built, or the thread is going away: nothing to close
        }
    }

    /**
     * Stops building: a build in flight is waited for (it cannot be interrupted inside ONNX Runtime) and its
     * session closed. The adopted session closes with the model.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (build != null) {
            closeBuilt(build);
        }
        build = null;
        building = null;
        if (builder != null) {
            builder.shutdown();
        }
    }
}
