package org.musig.model.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The leading singular triplets of a sparse matrix X = U S V^T by a randomized SVD (Halko, Martinsson and
 * Tropp 2011: a Gaussian sketch, {@value #POWER_ITERATIONS} power iterations, then the eigenvectors of the
 * small projected Gram matrix). Deterministic for a seed.
 *
 * <p>Cost: about {@code 2 (2q + 2) nnz (rank + oversampling)} multiply-adds for {@code nnz} entries, plus
 * {@code (rows + columns) (rank + oversampling)^2} for the orthonormalisations.
 */
final class RandomizedSvd {
    static final int OVERSAMPLING = 8;
    static final int POWER_ITERATIONS = 2;

    /** Rows of U S ({@code [rows, rank]}) and of V ({@code [columns, rank]}), row-major; missing components are 0. */
    record Result(int rank, double[] leftScaled, double[] right) {
    }

    private RandomizedSvd() {
    }

    static Result of(SparseMatrix x, int rank, long seed) {
        return of(x, rank, seed, 1);
    }

    /**
     * @param threads threads for the products; the result is bit for bit the same for any number
     */
    static Result of(SparseMatrix x, int rank, long seed, int threads) {
        int rows = x.rows;
        int l = Math.min(rank + OVERSAMPLING, Math.max(1, Math.min(rows, x.columns)));
        SplittableRandom random = new SplittableRandom(seed);
        double[] omega = new double[Math.multiplyExact(x.columns, l)];
        for (int i = 0; i < omega.length; i++) {
            omega[i] = gaussian(random);
        }
        double[] y;
        double[] bt;
        try (ParallelTasks tasks = new ParallelTasks(threads)) {
            y = x.times(omega, l, tasks);
            orthonormalise(y, rows, l);
            for (int q = 0; q < POWER_ITERATIONS; q++) {
                double[] z = x.transposeTimes(y, l, tasks);
                orthonormalise(z, x.columns, l);
                y = x.times(z, l, tasks);
                orthonormalise(y, rows, l);
            }
            // B = Q^T X is l x columns; B B^T = Q^T X X^T Q = W S^2 W^T, so U = Q W and V = B^T W S^-1.
            bt = x.transposeTimes(y, l, tasks); // [columns, l] = B^T
        }
        double[] gram = new double[l * l];
        for (int c = 0; c < x.columns; c++) {
            int o = c * l;
            for (int i = 0; i < l; i++) {
                double bi = bt[o + i];
                if (bi == 0) {
                    continue;
                }
                for (int j = 0; j < l; j++) {
                    gram[i * l + j] += bi * bt[o + j];
                }
            }
        }
        double[] eigenvectors = new double[l * l];
        double[] eigenvalues = SymmetricEigen.decompose(gram, l, eigenvectors);
        Integer[] order = new Integer[l];
        for (int i = 0; i < l; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
        int kept = Math.min(rank, l);
        double[] sigma = new double[kept];
        for (int k = 0; k < kept; k++) {
            sigma[k] = Math.sqrt(Math.max(0, eigenvalues[order[k]]));
        }
        return new Result(rank, project(y, rows, l, eigenvectors, order, sigma, rank, false),
                project(bt, x.columns, l, eigenvectors, order, sigma, rank, true));
    }

    /**
     * Rows of {@code m W} for the kept components, times sigma ({@code divide} false: U S from Q) or divided by it
     * ({@code divide} true: V from B^T; a zero singular value gives a zero column).
     */
    private static double[] project(double[] m, int rows, int l, double[] w, Integer[] order, double[] sigma, int rank,
                                    boolean divide) {
        double[] out = new double[Math.multiplyExact(rows, rank)];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < sigma.length; k++) {
                int component = order[k];
                double s = 0;
                for (int i = 0; i < l; i++) {
                    s += m[r * l + i] * w[i * l + component];
                }
                out[r * rank + k] = divide ? (sigma[k] > 1e-12 ? s / sigma[k] : 0) : s * sigma[k];
            }
        }
        return out;
    }

    /** Heap bytes {@link #of} uses at its peak besides the matrix: the sketches and the result. */
    static long memoryBytes(long rows, long columns, int rank) {
        long l = rank + OVERSAMPLING;
        // the two sketches, the column copy orthonormalise works on, the result
        return 8L * (rows + columns) * l * 2 + 8L * Math.max(rows, columns) * l + 8L * (rows + columns) * rank;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * Modified Gram-Schmidt on the l columns of a row-major [rows, l] matrix; a dependent column becomes 0. The
     * columns are copied out to contiguous arrays first: walking a column of the row-major matrix touches a cache
     * line per row for one value, which made this the slowest step of fitting artist, album and title vectors at
     * the paper's scale. The arithmetic and its order are unchanged, so the result is bit for bit the same.
     */
    static void orthonormalise(double[] m, int rows, int l) {
        double[][] columns = new double[l][rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < l; j++) {
                columns[j][r] = m[r * l + j];
            }
        }
        for (int j = 0; j < l; j++) {
            double[] cj = columns[j];
            for (int i = 0; i < j; i++) {
                double[] ci = columns[i];
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += ci[r] * cj[r];
                }
                for (int r = 0; r < rows; r++) {
                    cj[r] -= dot * ci[r];
                }
            }
            double norm = 0;
            for (int r = 0; r < rows; r++) {
                norm += cj[r] * cj[r];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < rows; r++) {
                cj[r] = norm > 1e-10 ? cj[r] / norm : 0;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < l; j++) {
                m[r * l + j] = columns[j][r];
            }
        }
    }
}
