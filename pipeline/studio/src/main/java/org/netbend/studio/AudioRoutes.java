package org.netbend.studio;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.netbend.job.AudioKeys;
import org.netbend.plan.AudioDecoder;
import org.netbend.plan.AudioException;
import org.netbend.plan.AudioInfo;
import org.netbend.plan.FeatureTrack;
import org.netbend.service.client.AudioUpload;
import org.netbend.store.ObjectStore;

/** Uploading a track (streamed, size-limited, checked by decoding) and its features at an fps. */
final class AudioRoutes {
    private final ObjectStore store;
    private final TrackAnalyses analyses;
    private final Path work;
    private final long maxBytes;

    AudioRoutes(ObjectStore store, TrackAnalyses analyses, Path work, long maxBytes) {
        this.store = store;
        this.analyses = analyses;
        this.work = work;
        this.maxBytes = maxBytes;
    }

    /** POST /api/audio?name=song.wav with the file as the body. */
    void upload(Context ctx) throws IOException {
        String name = ctx.queryParam("name");
        String extension = extension(name);
        long declared = ctx.contentLength();
        if (declared > maxBytes) {
            throw new ApiException(413, "the upload is " + declared + " bytes; the limit is " + maxBytes);
        }
        Path incoming = Files.createTempDirectory(work, "upload-").resolve("track" + extension);
        try {
            copyAtMost(ctx.bodyInputStream(), incoming, maxBytes);
            AudioInfo info;
            try {
                info = AudioDecoder.probe(incoming);
            } catch (AudioException e) {
                throw new ApiException(415, "not an audio file this studio can decode: "
                        + e.getMessage().replace(incoming.toString(), name == null ? "the upload" : name));
            }
            AudioUpload.Uploaded upload = AudioUpload.of(store, incoming);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("key", upload.key());
            body.put("id", upload.key().substring("audio/".length()));
            body.put("name", name == null ? "track" + extension : Path.of(name).getFileName().toString());
            body.put("uploaded", upload.uploaded());
            body.put("durationSeconds", info.durationSeconds());
            ctx.status(upload.uploaded() ? 201 : 200).json(body);
        } finally {
            Files.deleteIfExists(incoming);
            Files.deleteIfExists(incoming.getParent());
        }
    }

    /** GET /api/audio/{id}/features?fps=20: every feature, onset and beat times. */
    void features(Context ctx) {
        String key = audioKey(ctx.pathParam("id"));
        FeatureTrack track = analyses.of(key, fps(ctx.queryParam("fps")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("audio", key);
        body.put("fps", track.fps());
        body.put("frameCount", track.frameCount());
        body.put("durationSeconds", track.durationSeconds());
        body.put("onsets", track.onsetTimes() == null ? new double[0] : track.onsetTimes());
        body.put("beats", track.beatTimes() == null ? new double[0] : track.beatTimes());
        body.put("features", track.features());
        ctx.json(body);
    }

    /** GET /api/audio/{id}: the track's bytes, for the page's player. */
    void audio(Context ctx) throws IOException {
        String key = audioKey(ctx.pathParam("id"));
        Path file = work.resolve(key.substring("audio/".length()));
        if (!Files.isRegularFile(file)) {
            if (!store.exists(key)) {
                throw ApiException.notFound("no audio " + key + " in the store");
            }
            store.getFile(key, file);
        }
        ctx.writeSeekableStream(Files.newInputStream(file), "application/octet-stream", Files.size(file));
    }

    /** The id of a URL ({@code {sha256}.ext}) as a store key, or a refusal: nothing else reaches the store. */
    static String audioKey(String id) {
        String key = "audio/" + id;
        if (!AudioKeys.KEY.matcher(key).matches()) {
            throw ApiException.badRequest("not an audio id (a SHA-256 and an extension): " + shown(id));
        }
        return key;
    }

    static double fps(String text) {
        if (text == null) {
            return 20;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("fps must be a number, got " + shown(text));
        }
    }

    /** The body to {@code target}, refused (413) past {@code maxBytes} and (400) when empty. */
    static void copyAtMost(InputStream in, Path target, long maxBytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream body = in; OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new ApiException(413, "the upload is over the limit of " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw ApiException.badRequest("the upload is empty");
        }
    }

    /** The extension the content key keeps (lower-case letters and digits), from the name the browser gave. */
    private static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        String ext = dot >= 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        return ext.matches("[a-z0-9]{1,8}") ? "." + ext : "";
    }

    static String shown(String text) {
        String s = text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", "?");
        return "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
    }
}
