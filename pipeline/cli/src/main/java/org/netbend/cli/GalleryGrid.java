package org.netbend.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.netbend.core.PngCodec;
import org.netbend.core.RgbImage;

/** Lays out rendered cells as a labelled grid, like the paper's figures 2 and 3. */
final class GalleryGrid {
    static final int MARGIN_LEFT = 110;
    static final int MARGIN_TOP = 56;
    static final int GAP = 4;

    private GalleryGrid() { }

    /** cells[row][column]; every cell is drawn at {@code cellSize} square. */
    static BufferedImage draw(String title, List<String> rowLabels, List<String> columnLabels, RgbImage[][] cells,
            int cellSize) {
        int rows = rowLabels.size();
        int columns = columnLabels.size();
        int width = MARGIN_LEFT + columns * (cellSize + GAP);
        int height = MARGIN_TOP + rows * (cellSize + GAP);
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 8, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics metrics = g.getFontMetrics();
            for (int c = 0; c < columns; c++) {
                String label = columnLabels.get(c);
                int x = MARGIN_LEFT + c * (cellSize + GAP) + (cellSize - metrics.stringWidth(label)) / 2;
                g.drawString(label, x, MARGIN_TOP - 8);
            }
            for (int r = 0; r < rows; r++) {
                int y = MARGIN_TOP + r * (cellSize + GAP);
                g.drawString(rowLabels.get(r), 8, y + cellSize / 2);
                for (int c = 0; c < columns; c++) {
                    g.drawImage(PngCodec.toBuffered(cells[r][c]), MARGIN_LEFT + c * (cellSize + GAP), y,
                            cellSize, cellSize, null);
                }
            }
        } finally {
            g.dispose();
        }
        return grid;
    }
}
