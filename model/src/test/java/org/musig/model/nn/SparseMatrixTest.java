package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.model.parallel.ParallelTasks;

class SparseMatrixTest {

    /**
     * Rows of ascending distinct columns: a few empty rows, a long one, the rest short; wide enough that the
     * products cut the columns into several tiles.
     */
    static SparseMatrix randomMatrix(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] offsets = new int[rows + 1];
        int[][] rowColumns = new int[rows][];
        for (int r = 0; r < rows; r++) {
            int n = r % 97 == 0 ? 0 : r == 5 ? 2_000 : 1 + random.nextInt(40);
            rowColumns[r] = random.ints(0, columns).distinct().limit(n).sorted().toArray();
            offsets[r + 1] = offsets[r] + n;
        }
        int[] column = new int[offsets[rows]];
        double[] value = new double[column.length];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < rowColumns[r].length; i++) {
                column[offsets[r] + i] = rowColumns[r][i];
                value[offsets[r] + i] = random.nextDouble() - 0.3;
            }
        }
        return new SparseMatrix(rows, columns, offsets, column, value);
    }

    static double[] randomDense(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] m = new double[length];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextDouble() - 0.5;
        }
        return m;
    }

    /** X M by the plain loop over the entries. */
    static double[] referenceTimes(SparseMatrix x, double[] m, int l) {
        double[] out = new double[x.rows * l];
        for (int r = 0; r < x.rows; r++) {
            for (int j = x.offsets[r]; j < x.offsets[r + 1]; j++) {
                for (int k = 0; k < l; k++) {
                    out[r * l + k] += x.value[j] * m[x.column[j] * l + k];
                }
            }
        }
        return out;
    }

    /** X^T M by the plain loop over the entries. */
    static double[] referenceTransposeTimes(SparseMatrix x, double[] m, int l) {
        double[] out = new double[x.columns * l];
        for (int r = 0; r < x.rows; r++) {
            for (int j = x.offsets[r]; j < x.offsets[r + 1]; j++) {
                for (int k = 0; k < l; k++) {
                    out[x.column[j] * l + k] += x.value[j] * m[r * l + k];
                }
            }
        }
        return out;
    }

    @Test
    void productsAreThoseOfThePlainLoopsBitForBitOnOneTwoAndThreeThreads() {
        int l = 48;
        SparseMatrix x = randomMatrix(3_000, 60_000, 1);
        assertThat(8L * x.columns * l).as("several column tiles").isGreaterThan(2 * SparseMatrix.TILE_BYTES);
        double[] right = randomDense(x.columns * l, 2);
        double[] left = randomDense(x.rows * l, 3);
        double[] times = referenceTimes(x, right, l);
        double[] transposeTimes = referenceTransposeTimes(x, left, l);
        for (int threads = 1; threads <= 3; threads++) {
            try (ParallelTasks tasks = new ParallelTasks(threads)) {
                // the first index where the bits differ; -1: none
                assertThat(Arrays.mismatch(x.times(right, l, tasks), times)).as("times, %d threads", threads)
                        .isEqualTo(-1);
                assertThat(Arrays.mismatch(x.transposeTimes(left, l, tasks), transposeTimes))
                        .as("transposeTimes, %d threads", threads).isEqualTo(-1);
            }
        }
    }

    @Test
    void aRowWithColumnsOutOfOrderOrOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new SparseMatrix(1, 4, new int[] {0, 2}, new int[] {2, 1}, new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0");
        assertThatThrownBy(() -> new SparseMatrix(1, 4, new int[] {0, 1}, new int[] {4}, new double[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0");
    }
}
