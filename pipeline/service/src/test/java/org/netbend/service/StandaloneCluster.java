package org.netbend.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.netbend.farm.ClusterAddress;

/**
 * A standalone Flink cluster of separate JVMs on 127.0.0.1, started the way deploy/standalone/cluster.sh starts
 * one: its lib/ as the class path, its conf/, JVM memory flags derived by Flink from that configuration, free
 * ports, and a folder of its own per process. It stops exactly the processes it started, by their handles.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);

    private final Path lib;
    private final Path conf;
    private final Path work;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final int restPort;

    StandaloneCluster(Path standaloneDir, Path work, Map<String, String> overrides) throws IOException {
        this.lib = standaloneDir.resolve("target/lib");
        this.conf = standaloneDir.resolve("conf");
        this.work = work;
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("no cluster class path in " + lib + ": build deploy/standalone first");
        }
        this.restPort = freePort();
        settings.put("rest.port", Integer.toString(restPort));
        settings.put("jobmanager.rpc.port", Integer.toString(freePort()));
        settings.put("blob.server.port", Integer.toString(freePort()));
        settings.putAll(overrides);
    }

    /** A Flink setting this cluster's processes start with (the ports it chose, and the overrides). */
    String setting(String key) {
        return settings.get(key);
    }

    ClusterAddress address() {
        return new ClusterAddress("127.0.0.1", restPort);
    }

    void startJobManager() throws IOException {
        Configuration configuration = configuration(Map.of());
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(configuration);
        start("jobmanager", JOB_MANAGER, JobManagerProcessUtils.generateJvmParametersStr(spec, configuration),
                JobManagerProcessUtils.generateDynamicConfigsStr(spec), Map.of());
    }

    /** A TaskManager whose resource id is {@code id}: that is the name SEGMENT events carry. */
    void startTaskManager(String id) throws IOException {
        Map<String, String> own = Map.of("taskmanager.resource-id", id);
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(configuration(own));
        start(id, TASK_MANAGER, ProcessMemoryUtils.generateJvmParametersStr(spec),
                TaskExecutorProcessUtils.generateDynamicConfigsStr(spec), own);
    }

    private Configuration configuration(Map<String, String> own) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(own);
        return GlobalConfiguration.loadConfiguration(conf.toString(), Configuration.fromMap(all));
    }

    private void start(String name, String mainClass, String jvmFlags, String memorySettings, Map<String, String> own)
            throws IOException {
        Path home = work.resolve(name);
        Path tmp = Files.createDirectories(home.resolve("tmp"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmFlags.trim().split("\\s+")));
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp,
                "-Dorg.bytedeco.javacpp.cachedir=" + home.resolve("javacpp"),
                "-Dlog.file=" + log(name), "-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"),
                "-cp", lib + "/*", mainClass, "--configDir", conf.toString(), "-D", "io.tmp.dirs=" + tmp));
        command.addAll(Arrays.asList(memorySettings.trim().split("\\s+")));
        Map<String, String> dynamic = new LinkedHashMap<>(settings);
        dynamic.putAll(own);
        dynamic.forEach((key, value) -> command.addAll(List.of("-D", key + "=" + value)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("stdout.txt").toFile())
                .start();
        processes.put(name, process);
    }

    /** The ERROR lines and the last lines of a process's log and console, for a failure message. */
    String errors(String name) {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(log(name), work.resolve(name).resolve("stdout.txt"))) {
            try {
                List<String> lines = Files.readAllLines(file);
                lines.stream().filter(line -> line.contains(" ERROR ")).limit(5).forEach(l -> text.append(l).append('\n'));
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> text.append(l).append('\n'));
            } catch (IOException e) {
                text.append("(").append(file).append(" unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return text.toString();
    }

    Path log(String name) {
        return work.resolve(name).resolve(name + ".log");
    }

    long pid(String name) {
        return processes.get(name).pid();
    }

    /** Waits until the JobManager's REST API answers. */
    void awaitJobManager(Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            requireAlive();
            if (get("/overview") != null) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("waited " + deadline.toSeconds() + " s for the JobManager's REST API on port "
                + restPort + "; logs in " + work);
    }

    /** Waits until the JobManager lists every one of {@code ids}; says which are missing when it gives up. */
    void awaitTaskManagers(Set<String> ids, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        Set<String> registered = Set.of();
        while (System.nanoTime() < end) {
            requireAlive();
            registered = taskManagers();
            if (registered.containsAll(ids)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("waited " + deadline.toSeconds() + " s for TaskManagers " + ids
                + " to register at the JobManager on port " + restPort + "; registered: " + registered
                + "; logs in " + work);
    }

    private void requireAlive() {
        for (Map.Entry<String, Process> entry : processes.entrySet()) {
            if (!entry.getValue().isAlive()) {
                throw new IllegalStateException(entry.getKey() + " exited with " + entry.getValue().exitValue()
                        + " while the cluster started; its log " + log(entry.getKey()) + " ends:\n"
                        + errors(entry.getKey()));
            }
        }
    }

    /** The resource ids of the TaskManagers the JobManager knows now (empty while its REST API is not up). */
    Set<String> taskManagers() {
        Set<String> ids = new TreeSet<>();
        JsonNode answer = get("/taskmanagers");
        if (answer != null) {
            answer.path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        }
        return ids;
    }

    /** A GET on the REST API, or null while it does not answer. */
    JsonNode get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + restPort + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Cancels a job through the REST API ({@code PATCH /jobs/ID?mode=cancel}) and waits until the JobManager reports
     * it CANCELED, so that its slots are free and no task of it runs on when the cluster stops.
     */
    void cancel(String jobId, Duration deadline) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + restPort + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(Duration.ofSeconds(10)).method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("PATCH /jobs/" + jobId + "?mode=cancel answered " + answer.statusCode()
                    + ": " + answer.body());
        }
        long end = System.nanoTime() + deadline.toNanos();
        String state = null;
        while (System.nanoTime() < end) {
            JsonNode job = get("/jobs/" + jobId);
            state = job == null ? null : job.path("state").asText();
            if ("CANCELED".equals(state)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("waited " + deadline.toSeconds() + " s for job " + jobId
                + " to be CANCELED after the cancel request; last state " + state + "; logs in " + work);
    }

    /** kill -9 of one process this cluster started; it is then no part of the cluster (it may be started again). */
    void kill(String name) throws InterruptedException {
        Process process = processes.get(name);
        process.destroyForcibly();
        if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") still runs after kill -9");
        }
        processes.remove(name);
    }

    /** Stops every process it started (TaskManagers first): SIGTERM, then SIGKILL after a deadline. */
    @Override
    public void close() throws InterruptedException {
        List<String> names = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            Process process = processes.get(name);
            if (process.isAlive()) {
                process.destroy();
            }
        }
        for (String name : names) {
            Process process = processes.get(name);
            if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
