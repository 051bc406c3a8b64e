package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every request field has two names, one mechanical mapping apart: kebab-case in job files, camelCase on the wire. */
class WireNamesTest {
    @Test
    void eachFieldsTwoNamesMapOntoEachOther() {
        assertEquals("walkLength", WireNames.camel("walk-length"));
        assertEquals("jobId", WireNames.camel("job-id"));
        assertEquals("steps", WireNames.camel("steps"));
        assertEquals("walk-length", WireNames.kebab("walkLength"));
        for (String key : RequestFields.keys()) {
            String wire = WireNames.camel(key);
            assertEquals(key, WireNames.kebab(wire), "both ways: " + key);
            assertTrue(wire.matches("[a-z][A-Za-z]*"), "a camelCase identifier: " + wire);
        }
        assertEquals(RequestFields.keys().size(), RequestFields.keys(RequestFields.Spelling.CAMEL).size());
        assertTrue(RequestFields.keys(RequestFields.Spelling.CAMEL).contains("segmentLength"));
        assertTrue(RequestFields.keys().contains("segment-length"));
    }
}
