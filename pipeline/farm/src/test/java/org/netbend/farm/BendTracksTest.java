package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.plan.FeatureTrack;

class BendTracksTest {
    private static FeatureTrack track() {
        return new FeatureTrack(20, 4, 0.2, 44_100, Map.of("rms", new float[] {0, 0.5f, 1, 0.5f}), null);
    }

    /** Labels are de-duplicated in one pass: 100,000 copies of one bend once took minutes (quadratic). */
    @Test
    void aHundredThousandIdenticalBendsGetAHundredThousandDistinctLabels() {
        BendSpec bend = BendParser.parse("add@0=rms");
        List<BendSpec> bends = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            bends.add(bend);
        }
        Map<String, double[]> labelled = BendTracks.compute(track(), bends).labelled();
        assertEquals(100_000, labelled.size());
        assertTrue(labelled.containsKey(bend.canonical()) && labelled.containsKey(bend.canonical() + " (2)")
                && labelled.containsKey(bend.canonical() + " (100000)"), "labels count up from (2)");
    }

    @Test
    void copiesAreNumberedInTheOrderGiven() {
        List<BendSpec> bends = List.of(BendParser.parse("add@0=rms"), BendParser.parse("add@0=rms"),
                BendParser.parse("add@0=rms"));
        List<String> labels = List.copyOf(BendTracks.compute(track(), bends).labelled().keySet());
        assertEquals(List.of(bends.get(0).canonical(), bends.get(0).canonical() + " (2)",
                bends.get(0).canonical() + " (3)"), labels);
    }
}
