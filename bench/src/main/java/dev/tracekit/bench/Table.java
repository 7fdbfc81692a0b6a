package dev.tracekit.bench;

import java.util.ArrayList;
import java.util.List;

/** A text table: the first column left-aligned, the others right-aligned, as numbers read best. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headings) {
        rows.add(headings);
    }

    void row(String... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("a row needs " + rows.get(0).length + " cells");
        }
        rows.add(cells);
    }

    void print() {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(i == 0 ? row[i] + pad : pad + row[i]);
            }
            System.out.println(line.toString().stripTrailing());
        }
    }
}
