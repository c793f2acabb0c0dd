package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomizedSvdTest {

    @Test
    void orthonormaliseGivesModifiedGramSchmidtsColumnsBitForBitAndZeroesADependentOne() {
        int rows = 1_000;
        int l = 6;
        SplittableRandom random = new SplittableRandom(3);
        double[] m = new double[rows * l];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextDouble() - 0.5;
        }
        for (int r = 0; r < rows; r++) { // column 4 = 2 x column 1: nothing left of it after the projections
            m[r * l + 4] = 2 * m[r * l + 1];
        }
        double[] reference = m.clone();
        columnWiseGramSchmidt(reference, rows, l);
        RandomizedSvd.orthonormalise(m, rows, l);
        assertThat(m).containsExactly(reference);
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < l; j++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += m[r * l + i] * m[r * l + j];
                }
                assertThat(dot).as("column %d . column %d", i, j).isCloseTo(i == j && i != 4 ? 1 : 0, within(1e-9));
            }
        }
    }

    @Test
    void theLeadingSingularValuesOfALowRankMatrixAreRecovered() {
        // X = 3 e1 f1^T + 1 e2 f2^T on a 50 x 40 grid (disjoint supports): singular values 3 * sqrt(10 * 8) and
        // sqrt(10 * 8).
        int rows = 50;
        int columns = 40;
        int[] offsets = new int[rows + 1];
        java.util.List<Integer> column = new java.util.ArrayList<>();
        java.util.List<Double> value = new java.util.ArrayList<>();
        for (int r = 0; r < rows; r++) {
            if (r < 10 || (r >= 20 && r < 30)) {
                int from = r < 10 ? 0 : 20;
                for (int c = from; c < from + 8; c++) {
                    column.add(c);
                    value.add(r < 10 ? 3.0 : 1.0);
                }
            }
            offsets[r + 1] = column.size();
        }
        SparseMatrix x = new SparseMatrix(rows, columns, offsets, column.stream().mapToInt(Integer::intValue).toArray(),
                value.stream().mapToDouble(Double::doubleValue).toArray());
        RandomizedSvd.Result result = RandomizedSvd.of(x, 2, 7);
        double first = 0;
        double second = 0;
        for (int r = 0; r < rows; r++) {
            first += result.leftScaled()[r * 2] * result.leftScaled()[r * 2];
            second += result.leftScaled()[r * 2 + 1] * result.leftScaled()[r * 2 + 1];
        }
        // |U S e_k| = sigma_k
        assertThat(Math.sqrt(first)).isCloseTo(3 * Math.sqrt(80), within(1e-6));
        assertThat(Math.sqrt(second)).isCloseTo(Math.sqrt(80), within(1e-6));
    }

    /** The textbook loop over the row-major matrix, column by column (what orthonormalise computed before). */
    private static void columnWiseGramSchmidt(double[] m, int rows, int l) {
        for (int j = 0; j < l; j++) {
            for (int i = 0; i < j; i++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += m[r * l + i] * m[r * l + j];
                }
                for (int r = 0; r < rows; r++) {
                    m[r * l + j] -= dot * m[r * l + i];
                }
            }
            double norm = 0;
            for (int r = 0; r < rows; r++) {
                norm += m[r * l + j] * m[r * l + j];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < rows; r++) {
                m[r * l + j] = norm > 1e-10 ? m[r * l + j] / norm : 0;
            }
        }
    }
}
