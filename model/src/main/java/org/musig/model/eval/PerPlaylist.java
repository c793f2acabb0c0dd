package org.musig.model.eval;

import java.util.Arrays;

/**
 * The metric values of each evaluated test playlist (skipped ones are absent), in evaluation order: what
 * a confidence interval or a paired comparison of two methods needs beyond the means. Position i of every
 * array belongs to the playlist at {@code playlistIndex[i]} of the evaluated list; indices strictly increase,
 * so two methods run on the same list pair up by a merge. The full-catalogue arrays hold NaN when the
 * full catalogue was not ranked.
 */
public record PerPlaylist(int[] playlistIndex, double[] hitRate, double[] mrr, double[] ndcgAt10,
                          double[] fullRPrecision, double[] fullNdcg) {

    public PerPlaylist {
        int n = playlistIndex.length;
        for (double[] values : new double[][] {hitRate, mrr, ndcgAt10, fullRPrecision, fullNdcg}) {
            if (values.length != n) {
                throw new IllegalArgumentException(values.length + " values for " + n + " playlists");
            }
        }
        for (int i = 0; i < n; i++) {
            if (playlistIndex[i] < 0 || (i > 0 && playlistIndex[i] <= playlistIndex[i - 1])) {
                throw new IllegalArgumentException("playlist indices must be non-negative and strictly increasing");
            }
        }
    }

    /** How many playlists were evaluated. */
    public int size() {
        return playlistIndex.length;
    }

    // Records compare arrays by reference; compare contents so equal evaluations give equal results.
    @Override
    public boolean equals(Object o) {
        return o instanceof PerPlaylist other && Arrays.equals(playlistIndex, other.playlistIndex)
                && Arrays.equals(hitRate, other.hitRate) && Arrays.equals(mrr, other.mrr)
                && Arrays.equals(ndcgAt10, other.ndcgAt10) && Arrays.equals(fullRPrecision, other.fullRPrecision)
                && Arrays.equals(fullNdcg, other.fullNdcg);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(playlistIndex);
        for (double[] values : new double[][] {hitRate, mrr, ndcgAt10, fullRPrecision, fullNdcg}) {
            h = 31 * h + Arrays.hashCode(values);
        }
        return h;
    }

    // Thousands of values would swamp a log line that prints a Result.
    @Override
    public String toString() {
        return "PerPlaylist[playlists=" + size() + "]";
    }
}
