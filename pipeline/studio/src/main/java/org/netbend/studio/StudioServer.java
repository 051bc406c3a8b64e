package org.netbend.studio;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.netbend.job.StoreScope;
import org.netbend.job.SubmissionDecoder;
import org.netbend.service.client.JobClient;
import org.netbend.store.ObjectStore;
import org.netbend.store.StoreException;
import org.netbend.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's HTTP server: the page (built by Vite, served from the jar under /studio) and the JSON API under
 * /api, a client of the service like {@code submit}. Every response carries a strict Content-Security-Policy and
 * nosniff; there are no CORS headers; errors are {@code {error, ...}}, never a stack trace.
 */
public final class StudioServer implements AutoCloseable {
    /** One route of the API, as registered (the OpenAPI file must describe exactly these). */
    public record Route(String method, String path) { }

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
            + "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    static final String TOKEN_COOKIE = "netbend_token";
    private static final Logger LOG = LoggerFactory.getLogger(StudioServer.class);

    private final Javalin app;
    private final ObjectStore store;
    private final JobClient client;
    private final JobEvents events;
    private final JobRoutes jobs;
    private final List<Route> routes = new ArrayList<>();

    private StudioServer(StudioOptions options) throws IOException {
        Files.createDirectories(options.work());
        this.store = Stores.open(options.store(), options.environment());
        this.client = new JobClient(options.kafka());
        this.events = new JobEvents(options.kafka());
        TrackAnalyses analyses = new TrackAnalyses(store, Files.createDirectories(options.work().resolve("audio")));
        AudioRoutes audio = new AudioRoutes(store, analyses, options.work().resolve("audio"), options.maxUploadBytes());
        ParameterRoutes parameters = new ParameterRoutes(analyses);
        ModelRoutes models = new ModelRoutes(options.model(), List.of(options.model()), options.work().resolve("models"));
        MidiRoutes midi = new MidiRoutes(store, options.work().resolve("midi"), options.maxUploadBytes());
        SubmissionDecoder decoder = new SubmissionDecoder(StoreScope.of(options.store()), options.model());
        JobDownloads downloads = new JobDownloads(store, options.work());
        JobRoutes jobs = new JobRoutes(decoder, client, events, store, options.work(), downloads);
        this.jobs = jobs;
        GalleryRoutes galleries = new GalleryRoutes(jobs);
        this.app = Javalin.create(config -> {
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = Requests.MAX_BYTES;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/studio";
                files.location = Location.CLASSPATH;
            });
            config.routes.before(ctx -> guard(ctx, options.token()));
            config.routes.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
            config.routes.exception(StoreException.class, (e, ctx) ->
                    ctx.status(502).json(Map.of("error", "the store: " + e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("studio: {} {} failed: {}", ctx.method(), ctx.path(), e.toString());
                ctx.status(500).json(Map.of("error", oneLine(e.getMessage())));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(Map.of("error", "no such page or API call: " + ctx.method() + " " + ctx.path()));
                }
            });
            add(config, HandlerType.POST, "/api/audio", audio::upload);
            add(config, HandlerType.GET, "/api/audio/{id}", audio::audio);
            add(config, HandlerType.GET, "/api/audio/{id}/features", audio::features);
            add(config, HandlerType.POST, "/api/midi", midi::upload);
            add(config, HandlerType.POST, "/api/tracks", parameters::tracks);
            add(config, HandlerType.GET, "/api/models", models::list);
            add(config, HandlerType.POST, "/api/jobs", jobs::create);
            add(config, HandlerType.GET, "/api/jobs", jobs::list);
            add(config, HandlerType.GET, "/api/jobs/{id}", jobs::one);
            routes.add(new Route("get", "/api/jobs/{id}/events"));
            config.routes.before("/api/jobs/{id}/events", jobs::admit);
            config.routes.sse("/api/jobs/{id}/events", (Consumer<io.javalin.http.sse.SseClient>) jobs::events);
            add(config, HandlerType.GET, "/api/jobs/{id}/frames", jobs::frames);
            add(config, HandlerType.GET, "/api/jobs/{id}/frames/{n}", jobs::frame);
            add(config, HandlerType.GET, "/api/jobs/{id}/video", jobs::video);
            add(config, HandlerType.POST, "/api/jobs/{id}/cancel", jobs::cancel);
            add(config, HandlerType.GET, "/api/jobs/{id}/features.json", downloads::features);
            add(config, HandlerType.GET, "/api/jobs/{id}/frames.zip", downloads::frames);
            add(config, HandlerType.GET, "/api/jobs/{id}/settings.yaml", downloads::settings);
            add(config, HandlerType.POST, "/api/galleries", galleries::create);
            add(config, HandlerType.POST, "/api/jobfile/yaml", JobFileRoutes::toYaml);
            add(config, HandlerType.POST, "/api/jobfile/settings", JobFileRoutes::toSettings);
        });
    }

    /** Starts the studio; refuses a non-loopback address without a token (see {@link StudioOptions}). */
    public static StudioServer start(StudioOptions options) throws IOException {
        StudioServer server = new StudioServer(options);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.close();
            throw new IOException("could not listen on " + options.host() + ":" + options.port() + ": "
                    + oneLine(e.getMessage()), e);
        }
        return server;
    }

    public int port() { return app.port(); }

    public List<Route> routes() { return List.copyOf(routes); }

    /** The job event streams open now. */
    public int openEventStreams() { return jobs.openStreams(); }

    private void add(JavalinConfig config, HandlerType method, String path, Handler handler) {
        routes.add(new Route(method.name().toLowerCase(java.util.Locale.ROOT), path));
        config.routes.addHttpHandler(method, path, handler);
    }

    /** Security headers on everything; the token, when there is one, on everything too. */
    static void guard(Context ctx, BearerToken token) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        if (token == null) {
            return;
        }
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : ctx.cookie(TOKEN_COOKIE);
        if (token.matches(given)) {
            return;
        }
        String query = ctx.queryParam("token");
        if (ctx.path().equals("/") && token.matches(query)) {
            // The page's scripts cannot set headers on EventSource or <video>: a strict cookie carries it.
            ctx.header("Set-Cookie", TOKEN_COOKIE + "=" + token.reveal() + "; Path=/; HttpOnly; SameSite=Strict");
            ctx.redirect("/");
            ctx.skipRemainingHandlers();
            return;
        }
        throw new ApiException(401, "this studio needs its token: Authorization: Bearer TOKEN (or open the page "
                + "once as /?token=TOKEN)");
    }

    static String oneLine(String message) {
        if (message == null) {
            return "internal error";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    @Override
    public void close() {
        try {
            if (jobs != null) {
                jobs.close();
            }
            app.stop();
        } finally {
            try {
                events.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.close();
            store.close();
        }
    }
}
