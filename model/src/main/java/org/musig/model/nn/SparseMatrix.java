package org.musig.model.nn;

/**
 * A sparse matrix in compressed-row form, with the two products a randomized SVD needs. Immutable once built.
 */
final class SparseMatrix {
    final int rows;
    final int columns;
    final int[] offsets;
    final int[] column;
    final double[] value;

    /**
     * @param offsets row r's entries are {@code offsets[r] .. offsets[r + 1] - 1} of {@code column} and {@code value}
     */
    SparseMatrix(int rows, int columns, int[] offsets, int[] column, double[] value) {
        if (offsets.length != rows + 1 || column.length != value.length || offsets[rows] != column.length) {
            throw new IllegalArgumentException("inconsistent sparse matrix: " + rows + " rows, " + offsets.length
                    + " offsets, " + column.length + " entries");
        }
        this.rows = rows;
        this.columns = columns;
        this.offsets = offsets;
        this.column = column;
        this.value = value;
    }

    int nonZeros() {
        return column.length;
    }

    /** X M for a row-major [columns, l] matrix M: [rows, l]. */
    double[] times(double[] m, int l) {
        double[] out = new double[Math.multiplyExact(rows, l)];
        for (int r = 0; r < rows; r++) {
            int o = r * l;
            for (int j = offsets[r]; j < offsets[r + 1]; j++) {
                double v = value[j];
                int src = column[j] * l;
                for (int k = 0; k < l; k++) {
                    out[o + k] += v * m[src + k];
                }
            }
        }
        return out;
    }

    /** X^T M for a row-major [rows, l] matrix M: [columns, l]. */
    double[] transposeTimes(double[] m, int l) {
        double[] out = new double[Math.multiplyExact(columns, l)];
        for (int r = 0; r < rows; r++) {
            int src = r * l;
            for (int j = offsets[r]; j < offsets[r + 1]; j++) {
                double v = value[j];
                int o = column[j] * l;
                for (int k = 0; k < l; k++) {
                    out[o + k] += v * m[src + k];
                }
            }
        }
        return out;
    }
}
