package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import picocli.CommandLine;

/**
 * What the docs promise is what happens: every {@code ./netbend ...} and {@code mvn ...} line of the Markdown files
 * and every example of a command's {@code --help} is checked, so the docs cannot drift from the code.
 *
 * <ul>
 *   <li>Every netbend line must parse as written (options known, required ones given).</li>
 *   <li>Every netbend line is then run, as its own process in a work folder laid out as the repository
 *       ({@code configs/} of the checkout, short generated tracks under the names the docs use), each distinct
 *       line once, and must exit 0 — except the lines in {@link #SKIPS}, each named with its reason (a GPU, the
 *       network, a cluster; a synopsis with placeholders is not a command).</li>
 *   <li>The service lines run against the documented {@code serve} line itself, started in the background; the
 *       service prints one line per job accepted and ended, and nothing of Log4j's on stdout when stopped.</li>
 *   <li>mvn lines are checked cheaply: each {@code -pl} module exists, {@code exec:java} comes with {@code -am}
 *       (without it Maven looks for the other modules in the local repository), and each class named by
 *       {@code -Dtest}/{@code -Dit.test} exists in its module.</li>
 * </ul>
 *
 * {@link Substitutions} lists what is changed to keep the run short, and nothing else is.
 */
class DocsCommandsIT {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final long DEADLINE_SECONDS = 900; // generous: the machine is shared and loaded

    /** A line the test does not run, and why: only a GPU, the network, a cluster, or not a command at all. */
    private static final Map<String, String> SKIPS = new LinkedHashMap<>();

    static {
        SKIPS.put("--cluster", "needs a Flink cluster");
        SKIPS.put("--device cuda", "needs a GPU");
        SKIPS.put("hf:", "downloads a model (network)");
        SKIPS.put("s3://", "needs an S3 store (network)");
        SKIPS.put("--kafka-config", "needs a studio's Kafka (network)");
        SKIPS.put("kafka:9092", "needs a studio's Kafka (network)");
        SKIPS.put("kafka.example.com", "needs a studio's Kafka (network)");
        SKIPS.put("live --input", "needs an audio input device (this machine has none; LiveCommandTest checks the refusal)");
        SKIPS.put("./netbend bench", "a benchmark: measures for minutes (run by hand; its name is checked)");
        SKIPS.put("mvn -B verify", "the whole suite, which runs this test");
    }

    /** What is changed to keep the run short; each is a value the command documents as free to choose. */
    enum Substitutions {
        TRACKS("every input track is a generated WAV of 0.6 s (31 s where a prompt is timed at 30 s) under the "
                + "name the docs use; song.mid is a generated MIDI file"),
        SIZE("--size 64x64 for render, submit, gallery and sites"),
        FPS("--fps 1 for render, submit and analyze"),
        MODEL("--model toy, and NETBEND_CACHE a folder of the test"),
        FOLDER("each line runs in a fresh folder laid out as the repository (a copy of the checkout's configs/); the "
                + "service lines share one, where ./studio-store is the default store ./netbend-store"),
        BROKER("the port of --broker-port and of --bootstrap 127.0.0.1:9092 is a free port"),
        STUDIO_PORT("the studio's --port is a free port"),
        RECORDING("live lines and the render lines that play their recordings (session.yaml) run in order in one folder"),
        JOB_ID("a job id in a watch or cancel line is the id the service lines printed"),
        VIDEOS("a score line's videos are rendered first in its folder, under the names it uses (drums.wav, toy"
                + " model, 64x64, 1 fps)");

        final String what;

        Substitutions(String what) {
            this.what = what;
        }
    }

    @TempDir Path work;
    private int brokerPort;

    record DocLine(String where, String text, List<String> args) { }

