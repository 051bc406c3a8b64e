package org.netbend.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioException;
import org.netbend.plan.AudioSources;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.store.ObjectStore;
import org.slf4j.LoggerFactory;

/**
 * The analysis of each track at each fps, computed once (the same analyzer as PLAN) and kept, so that
 * parameter tracks are redrawn as the artist types without decoding the audio again. Kept in memory and in the
 * store ({@link #key}: the track's content address, the fps and the analyzer's version), so a restarted studio,
 * or another studio on the same store, does not analyse a track again.
 */
final class TrackAnalyses {
    private final ObjectStore store;
    private final Path work;
    private final Map<String, FeatureTrack> done = new ConcurrentHashMap<>();

    TrackAnalyses(ObjectStore store, Path work) {
        this.store = store;
        this.work = work;
    }

    /**
     * Where the analysis of {@code audioKey} at {@code fps} is kept in the store: {@code studio/analyses/{sha256}
     * -{fps}fps-v{version}.json}. A new analyzer version reads none of the old ones.
     */
    static String key(String audioKey, double fps) {
        String name = audioKey.substring(audioKey.indexOf('/') + 1);
        String sha = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return "studio/analyses/" + sha + "-" + fps + "fps-v" + AudioAnalyzer.VERSION + ".json";
    }

    /** @param key an audio key already checked ({@code audio/{sha256}.ext}) */
    FeatureTrack of(String key, double fps) {
        if (!(fps > 0 && fps <= 240)) {
            throw ApiException.badRequest("fps must be in (0, 240], got " + fps);
        }
        return done.computeIfAbsent(key + "@" + fps, k -> stored(key, fps).orElseGet(() -> analyse(key, fps)));
    }

    /**
     * The mix's analysis with its stems' (each analysed and kept as the mix is, {@link #of}) as
     * {@code feature@stem} and the named MIDI features of the MIDI file, merged by PLAN's own code
     * ({@link AudioAnalyzer#withSources}), so a bend reads the values the job renders with.
     *
     * @param stems   stem name to an audio key already checked ({@code audio/{sha256}.ext}); may be empty
     * @param midiKey a MIDI key already checked ({@code midi/{sha256}.mid}), or null
     */
    FeatureTrack withSources(String key, double fps, Map<String, String> stems, String midiKey,
            Set<String> midiFeatures) {
        FeatureTrack mix = of(key, fps);
        if (stems.isEmpty() && (midiKey == null || midiFeatures.isEmpty())) {
            return mix;
        }
        Map<String, FeatureTrack> stemTracks = new LinkedHashMap<>();
        stems.forEach((name, stemKey) -> stemTracks.put(name, of(stemKey, fps)));
        Path midi = midiKey == null || midiFeatures.isEmpty() ? null : file(midiKey, "no MIDI file");
        try {
            return AudioAnalyzer.withSources(mix, stemTracks, midi, midiFeatures);
        } catch (AudioException e) {
            throw new ApiException(422, e.getMessage());
        }
    }

    /** Whether the analysis is in memory now (for tests and the benchmark). */
    boolean inMemory(String key, double fps) {
        return done.containsKey(key + "@" + fps);
    }

    private Optional<FeatureTrack> stored(String audioKey, double fps) {
        try {
            Optional<byte[]> json = store.get(key(audioKey, fps));
            return json.isEmpty() ? Optional.empty() : Optional.of(FeatureTrackIo.fromJson(json.get()));
        } catch (IOException | RuntimeException e) {
            // An unreadable cache entry is computed again (and written over), never a failure.
            LoggerFactory.getLogger(TrackAnalyses.class).warn("studio: the stored analysis of {} at {} fps is "
                    + "unreadable ({}); analysing again", audioKey, fps, e.getMessage());
            return Optional.empty();
        }
    }

    /** The stored object {@code key} (checked already) as a file of the work folder, fetched once. */
    private Path file(String key, String missing) {
        // audio/{sha}.ext as {sha}.ext (as before); any other folder (midi/) keeps its name apart.
        Path file = work.resolve(key.startsWith("audio/") ? key.substring(key.indexOf('/') + 1) : key);
        try {
            if (!store.exists(key)) {
                throw ApiException.notFound(missing + " " + key + " in the store: upload it first");
            }
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(file.getParent());
                store.getFile(key, file);
            }
            return file;
        } catch (IOException e) {
            throw new ApiException(500, "could not read " + key + ": " + e.getMessage());
        }
    }

    private FeatureTrack analyse(String key, double fps) {
        Path file = file(key, "no audio");
        try {
            FeatureTrack track = AudioAnalyzer.analyzeFully(AudioSources.of(file), AnalysisOptions.defaults(fps))
                    .track();
            store.put(key(key, fps), FeatureTrackIo.toJson(track));
            return track;
        } catch (AudioException e) {
            throw new ApiException(422, e.getMessage());
        } catch (IOException e) {
            throw new ApiException(500, "could not read " + key + ": " + e.getMessage());
        }
    }
}
