package org.musig.model.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which playlists an evaluation holds out, and how much of each (MUSIG section 4.1, with the no-leak rule of
 * docs/procedures/evaluate-and-benchmark.md): a test playlist keeps its first {@link #seedSize} tracks by position
 * as the seed, and the rest is held out - invisible to everything built or trained for that evaluation.
 *
 * <p>Deterministic: the same lengths, settings and seed choose the same playlists, whatever the order the
 * caller found them in, as long as it passes them in a stable order (e.g. sorted by playlist id).
 */
public final class SplitPlan {
    private SplitPlan() {
    }

    /**
     * Seed part of a playlist of {@code length} distinct tracks: {@code round(length * seedFraction)},
     * kept within {@code [1, length - 1]} so both parts are non-empty.
     */
    public static int seedSize(int length, double seedFraction) {
        if (length < 2) {
            throw new IllegalArgumentException("a playlist needs at least 2 tracks to be split, got " + length);
        }
        long seed = Math.round(length * seedFraction);
        return (int) Math.max(1, Math.min(length - 1, seed));
    }

    /**
     * Chooses test playlists: a uniformly random sample, without replacement, of the playlists with at least
     * {@code minTracks} (and at least 2) tracks.
     *
     * @param lengths   distinct tracks per playlist, in the caller's stable order
     * @param minTracks playlists shorter than this are never chosen
     * @param count     how many to choose; fewer when fewer are eligible
     * @param seed      random seed
     * @return indices into {@code lengths}, ascending
     */
    public static int[] choose(int[] lengths, int minTracks, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        int threshold = Math.max(2, minTracks);
        int[] eligible = new int[lengths.length];
        int n = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] >= threshold) {
                eligible[n++] = i;
            }
        }
        int take = Math.min(count, n);
        // Partial Fisher-Yates: the first `take` slots become a uniform sample.
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(n - i);
            int swap = eligible[i];
            eligible[i] = eligible[j];
            eligible[j] = swap;
        }
        int[] chosen = Arrays.copyOf(eligible, take);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Playlists eligible for a split: at least {@code max(2, minTracks)} tracks. */
    public static int eligibleCount(int[] lengths, int minTracks) {
        int threshold = Math.max(2, minTracks);
        int n = 0;
        for (int length : lengths) {
            if (length >= threshold) {
                n++;
            }
        }
        return n;
    }
}