    @Test
    void everyDocumentedCommandRunsAsWritten() throws Exception {
        List<DocLine> lines = new ArrayList<>(markdownLines());
        lines.addAll(helpExamples());
        assertTrue(lines.size() > 30, "found the documented commands: " + lines.size());

        List<String> problems = new ArrayList<>();
        Map<String, DocLine> toRun = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (DocLine line : lines) {
            if (line.args().get(0).equals("mvn")) {
                checkMaven(line, problems); // placeholders or not: the modules, -am and test classes are checked
                if (!line.text().startsWith("mvn -B verify")) {
                    continue;
                }
            }
            if (synopsis(line)) {
                skipped.add(line.where() + ": a synopsis with placeholders, not a command");
                continue;
            }
            if (line.args().get(0).equals("mvn")) {
                skipped.add(line.where() + ": " + skipReason(line));
                continue;
            } else if (line.args().get(1).equals("bench")) {
                checkBenchName(line, problems);
            } else {
                checkParses(line, problems);
            }
            String skip = skipReason(line);
            if (skip != null) {
                skipped.add(line.where() + ": " + skip + ": " + line.text());
            } else if (line.args().get(0).equals("./netbend")) {
                toRun.putIfAbsent(String.join("\u0000", line.args()), line);
            }
        }
        System.out.println("DocsCommandsIT skipped:\n  " + String.join("\n  ", skipped));
        System.out.println("DocsCommandsIT substitutions:");
        for (Substitutions s : Substitutions.values()) {
            System.out.println("  " + s.what);
        }
        assertTrue(problems.isEmpty(), "documented commands that fail as written:\n" + String.join("\n", problems));

        brokerPort = freePort();
        List<DocLine> service = new ArrayList<>();
        List<DocLine> recordings = new ArrayList<>();
        DocLine serve = null;
        for (DocLine line : toRun.values()) {
            String command = line.args().get(1);
            if (command.equals("serve")) {
                serve = serve == null ? line : serve;
            } else if (List.of("submit", "watch", "cancel", "jobs").contains(command)) {
                service.add(line);
            } else if (command.equals("live") && !line.args().contains("--headless")) {
                runLivePage(line, problems);
            } else if (command.equals("live") || line.text().contains("session.yaml")) {
                recordings.add(line);
            } else if (command.equals("studio")) {
                runStudio(line, problems);
            } else {
                run(line, problems);
            }
        }
        runInOrder(recordings, problems);
        assertTrue(serve != null && !service.isEmpty(), "the docs show serve and its client");
        runService(serve, service, problems);
        assertTrue(problems.isEmpty(), "documented commands that fail as written:\n" + String.join("\n\n", problems));
    }

    // ---- finding the lines

