package org.netbend.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.netbend.studio.BearerToken;
import org.netbend.studio.StudioOptions;
import picocli.CommandLine.Option;

/** Where a page's server listens and the token it needs off loopback ({@code live}'s page). */
final class PageOptions {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the page (default: ${DEFAULT-VALUE} = any free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); any other needs a token.")
    String host;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token the page must carry.")
    Path tokenFile;

    @Option(names = "--new-token", description = "Make a random token and print it once.")
    boolean newToken;

    /** The token, or null on loopback without one; refuses a bad combination before anything starts. */
    BearerToken token() throws IOException {
        if (tokenFile != null && newToken) {
            throw new UserError("give --token-file or --new-token, not both");
        }
        BearerToken token = null;
        if (newToken) {
            token = BearerToken.random();
        } else if (tokenFile != null) {
            try {
                token = new BearerToken(Files.readString(tokenFile));
            } catch (IOException e) {
                throw new UserError("--token-file " + tokenFile + " cannot be read: " + Failures.message(e));
            } catch (IllegalArgumentException e) {
                throw new UserError("--token-file " + tokenFile + ": " + e.getMessage());
            }
        }
        if (token == null && !StudioOptions.isLoopback(host)) {
            throw new UserError("--host " + host + " is not a loopback address: give --token-file FILE or "
                    + "--new-token, so that the page needs the token");
        }
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be 0..65535, got " + port);
        }
        return token;
    }

    /** The page's address as a browser takes it. */
    String address(int boundPort) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort + "/";
    }
}
