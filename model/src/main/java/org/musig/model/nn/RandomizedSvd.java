package org.musig.model.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.musig.model.parallel.ParallelTasks;

/**
 * The leading singular triplets of a sparse matrix X = U S V^T by a randomized SVD (Halko, Martinsson and
 * Tropp 2011: a Gaussian sketch, {@value #POWER_ITERATIONS} power iterations, then the eigenvectors of the
 * small projected Gram matrix). Deterministic for a seed, and bit for bit the same on any number of threads.
 *
 * <p>Cost: about {@code 2 (2q + 2) nnz (rank + oversampling)} multiply-adds for {@code nnz} entries, plus
 * {@code (rows + columns) (rank + oversampling)^2} for the orthonormalisations.
 */
final class RandomizedSvd {
    static final int OVERSAMPLING = 8;
    static final int POWER_ITERATIONS = 2;
    /** Columns orthonormalise projects at once. */
    static final int DOT_GROUP = 4;

    /**
     * The fitted factorisation. Each side is projected when asked for, so a caller pays only for the side it uses.
     */
    static final class Result {
        private final int rank;
        private final int l;
        private final int threads;
        private final double[] q; // [rows, l], orthonormal columns
        private final double[] bt; // [columns, l] = (Q^T X)^T
        private final double[][] w; // [l][kept]: the eigenvectors of B B^T for the kept components, largest first
        private final double[] sigma; // [kept]

        private Result(int rank, int l, int threads, double[] q, double[] bt, double[][] w, double[] sigma) {
            this.rank = rank;
            this.l = l;
            this.threads = threads;
            this.q = q;
            this.bt = bt;
            this.w = w;
            this.sigma = sigma;
        }

        /** Rows of U S, row-major {@code [rows, rank]}; missing components are 0. */
        double[] leftScaled() {
            return project(q, false);
        }

        /** Rows of V, row-major {@code [columns, rank]}; missing components are 0. */
        double[] right() {
            return project(bt, true);
        }

        /**
         * Rows of {@code m W} for the kept components, times sigma ({@code divide} false: U S from Q) or divided by
         * it ({@code divide} true: V from B^T; a zero singular value gives a zero column). Each output value adds
         * its l products in order, as a dot product would, but a row's values are accumulated together.
         */
        private double[] project(double[] m, boolean divide) {
            int rows = m.length / l;
            int kept = sigma.length;
            double[] out = new double[Math.multiplyExact(rows, rank)];
            try (ParallelTasks tasks = new ParallelTasks(threads)) {
                tasks.runRanges(rows, (from, to) -> {
                    double[] sum = new double[kept]; // indexed as w's rows, so that the JIT vectorises the loop
                    for (int r = from; r < to; r++) {
                        Arrays.fill(sum, 0);
                        for (int i = 0; i < l; i++) {
                            double x = m[r * l + i];
                            double[] wi = w[i];
                            for (int k = 0; k < kept; k++) {
                                sum[k] += x * wi[k];
                            }
                        }
                        for (int k = 0; k < kept; k++) {
                            out[r * rank + k] = divide ? (sigma[k] > 1e-12 ? sum[k] / sigma[k] : 0) : sum[k] * sigma[k];
                        }
                    }
                });
            }
            return out;
        }
    }

    private RandomizedSvd() {
    }

    static Result of(SparseMatrix x, int rank, long seed) {
        return of(x, rank, seed, 1);
    }

