package org.musig.model.nn;

import org.musig.model.parallel.ParallelTasks;

/**
 * A sparse matrix in compressed-row form, each row's columns ascending, with the two products a randomized SVD
 * needs. Immutable once built.
 *
 * <p>Both products walk the columns in tiles, so that the rows of the dense matrix a tile reads at random
 * ({@link #times}) or writes at random ({@link #transposeTimes}) stay in cache, and they run on
 * {@link ParallelTasks}: {@code times} splits the rows, {@code transposeTimes} the column tiles. Either way each
 * output row is computed by one thread, which adds the same terms in the same order as a plain loop over the
 * entries (ascending columns keep a row's entries of one tile together), so the result is bit for bit the same
 * for any thread count.
 */
final class SparseMatrix {
    /** Most bytes of dense rows one column tile covers. */
    static final long TILE_BYTES = 8L << 20;

    final int rows;
    final int columns;
    final int[] offsets;
    final int[] column;
    final double[] value;

    /**
     * @param offsets row r's entries are {@code offsets[r] .. offsets[r + 1] - 1} of {@code column} and {@code value},
     *                their columns ascending
     */
    SparseMatrix(int rows, int columns, int[] offsets, int[] column, double[] value) {
        if (offsets.length != rows + 1 || column.length != value.length || offsets[rows] != column.length) {
            throw new IllegalArgumentException("inconsistent sparse matrix: " + rows + " rows, " + offsets.length
                    + " offsets, " + column.length + " entries");
        }
        for (int r = 0; r < rows; r++) {
            for (int j = offsets[r]; j < offsets[r + 1]; j++) {
                if (column[j] < 0 || column[j] >= columns || (j > offsets[r] && column[j] < column[j - 1])) {
                    throw new IllegalArgumentException("row " + r + " of the sparse matrix has column " + column[j]
                            + " out of order or out of [0, " + columns + ")");
                }
            }
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
    double[] times(double[] m, int l, ParallelTasks tasks) {
        double[] out = new double[Math.multiplyExact(rows, l)];
        int tiles = tiles(l);
        int parts = tasks.threads();
        tasks.run(parts, part -> {
            // rows split by entries, as the work is
            int firstRow = part == 0 ? 0 : rowOf(ParallelTasks.partStart(part, parts, nonZeros()));
            int endRow = part == parts - 1 ? rows : rowOf(ParallelTasks.partStart(part + 1, parts, nonZeros()));
            // A row's sums and each row of M it adds are copied to small arrays, so that the inner loop indexes
            // both alike: the JIT vectorises it then (it cannot rule out that out and m overlap at different
            // offsets). The additions are the same, in the same order.
            double[] sum = new double[l];
            double[] source = new double[l];
            for (int t = 0; t < tiles; t++) {
                int from = ParallelTasks.partStart(t, tiles, columns);
                int to = ParallelTasks.partStart(t + 1, tiles, columns);
                for (int r = firstRow; r < endRow; r++) {
                    int j = firstAtLeast(r, from);
                    if (j == offsets[r + 1] || column[j] >= to) {
                        continue;
                    }
                    System.arraycopy(out, r * l, sum, 0, l);
                    for (; j < offsets[r + 1] && column[j] < to; j++) {
                        double v = value[j];
                        System.arraycopy(m, column[j] * l, source, 0, l);
                        for (int k = 0; k < l; k++) {
                            sum[k] += v * source[k];
                        }
                    }
                    System.arraycopy(sum, 0, out, r * l, l);
                }
            }
        });
        return out;
    }

    /** X^T M for a row-major [rows, l] matrix M: [columns, l]. */
    double[] transposeTimes(double[] m, int l, ParallelTasks tasks) {
        double[] out = new double[Math.multiplyExact(columns, l)];
        int threads = tasks.threads();
        int tiles = (tiles(l) + threads - 1) / threads * threads; // whole tiles per thread
        tasks.run(tiles, t -> {
            int from = ParallelTasks.partStart(t, tiles, columns);
            int to = ParallelTasks.partStart(t + 1, tiles, columns);
            // The tile's output rows are summed in arrays of their own, and each row of M is copied out before it
            // is added, for the same reason as in times; they go to out when the tile is done.
            double[][] sums = new double[to - from][l];
            double[] source = new double[l];
            for (int r = 0; r < rows; r++) {
                int j = firstAtLeast(r, from);
                if (j == offsets[r + 1] || column[j] >= to) {
                    continue;
                }
                System.arraycopy(m, r * l, source, 0, l);
                for (; j < offsets[r + 1] && column[j] < to; j++) {
                    double v = value[j];
                    double[] sum = sums[column[j] - from];
                    for (int k = 0; k < l; k++) {
                        sum[k] += v * source[k];
                    }
                }
            }
            for (int c = from; c < to; c++) {
                System.arraycopy(sums[c - from], 0, out, c * l, l);
            }
        });
        return out;
    }

    /** Column tiles for dense rows of width l: as few as keep a tile's rows within {@link #TILE_BYTES}. */
    private int tiles(int l) {
        long bytes = 8L * columns * l;
        return (int) Math.max(1, Math.min(Math.max(1, columns), (bytes + TILE_BYTES - 1) / TILE_BYTES));
    }

    /** The row holding entry {@code entry}; {@code rows} when there is no such entry. */
    private int rowOf(int entry) {
        if (entry >= nonZeros()) {
            return rows;
        }
        int low = 0;
        int high = rows - 1;
        while (low < high) { // first r with offsets[r + 1] > entry
            int mid = (low + high) >>> 1;
            if (offsets[mid + 1] > entry) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** Row r's first entry with a column at least {@code from} (its end when none). */
    private int firstAtLeast(int r, int from) {
        int j = offsets[r];
        while (j < offsets[r + 1] && column[j] < from) {
            j++;
        }
        return j;
    }
}
