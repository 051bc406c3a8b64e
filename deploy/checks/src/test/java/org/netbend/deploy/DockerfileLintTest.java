package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * worker-image/Dockerfile through the offline linter of the npm package dockerfile-utils (installed into
 * deploy/checks/node_modules by `npm ci`, which this module's pom runs when it is missing). No network here.
 */
class DockerfileLintTest {
    private static final Path LINTER = Path.of("node_modules/.bin/dockerfile-utils").toAbsolutePath();

    @Test
    void theWorkerImageDockerfileHasNoLintFinding() throws Exception {
        Command.Result result = lint(Repo.path("worker-image/Dockerfile"));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("", result.output().trim(), "no warning either");
    }

    /** The linter is live: a broken copy of the Dockerfile fails it. */
    @Test
    void aBrokenDockerfileFailsTheLinter() throws Exception {
        Path broken = Repo.scratch("lint").resolve("Dockerfile");
        String text = Files.readString(Repo.path("worker-image/Dockerfile"));
        Files.writeString(broken, text.replace("EXPOSE 6123 8081 9249", "EXPOSE 6123 http") + "\nRUNN true\n");
        Command.Result result = lint(broken);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("Unknown instruction: RUNN"), result.output());
        assertTrue(result.output().contains("Invalid containerPort: http"), result.output());
    }

    private static Command.Result lint(Path dockerfile) throws Exception {
        if (!Files.isExecutable(LINTER)) {
            throw new IllegalStateException("the Dockerfile linter is not installed: run `npm ci` in deploy/checks "
                    + "(mvn does this when node_modules is missing; it needs Node.js and npm)");
        }
        return new Command(List.of(LINTER.toString(), "lint", dockerfile.toString()), Path.of("").toAbsolutePath()).run(60);
    }
}
