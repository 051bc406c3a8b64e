package org.netbend.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.netbend.live.FileInput;
import org.netbend.live.LiveClock;
import org.netbend.live.LiveInput;
import org.netbend.live.LiveInputException;
import org.netbend.live.LiveLoop;
import org.netbend.live.LiveReport;
import org.netbend.live.LiveSettings;
import org.netbend.live.MidiKnobs;
import org.netbend.live.PlaybackClock;
import org.netbend.live.PushedAudio;
import org.netbend.render.DownloadListener;
import org.netbend.render.ModelResolver;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.toy.ToyModelSpec;

/**
 * A live session as {@code netbend live} (no AUDIO) runs it: the toy model, the page's microphone as input and
 * clock, the loop on its own thread and the live server on a free loopback port. Closing stops the loop and the
 * server and joins the loop's thread.
 */
final class LiveHarness implements AutoCloseable {
    static final int RATE = 44100;
    static final LiveSettings SETTINGS = LiveSettings.defaults().withSize(64, 64).withFps(10);

    final PushedAudio microphone;
    final PlaybackClock playback;
    final LiveLoop loop;
    final LiveStream stream = new LiveStream(SETTINGS.fps());
    final LiveServer server;
    private final Thread thread;
    private volatile LiveReport report;
    private volatile Throwable failure;

    LiveHarness(Path cache, List<String> bends, BearerToken token) throws IOException {
        this(cache, bends, token, null);
    }

    /** With {@code played} the page plays that file and reports its clock; without, it streams its microphone. */
    LiveHarness(Path cache, List<String> bends, BearerToken token, Path played) throws IOException {
        Path toy = new ModelResolver(cache, DownloadListener.SILENT).toy(ToyModelSpec.DEFAULT);
        StableDiffusion model = StableDiffusion.open(toy, RuntimeOptions.cpu().withThreads(1));
        microphone = played == null ? new PushedAudio(RATE, "the page's microphone") : null;
        playback = played == null ? null : new PlaybackClock();
        try {
            LiveInput input = played == null ? microphone : FileInput.open(played, RATE);
            LiveClock clock = played == null ? microphone : playback;
            loop = new LiveLoop(model, SETTINGS, clock, input, new MidiKnobs(), stream, null, "3D mesh geometry",
                    bends);
        } catch (LiveInputException e) {
            throw new IOException(e.getMessage(), e);
        }
        server = LiveServer.start("127.0.0.1", 0, token, new LiveSession(loop, "3D mesh geometry", microphone,
                playback, played), stream);
        thread = new Thread(() -> {
            try {
                report = loop.run();
            } catch (Throwable t) {
                failure = t;
            }
        }, "live-harness-loop");
        thread.start();
    }

    String http() { return "http://127.0.0.1:" + server.port(); }

    String ws() { return "ws://127.0.0.1:" + server.port() + "/api/live"; }

    /** The loop's report once closed (null while it runs). */
    LiveReport report() { return report; }

    boolean loopAlive() { return thread.isAlive(); }

    @Override
    public void close() throws Exception {
        loop.stop();
        thread.join(30_000);
        server.close();
        loop.close();
        if (failure != null) {
            throw new AssertionError("the live loop failed: " + failure, failure);
        }
        if (thread.isAlive()) {
            throw new AssertionError("the live loop did not stop within 30 s of stop()");
        }
    }
}
