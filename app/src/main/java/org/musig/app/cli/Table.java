package org.musig.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints query rows as an aligned text table. */
public final class Table {
    private Table() {
    }

    public static void print(PrintStream out, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            out.println("(no rows)");
            return;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        int[] widths = new int[columns.size()];
        List<List<String>> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
        }
        for (Map<String, Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String text = format(row.get(columns.get(c)));
                widths[c] = Math.max(widths[c], text.length());
                line.add(text);
            }
            cells.add(line);
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            header.append(pad(columns.get(c), widths[c])).append("  ");
            rule.append("-".repeat(widths[c])).append("  ");
        }
        out.println(header.toString().stripTrailing());
        out.println(rule.toString().stripTrailing());
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                text.append(pad(line.get(c), widths[c])).append("  ");
            }
            out.println(text.toString().stripTrailing());
        }
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        if (value instanceof Float f) {
            return String.format(Locale.ROOT, "%.4f", f);
        }
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
