package org.netbend.bend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gallery's cells: one bend with {@code VALUES} where its parameter goes, swept over values (columns, after a
 * first column without the bend) and over layers or U-Net sites (rows). {@code netbend gallery} and the studio's
 * gallery both read their cells here, so the two cannot disagree on what a cell is.
 *
 * @param bend      the bend as given, with {@code VALUES} (and {@code /SITE} for site rows)
 * @param values    the swept values ({@link BendValues#parse}: {@code 0..2pi:8} or {@code 0,1,2.5})
 * @param rows      one layer or site per row
 * @param siteRows  whether rows are sites ({@code /SITE} replaced) rather than layers ({@code @LAYER} replaced)
 * @param deprecation a warning about the values' old count syntax, or null
 */
public record GallerySweep(String bend, double[] values, List<String> rows, boolean siteRows,
        String deprecation) {
    private static final Pattern LAYER = Pattern.compile("@([^:=/]+)");

    /**
     * @param layers one row per layer, or empty for the bend's own layer
     * @param sites  one row per site, or empty
     * @throws IllegalArgumentException naming what is wrong, in words for a person
     */
    public static GallerySweep of(String bend, String values, List<String> layers, List<String> sites) {
        if (bend == null || !bend.contains("VALUES")) {
            throw new IllegalArgumentException("the bend must contain VALUES where the swept parameter goes, e.g. "
                    + "rotate-r1@20=VALUES");
        }
        double[] sweep;
        try {
            sweep = BendValues.parse(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("values: " + e.getMessage());
        }
        if (!sites.isEmpty() && !layers.isEmpty()) {
            throw new IllegalArgumentException("rows are either layers or sites, not both");
        }
        if (!sites.isEmpty() && !bend.contains("/SITE")) {
            throw new IllegalArgumentException("with sites, the bend must say /SITE where the site goes, e.g. "
                    + "multiply@every/SITE=VALUES");
        }
        boolean siteRows = !sites.isEmpty();
        List<String> rows = (siteRows ? sites : layers.isEmpty() ? List.of(layerOf(bend)) : layers).stream()
                .map(String::trim).toList();
        return new GallerySweep(bend, sweep, rows, siteRows, BendValues.deprecation(values));
    }

    /** The text of the cell in row {@code row} and value column {@code column} (0 is the first value). */
    public String cellText(int row, int column) {
        String placed = siteRows ? bend.replace("/SITE", "/" + rows.get(row))
                : LAYER.matcher(bend).replaceFirst("@" + Matcher.quoteReplacement(rows.get(row)));
        return placed.replace("VALUES", Double.toString(values[column]));
    }

    /** Every cell parsed, row by row. @throws IllegalArgumentException naming the cell's text */
    public List<List<BendSpec>> parsedCells() {
        List<List<BendSpec>> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<BendSpec> row = new ArrayList<>();
            for (int c = 0; c < values.length; c++) {
                String text = cellText(r, c);
                try {
                    row.add(BendParser.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bend \"" + text + "\": " + e.getMessage(), e);
                }
            }
            cells.add(row);
        }
        return cells;
    }

    /** "no bend", then each value. */
    public List<String> columnLabels() {
        List<String> labels = new ArrayList<>();
        labels.add("no bend");
        for (double value : values) {
            labels.add(String.format(Locale.ROOT, "%.3g", value));
        }
        return labels;
    }

    /** "layer 20" or the site's name. */
    public List<String> rowLabels() {
        return rows.stream().map(r -> (siteRows ? "" : "layer ") + r).toList();
    }

    /** The bend as a grid's title shows it: {@code @LAYER} when rows are layers given apart from the bend. */
    public String shown(boolean layersGiven) {
        return layersGiven ? LAYER.matcher(bend).replaceFirst("@LAYER") : bend;
    }

    private static String layerOf(String spec) {
        Matcher m = LAYER.matcher(spec);
        if (!m.find()) {
            throw new IllegalArgumentException("the bend has no @LAYER: " + spec);
        }
        return m.group(1);
    }
}
