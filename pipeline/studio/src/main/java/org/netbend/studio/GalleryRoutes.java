package org.netbend.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.bend.GallerySweep;
import org.netbend.job.RequestBuilder;
import org.netbend.job.Submission;

/**
 * {@code POST /api/galleries}: the CLI's gallery (one bend over values, and over layers or sites) as jobs. Each
 * cell is the page's request with the cell's bend alone, as a one-frame preview at the render's steps and size
 * ({@code preview: {every: 1, frames: 1, steps}}): frame 0 of the track. The cells go to the requests topic like
 * any job, so on a farm they render on the farm's slots; the page shows a cell when its frame 0 is stored.
 */
final class GalleryRoutes {
    /** Cells per gallery (the plain column included): a grid a page shows at once, and a bounded queue. */
    static final int MAX_CELLS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields of a request that a cell sets itself, or that would tie cells to one job id or output. */
    private static final List<String> CELL_FIELDS = List.of("job-id", "output", "bends", "preview");

    private final JobRoutes jobs;

    GalleryRoutes(JobRoutes jobs) {
        this.jobs = jobs;
    }

    /** 202 with the grid: its labels and each cell's job id; 400 naming the field, or the cell, that is wrong. */
    void create(Context ctx) {
        JsonNode body = Requests.object(ctx.bodyAsBytes());
        JsonNode request = body.get("request");
        if (request == null || !request.isObject()) {
            throw new ApiException(400, "request must be the request of POST /api/jobs (an object)",
                    Map.of("field", "request"));
        }
        GallerySweep sweep;
        try {
            sweep = GallerySweep.of(Requests.text(body, "bend"), Requests.text(body, "values"),
                    list(body, "layers"), list(body, "sites"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), Map.of("field", "bend"));
        }
        int cells = sweep.rows().size() * (sweep.values().length + 1);
        if (cells > MAX_CELLS) {
            throw new ApiException(400, "the gallery has " + cells + " cells (" + sweep.rows().size() + " rows x "
                    + (sweep.values().length + 1) + " columns); at most " + MAX_CELLS, Map.of("field", "values"));
        }
        ObjectNode base = ((ObjectNode) request).deepCopy();
        CELL_FIELDS.forEach(base::remove);
        JsonNode steps = request.get("steps");
        ObjectNode preview = base.putObject("preview");
        preview.put("every", 1).put("frames", 1);
        // The render's steps, so that a cell shows the look the render will have (bend layers unscaled).
        preview.put("steps", steps != null && steps.canConvertToInt() ? steps.asInt() : RequestBuilder.DEFAULT_STEPS);

        Submission plain = cell(base, null, "the cell without the bend");
        List<Map<String, Object>> answer = new ArrayList<>();
        Map<String, Submission> toSend = new LinkedHashMap<>(); // by job id: equal cells are one job
        toSend.put(plain.jobId(), plain);
        for (int r = 0; r < sweep.rows().size(); r++) {
            answer.add(entry(r, 0, null, plain.jobId()));
            for (int c = 0; c < sweep.values().length; c++) {
                String text = sweep.cellText(r, c);
                Submission one = cell(base, text, "cell " + sweep.rowLabels().get(r) + ", value "
                        + sweep.columnLabels().get(c + 1));
                toSend.put(one.jobId(), one);
                answer.add(entry(r, c + 1, text, one.jobId()));
            }
        }
        toSend.values().forEach(jobs::submit); // only once every cell is checked: never half a gallery
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("rows", sweep.rowLabels());
        grid.put("columns", sweep.columnLabels());
        grid.put("cells", answer);
        if (sweep.deprecation() != null) {
            grid.put("warning", "values " + sweep.deprecation());
        }
        ctx.status(202).json(grid);
    }

    private Submission cell(ObjectNode base, String bend, String which) {
        ObjectNode cell = base.deepCopy();
        ArrayNode bends = cell.putArray("bends");
        if (bend != null) {
            bends.add(bend);
        }
        try {
            return jobs.decode(JSON.writeValueAsString(cell).getBytes(StandardCharsets.UTF_8));
        } catch (ApiException e) {
            Map<String, Object> details = new LinkedHashMap<>(e.body());
            details.remove("error");
            throw new ApiException(e.status(), which + ": " + e.getMessage(), details);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree Jackson built always writes
        }
    }

    private static Map<String, Object> entry(int row, int column, String bend, String jobId) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("row", row);
        cell.put("column", column);
        cell.put("bend", bend);
        cell.put("jobId", jobId);
        return cell;
    }

    private static List<String> list(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ApiException(400, field + " must be a list of text", Map.of("field", field));
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new ApiException(400, field + " must be a list of text", Map.of("field", field));
            }
            items.add(item.asText());
        }
        return items;
    }
}
