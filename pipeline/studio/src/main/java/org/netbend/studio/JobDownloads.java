package org.netbend.studio;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.netbend.job.JobRequest;
import org.netbend.job.RequestSettings;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * A job's files to download: its features.json (as PLAN stored it), its frames as one zip (streamed frame by
 * frame, never built in memory) and its settings as the job YAML the page and {@code --job} load.
 */
final class JobDownloads {
    private final ObjectStore store;
    private final Path work;

    JobDownloads(ObjectStore store, Path work) {
        this.store = store;
        this.work = work;
    }

    /** GET /api/jobs/{id}/features.json */
    void features(Context ctx) throws IOException {
        String id = JobRoutes.jobId(ctx);
        String key = new JobKeys(id).features();
        if (!store.exists(key)) {
            throw ApiException.notFound("job " + id + " has no features.json yet (its PLAN stores it)");
        }
        Path file = Files.createTempFile(Files.createDirectories(work.resolve("downloads")), id + "-", ".json");
        try {
            store.getFile(key, file);
            attachment(ctx, "application/json", id + "-features.json");
            try (InputStream in = Files.newInputStream(file); OutputStream out = ctx.outputStream()) {
                in.transferTo(out);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** GET /api/jobs/{id}/frames.zip: every frame stored so far, in order, one read from the store at a time. */
    void frames(Context ctx) throws IOException {
        String id = JobRoutes.jobId(ctx);
        List<Integer> frames = store.list(new JobKeys(id).framesPrefix()).stream().map(JobKeys::frameIndexOf)
                .filter(OptionalInt::isPresent).map(OptionalInt::getAsInt).sorted().toList();
        if (frames.isEmpty()) {
            throw ApiException.notFound("job " + id + " has no frames stored yet");
        }
        JobKeys keys = new JobKeys(id);
        attachment(ctx, "application/zip", id + "-frames.zip");
        try (ZipOutputStream zip = new ZipOutputStream(ctx.outputStream())) {
            zip.setLevel(0); // PNGs are compressed already: stored, so the zip streams at the store's pace
            for (int n : frames) {
                byte[] png = store.get(keys.frame(n)).orElse(null);
                if (png == null) {
                    continue; // deleted since listed (a job started over): the zip holds what exists
                }
                zip.putNextEntry(new ZipEntry(String.format("%s/%06d.png", id, n)));
                zip.write(png);
                zip.closeEntry();
            }
        }
    }

    /** GET /api/jobs/{id}/settings.yaml: the stored request's settings as a job file (the track chosen apart). */
    void settings(Context ctx) throws IOException {
        String id = JobRoutes.jobId(ctx);
        JobRequest request = request(id);
        attachment(ctx, "application/yaml; charset=utf-8", id + ".yaml");
        ctx.result(RequestSettings.of(request, Path.of(id + ".yaml")).toYaml().getBytes(StandardCharsets.UTF_8));
    }

    /** The job's request as stored by the service when it accepted it. */
    JobRequest request(String id) throws IOException {
        byte[] json = store.get(new JobKeys(id).request())
                .orElseThrow(() -> ApiException.notFound("job " + id + " has no request in the store (not accepted)"));
        try {
            return JobRequest.fromJson(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ApiException(500, "job " + id + "'s request.json cannot be read: " + e.getMessage());
        }
    }

    private static void attachment(Context ctx, String type, String name) {
        ctx.contentType(type);
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
}
