package org.musig.model.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;

/**
 * Low-rank vectors for the values of a categorical attribute (artists, albums), learned from the training
 * playlists: two artists are close when the playlists hold them together, or hold the same other artists.
 * A new release by a known artist then starts from its artist's vector, which is what carries a cold track
 * when no audio features exist (most cold held-out tracks are by an artist seen in training).
 *
 * <p>The matrix is the category x playlist count matrix (distinct tracks of the category in the playlist),
 * log-scaled and normalised as in correspondence analysis, {@code D_r^-1/2 X D_c^-1/2}, so that popular
 * artists and long playlists do not dominate. Its leading singular vectors come from a randomized SVD
 * (Halko, Martinsson and Tropp 2011: a Gaussian sketch, {@value #POWER_ITERATIONS} power iterations,
 * then the eigenvectors of the small projected Gram matrix). The leading, trivial component (it reflects
 * only the margins) is kept: where the playlists fall apart into unconnected scenes it is one of several
 * equal singular values, and dropping "the first" would drop one scene's direction. A category's vector is
 * its row of {@code U S}, scaled to unit length; a category in no playlist gets a zero row.
 *
 * <p>Cost: about {@code 2 (2q + 2) nnz (rank + oversampling)} multiply-adds for {@code nnz} (category,
 * playlist) pairs, plus {@code categories (rank + oversampling)^2} for the orthonormalisation. Deterministic
 * for a seed.
 */
public final class CategoryFactors {
    static final int OVERSAMPLING = 8;
    static final int POWER_ITERATIONS = 2;

    private CategoryFactors() {
    }

    /**
     * @return row-major {@code [category.size(), rank]}, unit rows (zero for categories in no playlist)
     */
    public static float[] fit(TrackCategory category, PlaylistMemberships memberships, int rank, long seed) {
        Sparse x = Sparse.of(category, memberships);
        int rows = category.size();
        int l = Math.min(rank + OVERSAMPLING, Math.max(1, Math.min(rows, x.columns)));
        SplittableRandom random = new SplittableRandom(seed);
        double[] omega = new double[x.columns * l];
        for (int i = 0; i < omega.length; i++) {
            omega[i] = gaussian(random);
        }
        double[] y = x.times(omega, l);
        orthonormalise(y, rows, l);
        for (int q = 0; q < POWER_ITERATIONS; q++) {
            double[] z = x.transposeTimes(y, l);
            orthonormalise(z, x.columns, l);
            y = x.times(z, l);
            orthonormalise(y, rows, l);
        }
        // B = Q^T X is l x columns; B B^T = Q^T X X^T Q = V S^2 V^T, and U = Q V.
        double[] bt = x.transposeTimes(y, l); // [columns, l] = B^T
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
        float[] factors = new float[Math.multiplyExact(rows, rank)];
        double[] row = new double[rank];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(row, 0);
            for (int k = 0; k < kept; k++) {
                int component = order[k];
                double sigma = Math.sqrt(Math.max(0, eigenvalues[component]));
                double u = 0;
                for (int i = 0; i < l; i++) {
                    u += y[r * l + i] * eigenvectors[i * l + component];
                }
                row[k] = u * sigma;
            }
            double norm = 0;
            for (double v : row) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < rank; k++) {
                factors[r * rank + k] = norm > 1e-12 ? (float) (row[k] / norm) : 0f;
            }
        }
        return factors;
    }

    /** Heap bytes {@link #fit} uses at its peak, besides its result. */
    public static long memoryBytes(int categories, long pairs, int playlists, int rank) {
        long l = rank + OVERSAMPLING;
        return 12 * pairs + 4L * categories + 8L * playlists * l * 2 + 8L * categories * l * 2;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Modified Gram-Schmidt on the l columns of a row-major [rows, l] matrix; a dependent column becomes 0. */
    static void orthonormalise(double[] m, int rows, int l) {
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

    /** The normalised category x playlist matrix in CSR form. */
    private static final class Sparse {
        final int rows;
        final int columns;
        final int[] offsets;
        final int[] column;
        final double[] value;

        private Sparse(int rows, int columns, int[] offsets, int[] column, double[] value) {
            this.rows = rows;
            this.columns = columns;
            this.offsets = offsets;
            this.column = column;
            this.value = value;
        }

        static Sparse of(TrackCategory category, PlaylistMemberships m) {
            int rows = category.size();
            int columns = m.playlistCount();
            int[] ids = category.ids();
            // Count distinct tracks per (category, playlist): per playlist, tally its tracks' categories.
            int[] perRow = new int[rows];
            int[] count = new int[rows];
            int[] touched = new int[rows];
            int pairs = 0;
            for (int p = 0; p < columns; p++) {
                int n = tally(m, p, ids, count, touched);
                for (int i = 0; i < n; i++) {
                    perRow[touched[i]]++;
                    count[touched[i]] = 0;
                }
                pairs += n;
            }
            int[] offsets = new int[rows + 1];
            for (int r = 0; r < rows; r++) {
                offsets[r + 1] = offsets[r] + perRow[r];
            }
            int[] column = new int[pairs];
            double[] value = new double[pairs];
            int[] next = Arrays.copyOf(offsets, rows);
            for (int p = 0; p < columns; p++) {
                int n = tally(m, p, ids, count, touched);
                for (int i = 0; i < n; i++) {
                    int c = touched[i];
                    column[next[c]] = p;
                    value[next[c]++] = Math.log1p(count[c]);
                    count[c] = 0;
                }
            }
            double[] rowSum = new double[rows];
            double[] columnSum = new double[columns];
            for (int r = 0; r < rows; r++) {
                for (int j = offsets[r]; j < offsets[r + 1]; j++) {
                    rowSum[r] += value[j];
                    columnSum[column[j]] += value[j];
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int j = offsets[r]; j < offsets[r + 1]; j++) {
                    value[j] /= Math.sqrt(rowSum[r] * columnSum[column[j]]);
                }
            }
            return new Sparse(rows, columns, offsets, column, value);
        }

        /**
         * Counts playlist p's tracks per category into {@code count} (all zero before; the caller resets the
         * touched entries) and lists the categories met in {@code touched}; returns how many.
         */
        private static int tally(PlaylistMemberships m, int p, int[] ids, int[] count, int[] touched) {
            int n = 0;
            for (int i = m.playlistStart(p); i < m.playlistEnd(p); i++) {
                int c = ids[m.track(i)];
                if (c != TrackCategory.NONE && count[c]++ == 0) {
                    touched[n++] = c;
                }
            }
            return n;
        }

        /** X M for a row-major [columns, l] matrix M: [rows, l]. */
        double[] times(double[] m, int l) {
            double[] out = new double[rows * l];
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
            double[] out = new double[columns * l];
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
}
