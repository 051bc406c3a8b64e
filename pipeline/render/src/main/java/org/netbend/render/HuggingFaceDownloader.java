package org.netbend.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Downloads the ONNX parts of a Hugging Face repository once: the file list comes from the Hub API
 * ({@code /api/models/REPO/revision/REV?blobs=true}), each file from {@code /REPO/resolve/REV/PATH}.
 * <ul>
 *   <li>resumable: bytes go to {@code PATH.part}; a later run continues it with an HTTP Range request;</li>
 *   <li>verified: LFS files against their sha256, small files against their git blob id, sizes always;</li>
 *   <li>once complete, a marker file makes later runs work offline without asking the server.</li>
 * </ul>
 * The endpoint is {@code NETBEND_HF_ENDPOINT} (or {@code HF_ENDPOINT}) when set, else https://huggingface.co;
 * {@code HF_TOKEN} is sent as a bearer token for gated repositories.
 */
public final class HuggingFaceDownloader {
    static final String COMPLETE_MARKER = ".netbend-complete";
    private static final List<String> FOLDERS =
            List.of("text_encoder/", "unet/", "vae_decoder/", "vae_encoder/", "tokenizer/", "scheduler/");
    private static final int PROGRESS_STEP = 1 << 20;

    private final String endpoint;
    private final Path root;
    private final DownloadListener listener;
    private final HttpClient http;
    private final String token;

    public HuggingFaceDownloader(String endpoint, Path root, DownloadListener listener) {
        this.endpoint = stripSlash(endpoint == null ? defaultEndpoint() : endpoint);
        this.root = root;
        this.listener = listener == null ? DownloadListener.SILENT : listener;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        this.token = System.getenv("HF_TOKEN");
    }

    /** {@code NETBEND_HF_ENDPOINT}, else {@code HF_ENDPOINT}, else https://huggingface.co. */
    public static String defaultEndpoint() {
        for (String name : List.of("NETBEND_HF_ENDPOINT", "HF_ENDPOINT")) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "https://huggingface.co";
    }

