package org.netbend.studio;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobFile;
import org.netbend.job.RequestBuilder;

/**
 * The page's settings as the job-file YAML that {@code --job} reads, and back, both through the job module's
 * {@link JobFile} and checked by its fields, so a downloaded file loads back to the same settings and text.
 */
final class JobFileRoutes {
    private static final Path NAME = Path.of("studio-job.yaml");

    private JobFileRoutes() { }

    /** POST /api/jobfile/yaml: settings (a JSON object of job-file fields) to YAML. */
    static void toYaml(Context ctx) {
        JobFile file = checked(new JobFile(NAME, Requests.object(ctx.bodyAsBytes())));
        ctx.contentType("application/yaml; charset=utf-8").result(file.toYaml());
    }

    /** POST /api/jobfile/settings: a job file's YAML to its settings as JSON. */
    static void toSettings(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        try {
            ctx.json(checked(JobFile.of(NAME, new String(body, StandardCharsets.UTF_8))).root());
        } catch (InvalidRequestException e) {
            throw new ApiException(400, e.getMessage(), Map.of("field", e.field()));
        }
    }

    private static JobFile checked(JobFile file) {
        try {
            file.applyTo(new RequestBuilder());
            return file;
        } catch (InvalidRequestException e) {
            throw new ApiException(400, e.getMessage(), Map.of("field", e.field()));
        }
    }
}