    private static List<DocLine> markdownLines() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(REPO)) {
            files = walk.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !REPO.relativize(p).toString().matches("(.*/)?(target|node_modules|\\.[^/]*)/.*"))
                    .sorted().toList();
        }
        List<DocLine> found = new ArrayList<>();
        for (Path file : files) {
            List<String> text = Files.readAllLines(file);
            for (int i = 0; i < text.size(); i++) {
                String line = text.get(i).strip().replaceFirst("^\\$ ", "");
                if (!line.startsWith("./netbend ") && !line.startsWith("mvn ")) {
                    continue;
                }
                int first = i;
                StringBuilder joined = new StringBuilder(line);
                while (joined.toString().endsWith("\\") && i + 1 < text.size()) {
                    joined.setLength(joined.length() - 1);
                    joined.append(' ').append(text.get(++i).strip());
                }
                String command = withoutComment(joined.toString()).strip();
                found.add(new DocLine(REPO.relativize(file) + ":" + (first + 1), command, Shell.split(command)));
            }
        }
        return found;
    }

    private static List<DocLine> helpExamples() {
        List<DocLine> found = new ArrayList<>();
        CommandLine netbend = new CommandLine(new NetbendCommand());
        for (Map.Entry<String, CommandLine> command : netbend.getSubcommands().entrySet()) {
            List<String> footer = List.of(command.getValue().getCommandSpec().usageMessage().footer());
            for (int i = 0; i < footer.size(); i++) {
                String line = footer.get(i).strip();
                if (!line.startsWith("netbend ")) {
                    continue;
                }
                StringBuilder joined = new StringBuilder(line);
                while (joined.toString().endsWith("\\") && i + 1 < footer.size()) {
                    joined.setLength(joined.length() - 1);
                    joined.append(' ').append(footer.get(++i).strip());
                }
                String text = "./" + joined.toString().replaceAll("\\s+", " ").strip();
                found.add(new DocLine("netbend " + command.getKey() + " --help", text, Shell.split(text)));
            }
        }
        return found;
    }

    /** A '#' outside quotes starts a comment. */
    private static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Placeholders (AUDIO, JOBID, [options], A | B, ...) make a line a synopsis, not a command to type. */
    private static boolean synopsis(DocLine line) {
        for (String arg : line.args().subList(1, line.args().size())) {
            if (arg.equals("|") || arg.startsWith("[") || arg.endsWith("]...") || arg.equals("...")
                    || arg.matches("[A-Z][A-Z_]*(\\.\\.\\.)?") || arg.matches("[A-Z]+(:[A-Z]+)?\\.[a-z0-9]+")
                    || arg.contains("MODULE") || arg.matches("\\(.*") || arg.equals("NAME")) {
                return true;
            }
        }
        return false;
    }

    private static String skipReason(DocLine line) {
        for (Map.Entry<String, String> skip : SKIPS.entrySet()) {
            if (line.text().contains(skip.getKey())) {
                return skip.getValue();
            }
        }
        return null;
    }

    // ---- cheap checks

    private static void checkParses(DocLine line, List<String> problems) {
        try {
            new CommandLine(new NetbendCommand()).setExpandAtFiles(false)
                    .parseArgs(line.args().subList(1, line.args().size()).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            problems.add(line.where() + ": does not parse (" + e.getMessage() + "): " + line.text());
        }
    }

    private static void checkBenchName(DocLine line, List<String> problems) {
        try {
            String launcher = Files.readString(REPO.resolve("netbend"));
            String name = line.args().size() > 2 ? line.args().get(2) : "";
            if (!launcher.contains("\n    " + name + ")")) {
                problems.add(line.where() + ": no benchmark '" + name + "' in the launcher: " + line.text());
            }
        } catch (IOException e) {
            problems.add("cannot read the launcher: " + e);
        }
    }

    private static void checkMaven(DocLine line, List<String> problems) {
        List<String> args = line.args();
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-pl") && i + 1 < args.size()) {
                modules.addAll(List.of(args.get(i + 1).split(",")));
            }
        }
        for (String module : modules) {
            if (!Files.isRegularFile(REPO.resolve(module).resolve("pom.xml"))) {
                problems.add(line.where() + ": no module " + module + ": " + line.text());
            }
        }
        if (args.stream().anyMatch(a -> a.startsWith("exec:java")) && !modules.isEmpty() && !args.contains("-am")) {
            problems.add(line.where() + ": exec:java on " + modules + " without -am finds no upstream module: "
                    + line.text());
        }
        for (String arg : args) {
            if (!arg.startsWith("-Dtest=") && !arg.startsWith("-Dit.test=") || modules.isEmpty()) {
                continue;
            }
            // Maven takes a comma-separated list of class names or patterns (Name*IT), each with an optional #method.
            for (String name : arg.substring(arg.indexOf('=') + 1).split(",")) {
                String test = name.replaceAll("#.*", "").strip();
                if (test.equals("none") || test.equals("NoSuch")) {
                    continue;
                }
                String file = test.replace(".", "\\.").replace("*", ".*") + "\\.java";
                try (Stream<Path> sources = Files.walk(REPO.resolve(modules.get(0)).resolve("src/test/java"))) {
                    if (sources.noneMatch(p -> p.getFileName().toString().matches(file))) {
                        problems.add(line.where() + ": no test class " + test + " in " + modules.get(0));
                    }
                } catch (IOException e) {
                    problems.add(line.where() + ": cannot list " + modules.get(0) + ": " + e);
                }
            }
        }
    }

    // ---- running

    /** A folder with the repository's configs, and the tracks, stems and MIDI file the docs name, short. */
    private Path fixtures(String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        copy(REPO.resolve("configs"), dir.resolve("configs"));
        Files.createDirectories(dir.resolve("netbend-store"));
        Files.createSymbolicLink(dir.resolve("studio-store"), dir.resolve("netbend-store"));
        fixtureFiles(dir);
        return dir;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void fixtureFiles(Path work) throws Exception {
        Files.createDirectories(work.resolve("examples"));
        for (String name : List.of("examples/drums.wav", "drums.wav", "song.wav", "intro.wav", "outro.mp3",
                "vocals.wav", "track.wav", "album/1 first.wav", "album/2 second.wav")) {
            Files.createDirectories(work.resolve(name).getParent());
            TestAudio.silenceBurstSilence(work.resolve(name), 0.2, 0.2, 0.2);
        }
        TestAudio.silenceBurstSilence(work.resolve("song.flac"), 10, 11, 10); // a prompt is timed at 30 s
        Files.writeString(work.resolve("shared.yaml"), "version: 1\nprompt: \"3D mesh geometry\"\n");
        Sequence midi = new Sequence(Sequence.PPQ, 480);
        Track notes = midi.createTrack();
        notes.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100), 0));
        notes.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, 60, 0), 240));
        MidiSystem.write(midi, 1, work.resolve("song.mid").toFile());
    }

    private int runs;

    private List<String> substituted(DocLine line) {
        List<String> args = new ArrayList<>(line.args().subList(1, line.args().size()));
        String command = args.get(0);
        if (List.of("render", "submit", "gallery", "sites").contains(command)) {
            set(args, "--size", "64x64");
        }
        if (List.of("render", "submit", "analyze").contains(command)) {
            set(args, "--fps", "1");
        }
        if (List.of("render", "submit", "gallery", "sites", "serve").contains(command)) {
            set(args, "--model", "toy");
        }
        args.replaceAll(a -> a.replace("127.0.0.1:9092", "127.0.0.1:" + brokerPort));
        if (args.contains("--broker-port")) {
            set(args, "--broker-port", Integer.toString(brokerPort));
        }
        return args;
    }

    private static void set(List<String> args, String option, String value) {
        int at = args.indexOf(option);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.add(option);
            args.add(value);
        }
    }

    private void run(DocLine line, List<String> problems) throws Exception {
        Path dir = fixtures("run-" + ++runs);
        Path log = dir.resolve("netbend.log");
        if (line.args().get(1).equals("score") && !renderVideos(line, dir, log, problems)) {
            return;
        }
        Process p = start(substituted(line), dir, log, log);
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            problems.add(line.where() + ": did not end within " + DEADLINE_SECONDS + " s: " + line.text());
            return;
        }
        if (p.exitValue() != 0) {
            problems.add(line.where() + ": exit " + p.exitValue() + ": " + line.text() + "\n" + tail(log));
        }
    }

    /** Renders the videos a score line reads (its .mp4 arguments that are not its outputs); false on a failure. */
    private boolean renderVideos(DocLine line, Path dir, Path log, List<String> problems) throws Exception {
        List<String> args = line.args();
        for (int i = 2; i < args.size(); i++) {
            boolean output = args.get(i - 1).equals("-o") || args.get(i - 1).equals("--output")
                    || args.get(i - 1).equals("--plot");
            if (!args.get(i).endsWith(".mp4") || output || args.get(i - 1).startsWith("--")) {
                continue;
            }
            Process p = start(List.of("render", "drums.wav", "-p", "3D mesh geometry", "--bend",
                    "rotate-r1@40=rms[0..2pi]", "-o", args.get(i), "--size", "64x64", "--fps", "1", "--model",
                    "toy"), dir, log, log);
            if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                problems.add(line.where() + ": could not render " + args.get(i) + " to score\n" + tail(log));
                return false;
            }
        }
        return true;
    }

    /** Lines that build on each other's files (a live recording, then its render), in order in one folder. */
    private void runInOrder(List<DocLine> lines, List<String> problems) throws Exception {
        Path dir = fixtures("recordings");
        for (DocLine line : lines) {
            Path log = Files.createTempFile(dir, "line", ".log");
            Process p = start(substituted(line), dir, log, log);
            if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problems.add(line.where() + ": did not end within " + DEADLINE_SECONDS + " s: " + line.text());
            } else if (p.exitValue() != 0) {
                problems.add(line.where() + ": exit " + p.exitValue() + ": " + line.text() + "\n" + tail(log));
            }
        }
    }

    /** live with its page, in the background: it prints its address, the live page answers, Ctrl-C ends it. */
    private void runLivePage(DocLine line, List<String> problems) throws Exception {
        runPage(line, substituted(line), "live", "live.html", "netbend live", problems);
    }

    /** studio as documented, in the background: it prints its address, the page answers there, Ctrl-C stops it. */
    private void runStudio(DocLine line, List<String> problems) throws Exception {
        List<String> args = substituted(line);
        set(args, "--port", Integer.toString(freePort()));
        runPage(line, args, "studio", "", "netbend studio", problems);
    }

    /** A command that serves a page: waits for "netbend NAME at http://", fetches the page, then Ctrl-C. */
    private void runPage(DocLine line, List<String> args, String name, String page, String title,
            List<String> problems) throws Exception {
        Path dir = fixtures(name + "-" + ++runs);
        Path log = dir.resolve(name + ".log");
        Process server = start(args, dir, log, log);
        String marker = "netbend " + name + " at http://";
        try {
            awaitLine(server, log, marker);
            String address = Files.readAllLines(log).stream().filter(l -> l.contains(marker))
                    .findFirst().orElseThrow().replaceFirst(".*netbend " + name + " at ", "").strip().split("\\s+")[0];
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(address + page))
                            .timeout(java.time.Duration.ofSeconds(60)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().contains(title)) {
                problems.add(line.where() + ": the page at " + address + page + " answered " + answer.statusCode());
            }
        } finally {
            if (server.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
                if (!server.waitFor(120, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                    problems.add(line.where() + ": " + name + " did not stop within 120 s of Ctrl-C");
                }
            }
        }
    }

    /** serve as documented, in the background; then the client lines against it; then Ctrl-C. */
    private void runService(DocLine serve, List<DocLine> clients, List<String> problems) throws Exception {
        Path dir = fixtures("service");
        Path serveLog = dir.resolve("serve.log");
        Path serveOut = dir.resolve("serve.out");
        Process service = start(substituted(serve), dir, serveLog, serveOut);
        try {
            awaitLine(service, serveLog, "netbend: serving requests from");
            List<String> ids = new ArrayList<>();
            List<DocLine> later = new ArrayList<>();
            for (DocLine line : clients) {
                if (!line.args().get(1).equals("submit")) {
                    later.add(line);
                    continue;
                }
                Path out = Files.createTempFile(dir, "submit", ".out");
                Path log = Files.createTempFile(dir, "submit", ".log");
                Process p = start(substituted(line), dir, log, out);
                if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    problems.add(line.where() + ": did not end within " + DEADLINE_SECONDS + " s: " + line.text());
                } else if (p.exitValue() != 0) {
                    problems.add(line.where() + ": exit " + p.exitValue() + ": " + line.text() + "\n" + tail(log));
                } else {
                    Files.readAllLines(out).stream().filter(l -> l.matches("[0-9a-f]{16}")).forEach(ids::add);
                }
            }
            assertFalse(ids.isEmpty(), "the submit lines printed job ids: " + problems);
            for (DocLine line : later) {
                List<String> args = substituted(line);
                if (List.of("watch", "cancel").contains(args.get(0))) {
                    args.set(1, ids.get(0));
                }
                Path log = Files.createTempFile(dir, "client", ".log");
                Process p = start(args, dir, log, log);
                if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    problems.add(line.where() + ": failed: " + line.text() + "\n" + tail(log));
                }
            }
            String served = Files.readString(serveLog);
            for (String id : ids) {
                assertTrue(served.contains("netbend: job " + id + " accepted") && served.contains("netbend: job " + id
                        + " DONE"), "serve says when each job is accepted and ended:\n" + served);
            }
        } finally {
            if (service.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(service.pid())).start().waitFor();
                if (!service.waitFor(120, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                    problems.add("serve did not stop within 120 s of Ctrl-C");
                }
            }
        }
        String out = Files.readString(serveOut);
        assertFalse(out.contains("Log4j") || out.contains("WARN") || out.contains("ERROR"),
                "serve's stdout holds no log lines when stopped: " + out);
        assertEquals(130, service.exitValue(), Files.readString(serveLog));
    }

    /** netbend's main in its own JVM in {@code dir}, as the launcher runs it. */
    private Process start(List<String> args, Path dir, Path err, Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-Dlog4j2.configurationFile=log4j2.xml",
                // Short runs on a shared machine: the quick compiler and one GC thread start them sooner.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
                        work.resolve("cache/javacpp").toString()),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        if (err.equals(out)) {
            builder.redirectErrorStream(true).redirectOutput(out.toFile());
        } else {
            builder.redirectError(err.toFile()).redirectOutput(out.toFile());
        }
        builder.environment().put("NETBEND_CACHE", work.resolve("cache").toString());
        builder.environment().remove("NETBEND_STORE");
        builder.environment().remove("NETBEND_MODEL");
        builder.environment().remove("NETBEND_KAFKA_BOOTSTRAP");
        return builder.start();
    }

    private static void awaitLine(Process p, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!Files.readString(log).contains(text)) {
            assertTrue(p.isAlive(), "serve ended before '" + text + "':\n" + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "waited " + DEADLINE_SECONDS + " s for '" + text + "'");
            Thread.sleep(200);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Splits a command line as a shell does for the quoting the docs use ("..." and '...'). */
    static final class Shell {
        private Shell() { }

        static List<String> split(String line) {
            List<String> args = new ArrayList<>();
            StringBuilder arg = new StringBuilder();
            boolean inArg = false;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        arg.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    inArg = true;
                } else if (Character.isWhitespace(c)) {
                    if (inArg) {
                        args.add(arg.toString());
                        arg.setLength(0);
                        inArg = false;
                    }
                } else {
                    arg.append(c);
                    inArg = true;
                }
            }
            if (inArg) {
                args.add(arg.toString());
            }
            return args;
        }
    }
}