    /**
     * @param threads threads for the products and orthonormalisations; the result is bit for bit the same for any
     *                number
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
            orthonormalise(y, rows, l, tasks);
            for (int q = 0; q < POWER_ITERATIONS; q++) {
                double[] z = x.transposeTimes(y, l, tasks);
                orthonormalise(z, x.columns, l, tasks);
                y = x.times(z, l, tasks);
                orthonormalise(y, rows, l, tasks);
            }
            // B = Q^T X is l x columns; B B^T = Q^T X X^T Q = W S^2 W^T, so U = Q W and V = B^T W S^-1.
            bt = x.transposeTimes(y, l, tasks); // [columns, l] = B^T
        }
        double[] gram = gram(bt, x.columns, l);
        double[] eigenvectors = new double[l * l];
        double[] eigenvalues = SymmetricEigen.decompose(gram, l, eigenvectors);
        Integer[] order = new Integer[l];
        for (int i = 0; i < l; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
        int kept = Math.min(rank, l);
        double[] sigma = new double[kept];
        double[][] w = new double[l][kept];
        for (int k = 0; k < kept; k++) {
            sigma[k] = Math.sqrt(Math.max(0, eigenvalues[order[k]]));
            for (int i = 0; i < l; i++) {
                w[i][k] = eigenvectors[i * l + order[k]];
            }
        }
        return new Result(rank, l, threads, y, bt, w, sigma);
    }

    /**
     * B B^T from the rows of B^T. Only the upper triangle is summed and then mirrored: a product is the same either
     * way round, and a term skipped for a zero factor adds nothing to a sum that starts at +0, so the mirror is what
     * summing the lower triangle would give.
     */
    private static double[] gram(double[] bt, int columns, int l) {
        double[][] rows = new double[l][l]; // summed per row and from a copy of each B^T row, which the JIT vectorises
        double[] b = new double[l];
        for (int c = 0; c < columns; c++) {
            System.arraycopy(bt, c * l, b, 0, l);
            for (int i = 0; i < l; i++) {
                double bi = b[i];
                if (bi == 0) {
                    continue;
                }
                double[] row = rows[i];
                for (int j = i; j < l; j++) {
                    row[j] += bi * b[j];
                }
            }
        }
        double[] gram = new double[l * l];
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < l; j++) {
                gram[i * l + j] = j >= i ? rows[i][j] : rows[j][i];
            }
        }
        return gram;
    }

    /** Heap bytes {@link #of} uses at its peak besides the matrix: the sketches and the result. */
    static long memoryBytes(long rows, long columns, int rank) {
        long l = rank + OVERSAMPLING;
        // two sketches of each side (a product's input and output; transposeTimes' row sums are a second [columns,
        // l] beside its output), the column copy orthonormalise works on, the result
        return 8L * (rows + columns) * l * 2 + 8L * Math.max(rows, columns) * l + 8L * (rows + columns) * rank;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * Modified Gram-Schmidt on the l columns of a row-major [rows, l] matrix; a dependent column becomes 0. The
     * columns are copied out to contiguous arrays first: walking a column of the row-major matrix touches a cache
     * line per row for one value. Once column i is final it is projected out of all later columns at once (the
     * "right-looking" order): each column still receives the projections of columns 0, 1, .. in turn, with the
     * same arithmetic, so the result is bit for bit that of the textbook column-by-column loop, but the later
     * columns are independent of each other. They are taken {@value #DOT_GROUP} at a time, whose dot products with
     * column i are summed side by side (one pass, independent additions the processor overlaps), and the groups
     * run on the threads.
     */
    static void orthonormalise(double[] m, int rows, int l, ParallelTasks tasks) {
        double[][] columns = new double[l][rows];
        tasks.runRanges(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                for (int j = 0; j < l; j++) {
                    columns[j][r] = m[r * l + j];
                }
            }
        });
        if (l > 0) {
            normalise(columns[0]);
        }
        for (int i = 0; i < l - 1; i++) {
            double[] ci = columns[i];
            int first = i + 1;
            tasks.run((l - first + DOT_GROUP - 1) / DOT_GROUP, group -> {
                int from = first + group * DOT_GROUP;
                projectOut(ci, columns, from, Math.min(l, from + DOT_GROUP));
                if (from == first) {
                    normalise(columns[first]); // final now: the next step projects it out
                }
            });
        }
        tasks.runRanges(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                for (int j = 0; j < l; j++) {
                    m[r * l + j] = columns[j][r];
                }
            }
        });
    }

    /** Subtracts from each of {@code columns[from .. to)} (at most {@value #DOT_GROUP}) its projection on {@code ci}. */
    private static void projectOut(double[] ci, double[][] columns, int from, int to) {
        // a group of fewer columns repeats its last one in the unused slots; only the real ones are updated
        double[] a = columns[from];
        double[] b = columns[Math.min(from + 1, to - 1)];
        double[] c = columns[Math.min(from + 2, to - 1)];
        double[] d = columns[Math.min(from + 3, to - 1)];
        double da = 0;
        double db = 0;
        double dc = 0;
        double dd = 0;
        for (int r = 0; r < ci.length; r++) {
            double x = ci[r];
            da += x * a[r];
            db += x * b[r];
            dc += x * c[r];
            dd += x * d[r];
        }
        double[] dots = {da, db, dc, dd};
        for (int j = from; j < to; j++) {
            double[] cj = columns[j];
            double dot = dots[j - from];
            for (int r = 0; r < cj.length; r++) {
                cj[r] -= dot * ci[r];
            }
        }
    }

    /** Scales a column to unit length, or to 0 when nothing is left of it. */
    private static void normalise(double[] c) {
        double norm = 0;
        for (int r = 0; r < c.length; r++) {
            norm += c[r] * c[r];
        }
        norm = Math.sqrt(norm);
        for (int r = 0; r < c.length; r++) {
            c[r] = norm > 1e-10 ? c[r] / norm : 0;
        }
    }
}
