package org.netbend.studio;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;

/**
 * The live page's server ({@code netbend live} without {@code --headless}): the page ({@code /live.html}, built
 * with the studio's page from web/) and the WebSocket {@code /api/live} (frames down, controls and the page's audio
 * up, {@link LiveSocket}), plus {@code /api/live/audio} (the file a page plays). The studio's security: loopback
 * unless a token is given, the token checked as the studio checks it, the same CSP and headers, and a WebSocket
 * upgrade whose {@code Origin} is not this server's own is refused (a page elsewhere cannot drive the session).
 */
public final class LiveServer implements AutoCloseable {
    private final Javalin app;
    private final LiveStream stream;
    private final LiveSocket socket;

    private LiveServer(String host, int port, BearerToken token, LiveSession session, LiveStream stream) {
        this.stream = stream;
        this.socket = new LiveSocket(session, stream);
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/studio";
                files.location = Location.CLASSPATH;
                files.skipFileFunction = request -> request.getRequestURI().equals("/");
            });
            config.routes.before(ctx -> StudioServer.guard(ctx, token));
            config.routes.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
            config.routes.exception(Exception.class, (e, ctx) ->
                    ctx.status(500).json(Map.of("error", StudioServer.oneLine(e.getMessage()))));
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(Map.of("error", "no such page or API call: " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.get("/", ctx -> ctx.redirect("/live.html"));
            config.routes.get("/api/live/audio", ctx -> audio(ctx, session));
            config.routes.wsBeforeUpgrade("/api/live", ctx -> {
                StudioServer.guard(ctx, token);
                checkOrigin(ctx);
            });
            config.routes.ws("/api/live", socket::configure);
        });
    }

    /**
     * Starts the server; the loop runs on its own (the caller's) thread and hands its frames to {@code stream}.
     *
     * @throws IllegalArgumentException for a non-loopback address without a token
     */
    public static LiveServer start(String host, int port, BearerToken token, LiveSession session, LiveStream stream)
            throws IOException {
        if (token == null && !StudioOptions.isLoopback(host)) {
            throw new IllegalArgumentException("listening on " + host + " (not loopback) needs a token: give "
                    + "--token-file FILE or --new-token");
        }
        LiveServer server = new LiveServer(host, port, token, session, stream);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.app.stop();
            throw new IOException("could not listen on " + host + ":" + port + ": " + StudioServer.oneLine(
                    e.getMessage()), e);
        }
        return server;
    }

    public int port() { return app.port(); }

    /** Pages connected now. */
    public int clients() { return socket.clients(); }

    /** Browsers send Origin on every WebSocket; it must be this server (scheme, host and port as the page saw them). */
    static void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return; // not a browser: the token (off loopback) is what guards it
        }
        String host = ctx.header("Host");
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            if (host != null && host.toLowerCase(Locale.ROOT).equals(originHost.toLowerCase(Locale.ROOT))) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // fall through: refused
        }
        throw new ApiException(403, "a WebSocket from another origin (" + StudioServer.oneLine(origin) + ") is refused");
    }

    private static void audio(Context ctx, LiveSession session) throws IOException {
        if (session.audio() == null) {
            throw new ApiException(404, "this session plays no file in the page (mode " + session.mode() + ")");
        }
        String name = session.audio().getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".mp3") ? "audio/mpeg" : name.endsWith(".ogg") ? "audio/ogg"
                : name.endsWith(".flac") ? "audio/flac" : name.endsWith(".m4a") ? "audio/mp4" : "audio/wav";
        // Range requests, so that the player can seek.
        ctx.writeSeekableStream(Files.newInputStream(session.audio()), type, Files.size(session.audio()));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            app.stop();
        } finally {
            stream.close();
        }
    }
}
