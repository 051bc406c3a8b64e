package org.netbend.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioException;
import org.netbend.plan.AudioSources;
import org.netbend.plan.FeatureTrack;
import org.netbend.store.ObjectStore;

/**
 * The analysis of each track at each fps, computed once (the same analyzer as PLAN) and kept, so that
 * parameter tracks are redrawn as the artist types without decoding the audio again.
 */
final class TrackAnalyses {
    private final ObjectStore store;
    private final Path work;
    private final Map<String, FeatureTrack> done = new ConcurrentHashMap<>();

    TrackAnalyses(ObjectStore store, Path work) {
        this.store = store;
        this.work = work;
    }

    /** @param key an audio key already checked ({@code audio/{sha256}.ext}) */
    FeatureTrack of(String key, double fps) {
        if (!(fps > 0 && fps <= 240)) {
            throw ApiException.badRequest("fps must be in (0, 240], got " + fps);
        }
        return done.computeIfAbsent(key + "@" + fps, k -> analyse(key, fps));
    }

    private FeatureTrack analyse(String key, double fps) {
        Path file = work.resolve(key.substring(key.indexOf('/') + 1));
        try {
            if (!store.exists(key)) {
                throw ApiException.notFound("no audio " + key + " in the store: upload it first");
            }
            if (!Files.isRegularFile(file)) {
                store.getFile(key, file);
            }
            return AudioAnalyzer.analyzeFully(AudioSources.of(file), AnalysisOptions.defaults(fps)).track();
        } catch (AudioException e) {
            throw new ApiException(422, e.getMessage());
        } catch (IOException e) {
            throw new ApiException(500, "could not read " + key + ": " + e.getMessage());
        }
    }
}
