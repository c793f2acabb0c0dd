package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.model.parallel.ParallelTasks;

class RandomizedSvdTest {

    @Test
    void orthonormaliseGivesModifiedGramSchmidtsColumnsBitForBitOnAnyThreadCountAndZeroesADependentOne() {
        int rows = 1_000;
        int l = 11; // two full groups of projected columns and a short one
        SplittableRandom random = new SplittableRandom(3);
        double[] original = new double[rows * l];
        for (int i = 0; i < original.length; i++) {
            original[i] = random.nextDouble() - 0.5;
        }
        for (int r = 0; r < rows; r++) { // column 4 = 2 x column 1: nothing left of it after the projections
            original[r * l + 4] = 2 * original[r * l + 1];
        }
        double[] reference = original.clone();
        columnWiseGramSchmidt(reference, rows, l);
        double[] m = null;
        for (int threads = 1; threads <= 3; threads++) {
            m = original.clone();
            try (ParallelTasks tasks = new ParallelTasks(threads)) {
                RandomizedSvd.orthonormalise(m, rows, l, tasks);
            }
            assertThat(Arrays.mismatch(m, reference)).as("first differing value, %d threads", threads).isEqualTo(-1);
        }
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

    @Test
    void theFactorsAreThoseOfTheStraightforwardAlgorithmBitForBitOnOneTwoAndThreeThreads() {
        int rank = 16; // the threads split the 3,000 rows and 4,000 columns (SparseMatrixTest covers cache tiles)
        SparseMatrix x = SparseMatrixTest.randomMatrix(3_000, 4_000, 5);
        double[][] reference = straightforward(x, rank, 9);
        for (int threads = 1; threads <= 3; threads++) {
            RandomizedSvd.Result result = RandomizedSvd.of(x, rank, 9, threads);
            // the first index where the bits differ; -1: none
            assertThat(Arrays.mismatch(result.leftScaled(), reference[0])).as("U S, %d threads", threads).isEqualTo(-1);
            assertThat(Arrays.mismatch(result.right(), reference[1])).as("V, %d threads", threads).isEqualTo(-1);
        }
    }

    /**
     * The randomized SVD written as plain loops: the entry loops for the products, the column-by-column Gram-Schmidt,
     * the full Gram matrix and a dot product per projected value. Returns U S and V.
     */
    private static double[][] straightforward(SparseMatrix x, int rank, long seed) {
        int l = Math.min(rank + RandomizedSvd.OVERSAMPLING, Math.min(x.rows, x.columns));
        SplittableRandom random = new SplittableRandom(seed);
        double[] omega = new double[x.columns * l];
        for (int i = 0; i < omega.length; i++) {
            double u = 1 - random.nextDouble();
            omega[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        }
        double[] y = SparseMatrixTest.referenceTimes(x, omega, l);
        columnWiseGramSchmidt(y, x.rows, l);
        for (int q = 0; q < RandomizedSvd.POWER_ITERATIONS; q++) {
            double[] z = SparseMatrixTest.referenceTransposeTimes(x, y, l);
            columnWiseGramSchmidt(z, x.columns, l);
            y = SparseMatrixTest.referenceTimes(x, z, l);
            columnWiseGramSchmidt(y, x.rows, l);
        }
        double[] bt = SparseMatrixTest.referenceTransposeTimes(x, y, l);
        double[] gram = new double[l * l];
        for (int c = 0; c < x.columns; c++) {
            for (int i = 0; i < l; i++) {
                if (bt[c * l + i] != 0) {
                    for (int j = 0; j < l; j++) {
                        gram[i * l + j] += bt[c * l + i] * bt[c * l + j];
                    }
                }
            }
        }
        double[] w = new double[l * l];
        double[] eigenvalues = SymmetricEigen.decompose(gram, l, w);
        Integer[] order = new Integer[l];
        for (int i = 0; i < l; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
        double[] left = new double[x.rows * rank];
        double[] right = new double[x.columns * rank];
        for (int k = 0; k < Math.min(rank, l); k++) {
            double sigma = Math.sqrt(Math.max(0, eigenvalues[order[k]]));
            for (int r = 0; r < x.rows; r++) {
                double s = 0;
                for (int i = 0; i < l; i++) {
                    s += y[r * l + i] * w[i * l + order[k]];
                }
                left[r * rank + k] = s * sigma;
            }
            for (int c = 0; c < x.columns; c++) {
                double s = 0;
                for (int i = 0; i < l; i++) {
                    s += bt[c * l + i] * w[i * l + order[k]];
                }
                right[c * rank + k] = sigma > 1e-12 ? s / sigma : 0;
            }
        }
        return new double[][] {left, right};
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
