package org.musig.loaders.csv;

import org.musig.loaders.LoadException;

/** Reads typed values out of one CSV row, with errors that name file, line, column and value. */
final class CsvValues {
    static final String KEY_SEPARATOR = " | ";

    private final String file;
    private final CsvColumns columns;
    private String[] row;
    private long line;

    CsvValues(String file, CsvColumns columns) {
        this.file = file;
        this.columns = columns;
    }

    void at(String[] row, long line) {
        this.row = row;
        this.line = line;
    }

    long line() {
        return line;
    }

    /**
     * The trimmed text of {@code field}, or null when the column is absent or the cell blank. A field joined from
     * several columns reads their cells joined by {@value #KEY_SEPARATOR} ({@code Elvis Costello | Red Shoes}),
     * each cell's own {@code |} and backslash escaped with a backslash so that two rows give one key only when every
     * cell is the same; null when any of them is blank.
     */
    String text(String field) {
        int[] indexes = columns.indexes(field);
        if (indexes.length <= 1) {
            return cell(columns.index(field));
        }
        StringBuilder key = new StringBuilder();
        for (int index : indexes) {
            String part = cell(index);
            if (part == null) {
                return null;
            }
            key.append(key.isEmpty() ? "" : KEY_SEPARATOR)
                    .append(part.replace("\\", "\\\\").replace("|", "\\|"));
        }
        return key.toString();
    }

    String cell(int index) {
        if (index < 0 || index >= row.length) {
            return null;
        }
        String value = row[index].trim();
        return value.isEmpty() ? null : value;
    }

    String required(String field) {
        String value = text(field);
        if (value == null) {
            String column = columns.headerName(field);
            for (int index : columns.indexes(field)) {
                if (cell(index) == null) {
                    column = columns.header(index);
                    break;
                }
            }
            throw fail("column '" + column + "' (" + field + ") is empty");
        }
        return value;
    }

    /** A finite number, or null when the cell is blank. */
    Double number(String field) {
        return number(columns.index(field), columns.headerName(field));
    }

    Double number(int index, String columnName) {
        String value = cell(index);
        if (value == null) {
            return null;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw fail("value '" + abbreviate(value) + "' in column '" + columnName + "' is not a number");
        }
        if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
            throw fail("value '" + value + "' in column '" + columnName + "' is NaN or infinite");
        }
        return parsed;
    }

    Long integer(String field) {
        Double value = number(field);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value)) {
            throw fail(
                    "value '" + text(field) + "' in column '" + columns.headerName(field) + "' is not a whole number");
        }
        return value.longValue();
    }

    LoadException fail(String problem) {
        return LoadException.at(file, line, problem);
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 37) + "..." : value;
    }
}
