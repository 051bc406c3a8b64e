package org.netbend.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Our rules for worker-image/Dockerfile; the image itself can only be built where a Docker engine runs. */
class DockerfileRulesTest {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passwd|token|credential|access_key|api_key|private_key).*");
    private static final Pattern SECRET_VALUE = Pattern.compile("AKIA[0-9A-Z]{16}|hf_[A-Za-z0-9]{30,}|-----BEGIN");
    private final Dockerfile dockerfile = read();

    private static Dockerfile read() {
        try {
            return Dockerfile.read(Repo.path("worker-image/Dockerfile"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void multiStageWithAMavenBuildStageAndBothVariants() {
        Dockerfile.Stage build = dockerfile.stage("build").orElseThrow(() -> new AssertionError("no build stage"));
        assertAll(
                () -> assertTrue(dockerfile.stages().size() >= 3, "multi-stage"),
                () -> assertTrue(build.from().startsWith("maven:"), build.from()),
                () -> assertTrue(build.runText().contains("mvn "), "the build stage runs Maven"),
                () -> assertTrue(dockerfile.stage("cpu").isPresent(), "a CPU variant (--target cpu)"),
                () -> assertEquals("gpu", dockerfile.last().name(), "the GPU image is the default target"),
                () -> assertFalse(dockerfile.stage("cpu").get().runText().contains("mvn")
                        || dockerfile.last().runText().contains("mvn"), "runtime stages carry no build tools"));
    }

    @Test
    void everyBaseIsPinned() {
        Set<String> stageNames = dockerfile.stages().stream().map(Dockerfile.Stage::name)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        List<String> unpinned = new ArrayList<>();
        for (Dockerfile.Stage s : dockerfile.stages()) {
            if (!stageNames.contains(s.from()) && !Images.isPinned(s.from())) {
                unpinned.add(s.from());
            }
            for (Dockerfile.Instruction copy : s.all("COPY")) {
                Matcher m = Pattern.compile("--from=(\\S+)").matcher(copy.args());
                if (m.find() && !stageNames.contains(m.group(1)) && !Images.isPinned(m.group(1))) {
                    unpinned.add(m.group(1) + " (COPY --from, line " + copy.line() + ")");
                }
            }
        }
        assertEquals(List.of(), unpinned);
        String cuda = dockerfile.last().from();
        String flink = dockerfile.stage("flink").orElseThrow().from();
        assertAll(
                () -> assertTrue(cuda.matches("nvidia/cuda:12\\.\\d+\\.\\d+-cudnn-runtime-ubuntu\\d+\\.\\d+"),
                        "a CUDA 12 runtime with cuDNN (9 for every CUDA 12.x cudnn tag): " + cuda),
                () -> assertTrue(flink.matches("flink:2\\.3\\.\\d+-scala_2\\.12-java17"), "Flink 2.3 on Java 17: " + flink));
    }

    @Test
    void runtimeStagesRunAsTheFlinkUserNotRoot() {
        for (String name : List.of("cpu", "gpu")) {
            Dockerfile.Stage s = dockerfile.stage(name).orElseThrow();
            assertEquals("9999:9999", s.lastUser().orElse("root"), name + ": the last USER (numeric, so Kubernetes can check runAsNonRoot)");
            assertEquals("[\"/docker-entrypoint.sh\"]", s.all("ENTRYPOINT").get(0).args(), name + ": Flink's entrypoint");
        }
        assertTrue(dockerfile.last().runText().contains("--uid=9999"), "the GPU stage creates the flink user with uid 9999");
    }

    @Test
    void noSecretsInTheImage() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Dockerfile.Stage s : dockerfile.stages()) {
            for (String env : s.envNames()) {
                if (SECRET_NAME.matcher(env).matches()) {
                    problems.add(s.name() + ": ENV " + env);
                }
            }
            for (Dockerfile.Instruction i : s.instructions()) {
                if (i.keyword().equals("ARG") && SECRET_NAME.matcher(i.args()).matches()) {
                    problems.add(s.name() + ": ARG " + i.args());
                }
                if (SECRET_VALUE.matcher(i.args()).find()) {
                    problems.add(s.name() + " line " + i.line() + " holds what looks like a key");
                }
                if (i.keyword().equals("ADD")) {
                    problems.add(s.name() + " line " + i.line() + ": ADD (use COPY; no downloads by ADD)");
                }
            }
        }
        dockerfile.globalArgs().keySet().stream().filter(a -> SECRET_NAME.matcher(a).matches())
                .forEach(a -> problems.add("global ARG " + a));
        assertEquals(List.of(), problems);
        String ignore = Files.readString(Repo.path("worker-image/Dockerfile.dockerignore"));
        assertAll(
                () -> assertTrue(ignore.contains("deploy/overlays/*/credentials.env"), "credentials never enter the build context"),
                () -> assertTrue(ignore.contains("**/target/"), "build output stays out of the context"),
                () -> assertTrue(ignore.contains(".git/")));
    }

    @Test
    void nativesInFlinksLibAndTheJobJarInUsrlib() throws Exception {
        Dockerfile.Stage build = dockerfile.stage("build").orElseThrow();
        Dockerfile.Stage gpu = dockerfile.last();
        Dockerfile.Stage cpu = dockerfile.stage("cpu").orElseThrow();
        String pom = Files.readString(Repo.path("pom.xml"));
        Matcher ort = Pattern.compile("<onnxruntime.version>(1\\.2\\d)\\.\\d+</onnxruntime.version>").matcher(pom);
        Matcher ortGpu = Pattern.compile("<onnxruntime.gpu.version>(1\\.2\\d)\\.\\d+</onnxruntime.gpu.version>").matcher(pom);
        String jarName = Overlay.of("gpu").flink().path("spec").path("job").path("jarURI").asText()
                .replace("local:///opt/flink/usrlib/", "");
        assertAll(
                () -> assertTrue(ort.find(), "the root pom pins ONNX Runtime 1.2x (built for CUDA 12 and cuDNN 9)"),
                () -> assertTrue(ortGpu.find() && ort.find(0) && ortGpu.group(1).equals(ort.group(1)),
                        "the GPU build is the same minor release as the CPU one the job is compiled against"),
                () -> assertTrue(build.runText().contains("-Dexpression=onnxruntime.gpu.version"), "the GPU jar has the root pom's version"),
                () -> assertFalse(Pattern.compile("mvn [^\\n]*\\shelp:").matcher(build.runText()).find(),
                        "Maven plugins called from the command line are pinned (groupId:artifactId:version:goal)"),
                () -> assertTrue(build.runText().contains("test -f \"/out/lib-cpu/onnxruntime-${ORT_VERSION}.jar\""),
                        "the CPU jar collected for lib/ is the root pom's"),
                () -> assertTrue(build.runText().contains("com.microsoft.onnxruntime:onnxruntime_gpu:${ORT_GPU_VERSION}")),
                () -> assertTrue(build.runText().contains("-DincludeGroupIds=org.bytedeco,com.microsoft.onnxruntime,com.github.luben,"
                        + "ai.djl,ai.djl.pytorch,com.google.code.gson,net.java.dev.jna"),
                        "JavaCV/JavaCPP/FFmpeg, ONNX Runtime, Kafka's zstd-jni and DJL (libtorch, gson, JNA) are collected for lib/"),
                () -> assertTrue(build.runText().contains("pipeline/service/target/" + jarName), "the job jar the FlinkDeployment runs"),
                () -> assertTrue(copies(gpu, "/out/lib-gpu/", "/opt/flink/lib/"), "GPU natives in Flink's lib/"),
                () -> assertTrue(copies(cpu, "/out/lib-cpu/", "/opt/flink/lib/"), "CPU natives in Flink's lib/"),
                () -> assertTrue(copies(gpu, "/out/usrlib/", "/opt/flink/usrlib/") && copies(cpu, "/out/usrlib/", "/opt/flink/usrlib/")),
                () -> assertTrue(copies(gpu, "/opt/java/openjdk", "/opt/java/openjdk"), "Java 17 from the Flink image"),
                () -> assertTrue(copies(gpu, "/opt/flink", "/opt/flink"), "Flink from the official image"));
    }

    @Test
    void gpuDriverCapabilitiesAndWritableCachesMatchThePods() {
        Dockerfile.Stage gpu = dockerfile.last();
        JsonNode tm = PodTemplates.flinkContainer(PodTemplates.taskManagerPod(Overlay.of("gpu").flink()));
        assertEquals("compute,utility", gpu.env("NVIDIA_DRIVER_CAPABILITIES").orElse(""), "nvidia-smi (utility) for GPU discovery, CUDA (compute)");
        for (String name : List.of("cpu", "gpu")) {
            Dockerfile.Stage s = dockerfile.stage(name).orElseThrow();
            String cache = s.env("NETBEND_CACHE").orElseThrow(() -> new AssertionError(name + ": no NETBEND_CACHE"));
            String opts = s.env("JAVA_TOOL_OPTIONS").orElseThrow(() -> new AssertionError(name + ": no JAVA_TOOL_OPTIONS"));
            String tmp = property(opts, "java.io.tmpdir");
            String javacpp = property(opts, "org.bytedeco.javacpp.cachedir");
            String djl = s.env("DJL_CACHE_DIR").orElseThrow(() -> new AssertionError(name + ": no DJL_CACHE_DIR"));
            assertAll(name,
                    () -> assertTrue(javacpp.startsWith(cache + "/"), "JavaCPP's cache inside NETBEND_CACHE"),
                    () -> assertTrue(djl.startsWith(cache + "/"), "DJL's libtorch cache inside NETBEND_CACHE"),
                    () -> assertTrue(s.runText().contains("mkdir -p " + cache + " " + tmp), "the folders exist"),
                    () -> assertTrue(s.runText().contains("chown -R 9999:9999 " + cache + " " + tmp), "and belong to uid 9999"),
                    () -> assertEquals(cache, OverlayChecksTest.mount(tm, "cache").path("mountPath").asText(), "the pods mount an emptyDir there"),
                    () -> assertEquals(tmp, OverlayChecksTest.mount(tm, "tmp").path("mountPath").asText()));
        }
    }

    /** Java 17 takes its charset and file-name encoding from the locale; the Flink image sets UTF-8, the CUDA image not. */
    @Test
    void theGpuImageRunsJavaInAUtf8Locale() {
        Dockerfile.Stage gpu = dockerfile.stage("gpu").orElseThrow();
        assertAll(
                () -> assertTrue(gpu.env("LANG").orElse("").endsWith(".UTF-8"), "LANG " + gpu.env("LANG")),
                () -> assertTrue(gpu.env("LC_ALL").orElse("").endsWith(".UTF-8"), "LC_ALL " + gpu.env("LC_ALL")),
                () -> assertEquals("flink", dockerfile.stage("cpu").orElseThrow().from(),
                        "the cpu image keeps the Flink image's UTF-8 locale"));
    }

    private static String property(String javaOptions, String name) {
        Matcher m = Pattern.compile("-D" + Pattern.quote(name) + "=(\\S+)").matcher(javaOptions);
        if (!m.find()) {
            throw new AssertionError("JAVA_TOOL_OPTIONS does not set " + name + ": " + javaOptions);
        }
        return m.group(1);
    }

    private static boolean copies(Dockerfile.Stage stage, String from, String to) {
        return stage.all("COPY").stream().anyMatch(c -> c.args().contains(" " + from + " " + to) || c.args().endsWith(from + " " + to));
    }
}
