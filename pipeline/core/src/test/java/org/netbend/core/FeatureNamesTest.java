package org.netbend.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureNamesTest {
    @Test
    void sourcedNamesAreKnown() {
        assertTrue(FeatureNames.isKnown("rms"));
        assertTrue(FeatureNames.isKnown("rms@drums"));
        assertTrue(FeatureNames.isKnown("onset@percussive"));
        assertTrue(FeatureNames.isKnown("mfcc_3@lead-vocal_2"));
        assertTrue(FeatureNames.isKnown("note@ch1"));
        assertTrue(FeatureNames.isKnown("cc7@ch16"));
        assertTrue(FeatureNames.isKnown("cc127@ch10"));
        assertFalse(FeatureNames.isKnown("loudness@drums"), "unknown feature of a stem");
        assertFalse(FeatureNames.isKnown("rms@Drums"), "stem names are lower case");
        assertFalse(FeatureNames.isKnown("rms@"));
        assertFalse(FeatureNames.isKnown("note@drums"), "MIDI features need a channel");
        assertFalse(FeatureNames.isKnown("rms@ch1"), "ch1..ch16 are MIDI channels");
        assertFalse(FeatureNames.isKnown("note@ch17"));
        assertFalse(FeatureNames.isKnown("cc128@ch1"));
        assertFalse(FeatureNames.isKnown("cc07@ch1"));
    }

    @Test
    void baseSourceAndChannel() {
        assertEquals("rms", FeatureNames.base("rms@drums"));
        assertEquals("drums", FeatureNames.source("rms@drums"));
        assertNull(FeatureNames.source("rms"));
        assertEquals(10, FeatureNames.midiChannel("ch10"));
        assertThrows(IllegalArgumentException.class, () -> FeatureNames.midiChannel("drums"));
    }

    @Test
    void canonicalOrderPutsTheMixFirstThenSourcesByName() {
        assertEquals(List.of("rms", "flux", "rms@bass", "note@ch1", "cc7@ch1", "onset@drums", "centroid@vocals"),
                FeatureNames.canonicalOrder(List.of("centroid@vocals", "note@ch1", "onset@drums", "flux", "rms@bass",
                        "cc7@ch1", "rms")));
    }
}
