package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.render.toy.ToyModelSpec;

/**
 * The hf: download against a JDK HttpServer on 127.0.0.1 that speaks the two Hub endpoints used
 * (the revision listing with blobs, and resolve with Range support) and serves the toy model's files.
 */
class HuggingFaceDownloaderTest {
    private static final String REPO = "netbend/toy-sd";
    private static final String LFS_FILE = "unet/model.onnx";

    @TempDir
    Path cache;

    private HttpServer server;
    private final Map<String, byte[]> files = new TreeMap<>();
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger truncateNext = new AtomicInteger();
    private volatile byte[] corruptLfs;

    @BeforeEach
    void serveTheToyModel() throws Exception {
        Path toy = ToyModels.folder(ToyModelSpec.DEFAULT);
        try (Stream<Path> walk = Files.walk(toy)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(toy.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        files.put("safety_checker/model.onnx", new byte[] {1, 2, 3}); // must not be downloaded
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/models/" + REPO + "/revision/onnx", this::listing);
        server.createContext("/" + REPO + "/resolve/onnx/", this::resolve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void listing(HttpExchange exchange) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("id", REPO).put("sha", "0123abcd");
        ArrayNode siblings = root.putArray("siblings");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ObjectNode s = siblings.addObject().put("rfilename", f.getKey()).put("size", f.getValue().length);
            if (f.getKey().endsWith(".onnx")) {
                s.putObject("lfs").put("sha256", hex("SHA-256", f.getValue())).put("size", f.getValue().length);
            } else {
                byte[] header = ("blob " + f.getValue().length + "\0").getBytes(StandardCharsets.US_ASCII);
                s.put("blobId", hex("SHA-1", header, f.getValue()));
            }
        }
        send(exchange, 200, json.writeValueAsBytes(root), -1);
    }

    private void resolve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(("/" + REPO + "/resolve/onnx/").length());
        byte[] body = path.equals(LFS_FILE) && corruptLfs != null ? corruptLfs : files.get(path);
        if (body == null) {
            send(exchange, 404, new byte[0], -1);
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null && path.equals(LFS_FILE)) {
            rangeHeaders.add(range);
            from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        byte[] part = java.util.Arrays.copyOfRange(body, from, body.length);
        int cut = path.equals(LFS_FILE) && truncateNext.getAndSet(0) > 0 ? part.length / 3 : -1;
        send(exchange, from > 0 ? 206 : 200, part, cut);
    }

    /** Sends {@code body}; with {@code cutAt >= 0} announces the full length but stops there (a dropped connection). */
    private static void send(HttpExchange exchange, int status, byte[] body, int cutAt) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, cutAt >= 0 ? cutAt : body.length);
            out.flush();
        }
        exchange.close();
    }

    private static String hex(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                md.update(p);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void downloadsOnceWithProgressThenWorksOffline() throws Exception {
        List<String> finished = new CopyOnWriteArrayList<>();
        DownloadListener listener = new DownloadListener() {
            @Override
            public void finished(String file, long total) {
                finished.add(file);
            }
        };
        ModelResolver resolver = new ModelResolver(cache, listener, endpoint());
        Path dir = resolver.resolve(ModelSource.parse("hf:" + REPO + "@onnx"));
        assertEquals(cache.resolve("hf/netbend--toy-sd/onnx"), dir);
        assertArrayEquals(files.get(LFS_FILE), Files.readAllBytes(dir.resolve(LFS_FILE)));
        assertTrue(finished.containsAll(List.of(LFS_FILE, "tokenizer/vocab.json", "model_index.json")), finished.toString());
        assertFalse(Files.exists(dir.resolve("safety_checker")), "only the ONNX pipeline parts are fetched");

        server.stop(0); // offline from here on
        assertEquals(dir, resolver.resolve(ModelSource.parse("hf:" + REPO + "@onnx")));
        try (StableDiffusion sd = StableDiffusion.open(dir, RuntimeOptions.cpu().withThreads(1))) {
            assertEquals(64, sd.info().textWidth());
        }
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        truncateNext.set(1);
        ModelResolver resolver = new ModelResolver(cache, DownloadListener.SILENT, endpoint());
        IOException first = assertThrows(IOException.class, () -> resolver.resolve(ModelSource.parse("hf:" + REPO + "@onnx")));
        assertTrue(first.getMessage().contains("run again"), first.getMessage());
        Path part = cache.resolve("hf/netbend--toy-sd/onnx/" + LFS_FILE + ".part");
        long partial = Files.size(part);
        assertTrue(partial > 0 && partial < files.get(LFS_FILE).length, "partial bytes kept: " + partial);

        Path dir = resolver.resolve(ModelSource.parse("hf:" + REPO + "@onnx"));
        assertEquals(List.of("bytes=" + partial + "-"), rangeHeaders);
        assertArrayEquals(files.get(LFS_FILE), Files.readAllBytes(dir.resolve(LFS_FILE)));
        assertFalse(Files.exists(part));
    }

    @Test
    void aCorruptFileIsRejectedAndRemoved() {
        byte[] bad = files.get(LFS_FILE).clone();
        bad[bad.length / 2] ^= 0x55;
        corruptLfs = bad;
        ModelResolver resolver = new ModelResolver(cache, DownloadListener.SILENT, endpoint());
        IOException e = assertThrows(IOException.class, () -> resolver.resolve(ModelSource.parse("hf:" + REPO + "@onnx")));
        assertTrue(e.getMessage().contains(LFS_FILE) && e.getMessage().contains("corrupt"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("hf/netbend--toy-sd/onnx/" + LFS_FILE)));
        assertFalse(Files.exists(cache.resolve("hf/netbend--toy-sd/onnx/" + LFS_FILE + ".part")));
    }

    @Test
    void offlineSaysWhatToDownloadAndWhere() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        ModelResolver resolver = new ModelResolver(cache, DownloadListener.SILENT, "http://127.0.0.1:" + port);
        IOException e = assertThrows(IOException.class,
                () -> resolver.resolve(ModelSource.parse("hf:CompVis/stable-diffusion-v1-4@onnx")));
        String m = e.getMessage();
        assertTrue(m.startsWith("cannot reach http://127.0.0.1:" + port), m);
        assertTrue(m.contains("unet/model.onnx") && m.contains("https://huggingface.co/CompVis/stable-diffusion-v1-4/tree/onnx")
                && m.contains("--model DIR") && m.contains(cache.resolve("hf/CompVis--stable-diffusion-v1-4/onnx").toString()), m);
    }

    @Test
    void unknownRepositoriesAreNamed() {
        ModelResolver resolver = new ModelResolver(cache, DownloadListener.SILENT, endpoint());
        IOException e = assertThrows(IOException.class, () -> resolver.resolve(ModelSource.parse("hf:nobody/nothing@onnx")));
        assertTrue(e.getMessage().contains("nobody/nothing@onnx does not exist"), e.getMessage());
    }

    @Test
    void toyAndFolderSourcesResolveLocally() throws Exception {
        ModelResolver resolver = new ModelResolver(cache, DownloadListener.SILENT, endpoint());
        Path toy = resolver.resolve(ModelSource.toy());
        assertEquals(cache.resolve("toy-" + org.netbend.render.toy.ToyModelGenerator.VERSION), toy);
        long modified = Files.getLastModifiedTime(toy.resolve(LFS_FILE)).toMillis();
        assertEquals(toy, resolver.resolve(ModelSource.toy()));
        assertEquals(modified, Files.getLastModifiedTime(toy.resolve(LFS_FILE)).toMillis(), "reused, not rewritten");
        assertEquals(toy, resolver.resolve(ModelSource.folder(toy)));
        Files.delete(toy.resolve("tokenizer/merges.txt"));
        IOException e = assertThrows(IOException.class, () -> resolver.resolve(ModelSource.folder(toy)));
        assertTrue(e.getMessage().contains("missing tokenizer/merges.txt"), e.getMessage());
    }
}