    /** The local folder of {@code repo@revision}, downloading what is missing. */
    public Path download(String repo, String revision) throws IOException {
        Path dir = root.resolve(repo.replace("/", "--")).resolve(revision.replace("/", "--"));
        if (Files.isRegularFile(dir.resolve(COMPLETE_MARKER))) {
            return dir;
        }
        List<RemoteFile> files;
        try {
            files = listFiles(repo, revision);
        } catch (OfflineException e) {
            if (Files.isDirectory(dir) && ModelLayout.missing(dir).isEmpty() && noPartialFiles(dir)) {
                return dir; // offline, but the user put a complete export where the message said
            }
            throw e;
        }
        Files.createDirectories(dir);
        for (RemoteFile file : files) {
            fetch(repo, revision, file, dir);
        }
        List<String> missing = ModelLayout.missing(dir);
        if (!missing.isEmpty()) {
            throw new IOException(repo + "@" + revision + " is not a Stable Diffusion ONNX export: it has no "
                    + String.join(", ", missing) + " (try the onnx revision, e.g. hf:" + repo + "@onnx)");
        }
        Files.writeString(dir.resolve(COMPLETE_MARKER), repo + "@" + revision + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    /** The server cannot be reached at all. */
    static final class OfflineException extends IOException {
        OfflineException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static boolean noPartialFiles(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.noneMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
    }

    record RemoteFile(String path, long size, String sha256, String gitBlobId) { }

    List<RemoteFile> listFiles(String repo, String revision) throws IOException {
        URI uri = URI.create(endpoint + "/api/models/" + repo + "/revision/" + revision + "?blobs=true");
        HttpResponse<byte[]> response = send(repo, revision, request(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException(repo + "@" + revision + ": access denied (HTTP " + response.statusCode()
                    + "); accept the model's licence on its page and set HF_TOKEN");
        }
        if (response.statusCode() == 404) {
            throw new IOException(repo + "@" + revision + " does not exist on " + endpoint);
        }
        if (response.statusCode() != 200) {
            throw new IOException("listing " + repo + "@" + revision + " failed: HTTP " + response.statusCode());
        }
        JsonNode json = new ObjectMapper().readTree(response.body());
        List<RemoteFile> files = new ArrayList<>();
        for (JsonNode sibling : json.path("siblings")) {
            String path = sibling.path("rfilename").asText();
            if (!wanted(path)) {
                continue;
            }
            if (path.contains("..") || path.startsWith("/")) {
                throw new IOException("refusing unsafe file name from the server: " + path);
            }
            JsonNode lfs = sibling.path("lfs");
            long size = lfs.has("size") ? lfs.path("size").asLong() : sibling.path("size").asLong(-1);
            files.add(new RemoteFile(path, size, lfs.path("sha256").asText(null), sibling.path("blobId").asText(null)));
        }
        if (files.isEmpty()) {
            throw new IOException(repo + "@" + revision + " has no ONNX model files (" + String.join(", ", FOLDERS)
                    + "); try the onnx revision, e.g. hf:" + repo + "@onnx");
        }
        return files;
    }

    private static boolean wanted(String path) {
        return path.equals("model_index.json") || FOLDERS.stream().anyMatch(path::startsWith);
    }

    private void fetch(String repo, String revision, RemoteFile file, Path dir) throws IOException {
        Path target = dir.resolve(file.path());
        if (Files.isRegularFile(target) && (file.size() < 0 || Files.size(target) == file.size())) {
            return; // verified when it was moved into place
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (file.size() >= 0 && have > file.size()) {
            Files.delete(part);
            have = 0;
        }
        listener.started(file.path(), have, file.size());
        if (file.size() < 0 || have < file.size()) {
            URI uri = URI.create(endpoint + "/" + repo + "/resolve/" + revision + "/" + file.path());
            HttpRequest.Builder request = request(uri).GET();
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response = send(repo, revision, request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            try (InputStream in = response.body()) {
                if (status == 200) {
                    have = 0; // the server ignored the range: start over
                } else if (status != 206) {
                    throw new IOException("downloading " + file.path() + " of " + repo + "@" + revision
                            + " failed: HTTP " + status);
                }
                try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                        have == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
                    byte[] buffer = new byte[64 * 1024];
                    long reported = have;
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        have += n;
                        if (have - reported >= PROGRESS_STEP) {
                            listener.progress(file.path(), have, file.size());
                            reported = have;
                        }
                    }
                }
            } catch (IOException e) {
                throw new IOException("download of " + file.path() + " interrupted at " + have + " bytes ("
                        + e.getMessage() + "); run again to resume", e);
            }
        }
        verify(file, part);
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        listener.progress(file.path(), Files.size(target), file.size());
        listener.finished(file.path(), Files.size(target));
    }

    private static void verify(RemoteFile file, Path part) throws IOException {
        long size = Files.size(part);
        if (file.size() >= 0 && size != file.size()) {
            throw new IOException(file.path() + " is " + size + " bytes, expected " + file.size()
                    + "; the connection ended early, run again to resume");
        }
        String expected = null;
        String actual = null;
        if (file.sha256() != null) {
            expected = file.sha256();
            actual = digest("SHA-256", null, part);
        } else if (file.gitBlobId() != null) {
            expected = file.gitBlobId();
            actual = digest("SHA-1", ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII), part);
        }
        if (expected != null && !expected.equalsIgnoreCase(actual)) {
            Files.delete(part);
            throw new IOException(file.path() + " is corrupt (checksum " + actual + ", expected " + expected
                    + "); it was removed, run again to download it afresh");
        }
    }

    private static String digest(String algorithm, byte[] prefix, Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            if (prefix != null) {
                md.update(prefix);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    md.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30))
                .header("User-Agent", "netbend");
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token.strip());
        }
        return b;
    }

    private <T> HttpResponse<T> send(String repo, String revision, HttpRequest request,
            HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (ConnectException | UnknownHostException | HttpConnectTimeoutException e) {
            throw new OfflineException(offlineMessage(repo, revision, e), e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnknownHostException) {
                throw new OfflineException(offlineMessage(repo, revision, e), e);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + repo + "@" + revision + " interrupted", e);
        }
    }

    private String offlineMessage(String repo, String revision, Exception cause) {
        return "cannot reach " + endpoint + " to download " + repo + "@" + revision + " (" + cause
                + "). Either connect and run again (downloads resume), or fetch the ONNX export yourself - "
                + String.join(", ", ModelLayout.REQUIRED) + ", " + ModelLayout.VAE_ENCODER
                + " and any unet/*.pb weights, from https://huggingface.co/" + repo + "/tree/" + revision
                + " - into " + root.resolve(repo.replace("/", "--")).resolve(revision.replace("/", "--"))
                + " (or any folder) and pass it with --model DIR";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
