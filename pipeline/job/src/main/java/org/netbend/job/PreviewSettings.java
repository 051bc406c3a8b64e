package org.netbend.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.bend.Layers;

/**
 * A preview as a client asks for it ({@code "preview": {"every": 4, "steps": 12, "size": "256x256"}} in a
 * request, {@code render --preview 4,12,256x256} on the command line), turned into the request it renders by
 * {@link #apply}: the full render's request with fewer steps, another size, its bends' layers scaled to the same
 * fraction of the shorter schedule, and a {@link Preview} that PLAN honours. Applied to a request with the
 * preview's own steps and size (how a client writes a preview request back on the wire), it gives the same
 * request: the scale is then 1.
 *
 * @param every  render every k-th frame of the full render
 * @param steps  sampler steps, or 0 for a quarter of the render's (rounded up)
 * @param size   WxH, or null for the render's size (another size is another composition: the noise has another shape)
 * @param frames at most this many preview frames, or 0 for all
 */
public record PreviewSettings(int every, int steps, String size, int frames) {
    public static final int DEFAULT_EVERY = 4;
    /** The default steps are the render's divided by this, rounded up. */
    public static final int STEPS_DIVISOR = 4;
    private static final Set<String> KEYS = Set.of("every", "steps", "size", "frames");

    /** The default preview: every 4th frame, a quarter of the steps, the render's size. */
    public static PreviewSettings defaults() {
        return new PreviewSettings(DEFAULT_EVERY, 0, null, 0);
    }

    /** {@code EVERY[,STEPS[,WxH]]}, as {@code render --preview} takes it; empty for the defaults. */
    public static PreviewSettings parse(String text) {
        if (text == null || text.isBlank()) {
            return defaults();
        }
        String[] parts = text.strip().split(",", -1);
        if (parts.length > 3) {
            throw new InvalidRequestException("preview", "is EVERY[,STEPS[,WxH]], got '" + Echo.safe(text) + "'");
        }
        int every = whole("preview.every", parts[0]);
        int steps = parts.length > 1 && !parts[1].isBlank() ? whole("preview.steps", parts[1]) : 0;
        String size = parts.length > 2 && !parts[2].isBlank() ? parts[2].strip() : null;
        return new PreviewSettings(every, steps, size, 0);
    }

    /** The request field {@code preview}: {@code {every?, steps?, size?, frames?}}. */
    public static PreviewSettings of(JsonNode node) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new InvalidRequestException("preview." + name, "is not a field of a preview (every, steps, size, "
                        + "frames)");
            }
        }
        int every = integer(node, "every", DEFAULT_EVERY);
        int steps = integer(node, "steps", 0);
        int frames = integer(node, "frames", 0);
        JsonNode size = node.get("size");
        if (size != null && !size.isNull() && !size.isTextual()) {
            throw new InvalidRequestException("preview.size", "must be text such as 256x256, got "
                    + RequestFields.shown(size));
        }
        return new PreviewSettings(every, steps, size == null || size.isNull() ? null : size.asText(), frames);
    }

    /** The preview of {@code full}: a request of its own, checked whole. */
    public JobRequest apply(JobRequest full) {
        if (full.preview() != null) {
            throw new InvalidRequestException("preview", "is given twice");
        }
        int previewSteps = steps > 0 ? steps : (full.steps() + STEPS_DIVISOR - 1) / STEPS_DIVISOR;
        if (previewSteps > JobRequest.MAX_STEPS) {
            throw new InvalidRequestException("preview.steps", "must be in 1.." + JobRequest.MAX_STEPS + ", got "
                    + previewSteps);
        }
        int width = full.width();
        int height = full.height();
        if (size != null) {
            int[] wh = RequestBuilder.sizeOf("preview.size", size);
            width = wh[0];
            height = wh[1];
        }
        Preview preview = new Preview(every, frames);
        int fullRun = full.stepsRun();
        int previewRun = full.isImg2img() ? (int) (full.strength() * previewSteps) : previewSteps;
        if (previewRun < 1) {
            throw new InvalidRequestException("preview.steps", previewSteps + " steps at strength " + full.strength()
                    + " run no step of img2img; give more");
        }
        List<String> bends = new ArrayList<>();
        for (String bend : full.bends()) {
            bends.add(scaled(BendParser.parse(bend), fullRun, previewRun).canonical());
        }
        return full.asPreview(preview, previewSteps, width, height, bends).validated();
    }

    /** The bend acting at the same fraction of a schedule of {@code to} steps as it does in one of {@code from}. */
    static BendSpec scaled(BendSpec bend, int from, int to) {
        Layers layers = bend.layers();
        if (layers instanceof Layers.At at) {
            layers = new Layers.At(layer(at.step(), from, to));
        } else if (layers instanceof Layers.Span span) {
            layers = new Layers.Span(layer(span.from(), from, to), layer(span.to(), from, to));
        } // final and every fit any schedule
        return new BendSpec(bend.operators(), layers, bend.target(), bend.sources(), bend.site());
    }

    private static int layer(int layer, int from, int to) {
        return Math.min(to - 1, (int) ((long) layer * to / from));
    }

    private static int whole(String field, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "must be a whole number, got '" + Echo.safe(text) + "'");
        }
    }

    private static int integer(JsonNode node, String key, int fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidRequestException("preview." + key, "must be a whole number, got "
                    + RequestFields.shown(value));
        }
        return value.asInt();
    }
}
