package org.netbend.cli;

import java.util.List;
import org.netbend.bend.BendProgram;
import org.netbend.bend.BendSpec;

/** What a gallery may ask for: cells that can be seen, a grid that fits in one image, layers the sampler runs. */
final class GalleryLimits {
    static final int MIN_CELL = 16;
    static final int MAX_CELL = 1024;
    /** Pixels per side of the grid image (a BufferedImage of width x height ints must stay far below 2^31). */
    static final int MAX_GRID_SIDE = 16_384;

    private GalleryLimits() { }

    static void check(int cell, int rows, int columns) {
        if (cell < MIN_CELL || cell > MAX_CELL) {
            throw new UserError("--cell must be " + MIN_CELL + ".." + MAX_CELL + " pixels, got " + cell);
        }
        long width = GalleryGrid.MARGIN_LEFT + (long) columns * (cell + GalleryGrid.GAP);
        long height = GalleryGrid.MARGIN_TOP + (long) rows * (cell + GalleryGrid.GAP);
        if (width > MAX_GRID_SIDE || height > MAX_GRID_SIDE) {
            throw new UserError("the grid would be " + width + "x" + height + " pixels (" + rows + " layers x "
                    + columns + " columns of " + cell + " px); at most " + MAX_GRID_SIDE
                    + " a side: use a smaller --cell, fewer --values or fewer --layers");
        }
    }

    /** Every row's layer must be one the sampler runs (0..steps-1, or final). */
    static void checkLayers(List<List<BendSpec>> rows, int steps) {
        for (List<BendSpec> row : rows) {
            try {
                BendProgram.compile(row.subList(0, Math.min(1, row.size()))).checkSteps(steps);
            } catch (IllegalArgumentException e) {
                throw new UserError("--layers: " + e.getMessage());
            }
        }
    }
}
