package org.netbend.studio;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netbend.render.DownloadListener;
import org.netbend.render.ModelLayout;
import org.netbend.render.ModelResolver;
import org.netbend.render.ModelSource;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.site.SiteModels;

/**
 * GET /api/models: the models the studio's requests render with, each with its U-Net sites and their channel
 * counts (what the page's bend controls offer). Sites come from the model's own graph, read once per model, as
 * {@code netbend sites} and the service's site check read them; a model that is not on this machine (a Hugging
 * Face name not yet fetched: a farm's slots fetch it, the studio never downloads one) is listed without sites.
 */
final class ModelRoutes {
    private final List<String> models;
    private final String defaultModel;
    private final Path toyCache;
    private final Map<String, Map<String, Object>> described = new ConcurrentHashMap<>();

    /** @param toyCache where the toy model is generated (it is made, never downloaded) */
    ModelRoutes(String defaultModel, List<String> models, Path toyCache) {
        this.defaultModel = defaultModel;
        this.models = List.copyOf(models);
        this.toyCache = toyCache;
    }

    void list(Context ctx) {
        List<Map<String, Object>> answer = new ArrayList<>();
        for (String model : models) {
            answer.add(described.computeIfAbsent(model, this::describe));
        }
        ctx.json(Map.of("models", answer));
    }

    private Map<String, Object> describe(String model) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("name", model);
        one.put("default", model.equals(defaultModel));
        ModelSource source = ModelSource.parse(model);
        if (source.kind() == ModelSource.Kind.HUGGING_FACE) {
            one.put("sites", List.of());
            one.put("note", "not on the studio's machine: its sites are checked by the service when a job names them");
            return one;
        }
        try {
            Path dir = new ModelResolver(toyCache, DownloadListener.SILENT).resolve(source);
            List<Map<String, Object>> sites = new ArrayList<>();
            try (SiteModels unet = new SiteModels(dir.resolve(ModelLayout.UNET), RuntimeOptions.cpu().withThreads(1))) {
                Map<String, Integer> channels = unet.channels();
                for (String site : unet.names()) {
                    sites.add(Map.of("site", site, "channels", channels.getOrDefault(site, 0)));
                }
            }
            one.put("sites", sites);
        } catch (IOException | RuntimeException e) {
            one.put("sites", List.of());
            one.put("note", "its sites could not be read: " + e.getMessage());
        }
        return one;
    }
}
