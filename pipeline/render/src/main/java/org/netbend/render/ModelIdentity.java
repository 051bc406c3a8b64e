package org.netbend.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What a model folder is, independent of where it lies: a SHA-256 over every file that shapes the frames, in
 * path order, each as its relative path, its size and its content. Small files (configs, tokenizer files,
 * {@code model_index.json}) are hashed whole; large ones (ONNX graphs and their external weight files) by their
 * first and last {@value #SAMPLE} bytes: the head holds the graph's structure and the first weights, the tail the
 * last initializers, so two fine-tunes of one architecture (same sizes, same graph) still differ, and a
 * multi-gigabyte U-Net costs 2 MiB of reading, not a full pass. Documentation (README, licences), hidden files
 * and unfinished downloads ({@code .part}) are left out.
 *
 * <p>Digests are cached per folder and listing (path, size, modification time of every file), so a job id costs
 * one directory walk after the first time, and a changed file is noticed.
 *
 * @param sha256 64 lower-case hex digits
 */
public record ModelIdentity(String sha256) {
    static final int SAMPLE = 1 << 20;
    private static final Map<Path, Cached> CACHE = new ConcurrentHashMap<>();
    private static final AtomicInteger COMPUTED = new AtomicInteger();

    private record Cached(List<String> listing, ModelIdentity identity) { }

    /** The identity of the model folder {@code dir}; an unreadable folder is an UncheckedIOException naming it. */
    public static ModelIdentity of(Path dir) {
        try {
            Path root = dir.toRealPath();
            List<Path> files = files(root);
            List<String> listing = new ArrayList<>(files.size());
            for (Path f : files) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                listing.add(relative(root, f) + "\u0000" + a.size() + "\u0000" + a.lastModifiedTime().toMillis());
            }
            Cached cached = CACHE.get(root);
            if (cached != null && cached.listing().equals(listing)) {
                return cached.identity();
            }
            ModelIdentity identity = compute(root, files);
            CACHE.put(root, new Cached(listing, identity));
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model folder " + dir + " to identify it: " + e.getMessage(), e);
        }
    }

    /** The first {@code n} hex digits, for ids and logs. */
    public String prefix(int n) {
        return sha256.substring(0, n);
    }

    /** How many digests have been computed (not served from the cache) in this JVM; for tests. */
    static int computed() {
        return COMPUTED.get();
    }

    private static ModelIdentity compute(Path root, List<Path> files) throws IOException {
        COMPUTED.incrementAndGet();
        MessageDigest digest = newDigest();
        for (Path f : files) {
            long size = Files.size(f);
            digest.update((relative(root, f) + "\u0000" + size + "\u0000").getBytes(StandardCharsets.UTF_8));
            try (FileChannel channel = FileChannel.open(f, StandardOpenOption.READ)) {
                if (size <= 2L * SAMPLE) {
                    update(digest, channel, 0, size);
                } else {
                    update(digest, channel, 0, SAMPLE);
                    update(digest, channel, size - SAMPLE, SAMPLE);
                }
            }
        }
        return new ModelIdentity(HexFormat.of().formatHex(digest.digest()));
    }

    private static void update(MessageDigest digest, FileChannel channel, long from, long length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, 64 * 1024));
        long position = from;
        long end = from + length;
        while (position < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("file shrank while it was read");
            }
            buffer.flip();
            digest.update(buffer);
            position += read;
        }
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("not a folder");
        }
        try (Stream<Path> walk = Files.walk(root, 4)) {
            return walk.filter(Files::isRegularFile).filter(f -> shapesFrames(root.relativize(f)))
                    .sorted((a, b) -> relative(root, a).compareTo(relative(root, b))).toList();
        }
    }

    private static boolean shapesFrames(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
        return !(name.endsWith(".md") || name.startsWith("readme") || name.startsWith("license")
                || name.endsWith(".part"));
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
