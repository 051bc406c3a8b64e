package org.netbend.studio;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.netbend.job.AudioKeys;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioException;
import org.netbend.service.client.AudioUpload;
import org.netbend.store.ObjectStore;

/**
 * A track's MIDI file: streamed to a temp file with a size limit, checked by decoding (the notes PLAN reads,
 * not the name), stored under its content address {@code midi/{sha256}.mid} as {@code submit --midi} does. A
 * stem is audio and goes through {@code POST /api/audio}, as {@code submit --stem} stores stems under
 * {@code audio/}; the job the page creates names both ({@code stems: {NAME: KEY}}, {@code midi: KEY}).
 */
final class MidiRoutes {
    /** The only shape of MIDI key this studio serves or names: a content address. */
    static final Pattern KEY = Pattern.compile("midi/[0-9a-f]{64}\\.mid");

    private final ObjectStore store;
    private final Path work;
    private final long maxBytes;

    MidiRoutes(ObjectStore store, Path work, long maxBytes) {
        this.store = store;
        this.work = work;
        this.maxBytes = maxBytes;
    }

    /** POST /api/midi?name=piece.mid with the file as the body. */
    void upload(Context ctx) throws IOException {
        String name = ctx.queryParam("name");
        if (ctx.contentLength() > maxBytes) {
            throw new ApiException(413, "the upload is " + ctx.contentLength() + " bytes; the limit is " + maxBytes);
        }
        Path incoming = Files.createTempDirectory(Files.createDirectories(work), "midi-").resolve("piece.mid");
        try {
            AudioRoutes.copyAtMost(ctx.bodyInputStream(), incoming, maxBytes);
            Set<String> features;
            try {
                features = AudioAnalyzer.midiFeaturesOf(incoming);
            } catch (AudioException e) {
                throw new ApiException(415, "not a MIDI file this studio can read: "
                        + e.getMessage().replace(incoming.toString(), name == null ? "the upload" : name));
            }
            AudioUpload.Uploaded upload = AudioUpload.of(store, incoming, AudioKeys.midiOf(incoming));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("key", upload.key());
            body.put("name", name == null ? "piece.mid" : Path.of(name).getFileName().toString());
            body.put("uploaded", upload.uploaded());
            body.put("features", features); // note@ch1, velocity@ch1, ...: what bends can read
            ctx.status(upload.uploaded() ? 201 : 200).json(body);
        } finally {
            Files.deleteIfExists(incoming);
            Files.deleteIfExists(incoming.getParent());
        }
    }
}
