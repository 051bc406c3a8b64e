package org.netbend.studio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The parameter tracks of recent bends, by track, fps, lanes and bend text. An edit changes one bend at a time:
 * the others' tracks are taken from here instead of being computed again. A track of a 10-minute song at 20 fps is
 * 96 kB, so the most recent {@value #SIZE} are kept (least recently used go first).
 */
final class BendTrackCache {
    static final int SIZE = 64;

    private final Map<String, Map<String, double[]>> recent = new LinkedHashMap<>(SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, double[]>> eldest) {
            return size() > SIZE;
        }
    };

    /** The tracks (label to values) for this key, computed by {@code compute} when not kept. */
    Map<String, double[]> get(String key, Supplier<Map<String, double[]>> compute) {
        synchronized (recent) {
            Map<String, double[]> kept = recent.get(key);
            if (kept != null) {
                return kept;
            }
        }
        Map<String, double[]> computed = compute.get(); // outside the lock: a slow bend does not hold up others
        synchronized (recent) {
            recent.put(key, computed);
        }
        return computed;
    }

    static String key(String audio, double fps, String lanes, String bend) {
        return audio + '\n' + fps + '\n' + lanes + '\n' + bend;
    }
}
