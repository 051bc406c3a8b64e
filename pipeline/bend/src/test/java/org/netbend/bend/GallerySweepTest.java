package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A gallery's cells, as `gallery` and the studio read them: rows of layers or sites, columns of values. */
class GallerySweepTest {
    @Test
    void layerRowsReplaceTheBendsLayerAndValuesItsParameter() {
        GallerySweep sweep = GallerySweep.of("rotate-r1@20=VALUES", "0..pi:3", List.of("0", " 10"), List.of());
        assertEquals(List.of("0", "10"), sweep.rows());
        assertEquals("rotate-r1@10=" + Math.PI, sweep.cellText(1, 2));
        assertEquals("rotate-r1@0=0.0", sweep.cellText(0, 0));
        assertEquals(List.of("no bend", "0.00", "1.57", "3.14"), sweep.columnLabels());
        assertEquals(List.of("layer 0", "layer 10"), sweep.rowLabels());
        assertEquals(2, sweep.parsedCells().size());
        assertEquals(3, sweep.parsedCells().get(0).size());
        assertEquals("rotate-r1@LAYER=VALUES", sweep.shown(true));
    }

    @Test
    void withoutRowsTheBendsOwnLayerIsTheOneRowAndSitesReplaceSite() {
        assertEquals(List.of("20"), GallerySweep.of("rotate-r1@20=VALUES", "0,1", List.of(), List.of()).rows());
        GallerySweep sites = GallerySweep.of("multiply@every/SITE=VALUES", "1,2", List.of(), List.of("mid", "up.2"));
        assertTrue(sites.siteRows());
        assertEquals("multiply@every/up.2=2.0", sites.cellText(1, 1));
        assertEquals(List.of("mid", "up.2"), sites.rowLabels());
    }

    @Test
    void refusalsSayWhatIsWrongAndTheOldCountSyntaxWarns() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GallerySweep.of("rotate-r1@20=1", "0,1", List.of(), List.of())).getMessage().contains("VALUES"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GallerySweep.of("rotate-r1@20=VALUES", "0,1",
                List.of("1"), List.of("mid"))).getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GallerySweep.of("rotate-r1@20=VALUES", "0,1",
                List.of(), List.of("mid"))).getMessage().contains("/SITE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GallerySweep.of("rotate-r1@20=VALUES", "x..y",
                List.of(), List.of())).getMessage().startsWith("values: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GallerySweep.of("frob@2=VALUES", "0,1",
                List.of(), List.of()).parsedCells()).getMessage().contains("frob@2=0.0"));
        assertNotNull(GallerySweep.of("rotate-r1@20=VALUES", "0..2pi/8", List.of(), List.of()).deprecation());
    }
}
