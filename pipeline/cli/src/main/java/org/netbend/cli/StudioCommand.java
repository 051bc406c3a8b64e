package org.netbend.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.netbend.service.KafkaSettings;
import org.netbend.service.ServiceConfig;
import org.netbend.studio.BearerToken;
import org.netbend.studio.StudioOptions;
import org.netbend.studio.StudioServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * serve, plus the studio's page and API beside it. With Kafka settings (--bootstrap ...) the studio is only a
 * client in front of that farm, as submit is: the farm's service renders.
 */
@Command(name = "studio", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Open the studio: a web page to shape bends against a track and render them.",
        customSynopsis = {"netbend studio [--port PORT] [--host ADDRESS]",
            "                      [--token-file FILE | --new-token]",
            "                      [--bootstrap HOST:PORT --store DIR|s3://BUCKET/PREFIX]",
            "                      [OPTIONS]"},
        description = {"Open the netbend studio: a web page to hear a track, shape bends against its features and",
            "render on the farm. Without Kafka settings it starts what serve starts (a one-node broker and the",
            "service on this machine); with --bootstrap HOST:PORT --store ... it is a client of that farm."},
        footer = {"", "Examples:", "  netbend studio                    (then open the address it prints)",
            "  netbend studio --bootstrap kafka:9092 --store s3://renders/netbend --port 8080"})
public final class StudioCommand extends ServeCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port of the page (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); any other needs --token-file or --new-token.")
    String host;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token every call must carry.")
    Path tokenFile;

    @Option(names = "--new-token", description = "Make a random token and print it once.")
    boolean newToken;

    private BearerToken token;

    @Override
    public Integer call() throws Exception {
        // Refused before anything starts: no broker or service is left behind by a bad address.
        token = token();
        if (token == null && !StudioOptions.isLoopback(host)) {
            throw new UserError("--host " + host + " is not a loopback address: give --token-file FILE or --new-token, "
                    + "so that every call needs the token");
        }
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be 0..65535, got " + port);
        }
        Environment env = Environment.system();
        Optional<KafkaSettings> farm = givenKafka(env);
        if (farm.isEmpty() || cluster != null) {
            return super.call(); // serve's own path; the page starts in beside()
        }
        String model = modelOptions.chosen(env, spec.commandLine().getErr());
        try (StudioServer server = start(farm.get(), store != null ? store : env.store(), model, env)) {
            new CountDownLatch(1).await(); // until Ctrl-C
        }
        return 0;
    }

    @Override
    AutoCloseable beside(ServiceConfig settings, Environment env) throws Exception {
        return start(settings.kafka(), settings.run().store(), settings.defaultModel(), env);
    }

    private StudioServer start(KafkaSettings kafka, String storeLocation, String model, Environment env)
            throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path work = Files.createTempDirectory(Files.createDirectories(env.cacheDir().resolve("tmp")), "studio-");
        StudioOptions options;
        try {
            options = new StudioOptions(host, port, token, storeLocation, env.variables(), kafka, model,
                    StudioOptions.DEFAULT_MAX_UPLOAD, work);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        StudioServer server = StudioServer.start(options);
        String shown = host.contains(":") ? "[" + host + "]" : host;
        if (newToken) {
            err.println("netbend: the studio's token (shown once): " + token.reveal());
        }
        spec.commandLine().getOut().println("netbend studio at http://" + shown + ":" + server.port() + "/"
                + (token != null ? " (open it once as /?token=TOKEN)" : ""));
        spec.commandLine().getOut().flush();
        return server;
    }

    private BearerToken token() throws IOException {
        if (tokenFile != null && newToken) {
            throw new UserError("give --token-file or --new-token, not both");
        }
        if (newToken) {
            return BearerToken.random();
        }
        if (tokenFile == null) {
            return null;
        }
        try {
            return new BearerToken(Files.readString(tokenFile));
        } catch (IOException e) {
            throw new UserError("--token-file " + tokenFile + " cannot be read: " + Failures.message(e));
        } catch (IllegalArgumentException e) {
            throw new UserError("--token-file " + tokenFile + ": " + e.getMessage());
        }
    }
}
