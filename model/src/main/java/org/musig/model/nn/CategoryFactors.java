package org.musig.model.nn;

import java.util.Arrays;
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
 * artists and long playlists do not dominate. Its leading singular vectors come from a
 * {@link RandomizedSvd}. The leading, trivial component (it reflects
 * only the margins) is kept: where the playlists fall apart into unconnected scenes it is one of several
 * equal singular values, and dropping "the first" would drop one scene's direction. A category's vector is
 * its row of {@code U S}, scaled to unit length; a category in no playlist gets a zero row.
 *
 * <p>Cost: that of the SVD over the {@code nnz} (category, playlist) pairs. Deterministic for a seed.
 */
public final class CategoryFactors {
    private CategoryFactors() {
    }

    /**
     * @return row-major {@code [category.size(), rank]}, unit rows (zero for categories in no playlist)
     */
    public static float[] fit(TrackCategory category, PlaylistMemberships memberships, int rank, long seed) {
        return fit(category, memberships, rank, seed, 1);
    }

    /**
     * As {@link #fit(TrackCategory, PlaylistMemberships, int, long)}, the SVD on {@code threads} threads; the
     * vectors are bit for bit the same for any number.
     */
    public static float[] fit(TrackCategory category, PlaylistMemberships memberships, int rank, long seed,
                              int threads) {
        SparseMatrix x = normalisedCounts(category, memberships);
        double[] usv = RandomizedSvd.of(x, rank, seed, threads).leftScaled();
        float[] factors = new float[Math.multiplyExact(x.rows, rank)];
        for (int r = 0; r < x.rows; r++) {
            double norm = 0;
            for (int k = 0; k < rank; k++) {
                norm += usv[r * rank + k] * usv[r * rank + k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < rank; k++) {
                factors[r * rank + k] = norm > 1e-12 ? (float) (usv[r * rank + k] / norm) : 0f;
            }
        }
        return factors;
    }

    /** Heap bytes {@link #fit} uses at its peak, besides its result. */
    public static long memoryBytes(int categories, long pairs, int playlists, int rank) {
        return 12 * pairs + 4L * categories + RandomizedSvd.memoryBytes(categories, playlists, rank);
    }

    /** The normalised category x playlist matrix. */
    private static SparseMatrix normalisedCounts(TrackCategory category, PlaylistMemberships m) {
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
                value[next[c]++] = CountLog.log1p(count[c]);
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
        return new SparseMatrix(rows, columns, offsets, column, value);
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
}
