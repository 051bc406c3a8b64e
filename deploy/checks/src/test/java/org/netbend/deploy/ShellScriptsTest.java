package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shell script of the repository passes shellcheck (Debian package shellcheck; .ci/run installs it). */
class ShellScriptsTest {

    @Test
    void everyShellScriptPassesShellcheck() throws Exception {
        List<Path> scripts = scripts();
        assertTrue(scripts.size() >= 5, "found only " + scripts);
        List<String> args = new ArrayList<>(List.of("shellcheck", "--external-sources"));
        scripts.forEach(s -> args.add(Repo.root().relativize(s).toString()));
        Command.Result result = shellcheck(args);
        assertEquals(0, result.exitCode(), result.output());
    }

    /** shellcheck is live here: an unquoted variable is reported. */
    @Test
    void shellcheckReportsAnUnquotedVariable() throws Exception {
        Path bad = Repo.scratch("shellcheck").resolve("bad.sh");
        Files.writeString(bad, "#!/bin/sh\nrm -rf $1/cache\n");
        Command.Result result = shellcheck(List.of("shellcheck", bad.toString()));
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("SC2086"), result.output());
    }

    /** Files ending in .sh, and files starting with a sh/bash shebang, outside build output and node_modules. */
    static List<Path> scripts() throws IOException {
        Path root = Repo.root();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> { String s = root.relativize(p).toString();
                        return !s.startsWith(".git/") && !s.contains("/target/") && !s.startsWith("target/")
                                && !s.contains("node_modules/") && !s.startsWith(".netbend/"); })
                    .filter(ShellScriptsTest::isShell).sorted().toList();
        }
    }

    private static boolean isShell(Path p) {
        if (p.getFileName().toString().endsWith(".sh")) {
            return true;
        }
        try (var in = Files.newInputStream(p)) {
            String head = new String(in.readNBytes(64), java.nio.charset.StandardCharsets.ISO_8859_1);
            return head.matches("(?s)#!\\s*(/usr/bin/env\\s+)?(/bin/|/usr/bin/)?(ba)?sh\\b.*");
        } catch (IOException e) {
            return false;
        }
    }

    private static Command.Result shellcheck(List<String> args) throws Exception {
        if (!Command.onPath("shellcheck")) {
            throw new IllegalStateException("shellcheck is needed (Debian: apt-get install shellcheck; .ci/run installs it)");
        }
        return new Command(args, Repo.root()).run(120);
    }
}
