package org.musig.baselines;

import java.util.Arrays;
import java.util.Objects;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;

/**
 * What {@link WarpFactorisation} represents a track by: a weighted sum of feature rows, as in LightFM's hybrid
 * model. Plain collaborative filtering gives every track one feature of its own (its identity); the hybrid adds the
 * track's artist and album, so a track no training playlist holds still has a vector (its artist's and album's
 * rows, learned from the artist's other tracks), which plain CF cannot give it.
 *
 * <p>Stored per track as a compressed row: features {@code feature[start[t] .. start[t + 1])} with weights summing to
 * 1 (LightFM normalises an item's features the same way, so a track with more features does not score higher).
 *
 * @param featureCount rows of the feature table: identity rows first (one per track), then each category's ids
 */
public record ItemFeatures(int featureCount, int[] start, int[] feature, float[] weight) {

    public ItemFeatures {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(weight, "weight");
        if (feature.length != weight.length || start.length == 0 || start[start.length - 1] != feature.length) {
            throw new IllegalArgumentException("item features: inconsistent rows");
        }
    }

    /** Plain collaborative filtering: each track is its own single feature. */
    public static ItemFeatures identity(int tracks) {
        int[] start = new int[tracks + 1];
        int[] feature = new int[tracks];
        for (int t = 0; t < tracks; t++) {
            start[t + 1] = t + 1;
            feature[t] = t;
        }
        float[] weight = new float[tracks];
        Arrays.fill(weight, 1f);
        return new ItemFeatures(tracks, start, feature, weight);
    }

    /**
     * The hybrid: a track in at least one training playlist has its identity feature; every track with a value of
     * a category (artist, album) has that value's feature. A track no training playlist holds is represented by
     * its categories alone: its identity row would only ever have been pushed away from playlists as a negative.
     */
    public static ItemFeatures hybrid(PlaylistMemberships memberships, TrackCategory... categories) {
        int tracks = memberships.trackCount();
        boolean[] trained = new boolean[tracks];
        for (int i = 0; i < memberships.membershipCount(); i++) {
            trained[memberships.track(i)] = true;
        }
        int[] offset = new int[categories.length];
        int featureCount = tracks;
        for (int c = 0; c < categories.length; c++) {
            if (categories[c].trackCount() != tracks) {
                throw new IllegalArgumentException("item features: category '" + categories[c].name() + "' covers "
                        + categories[c].trackCount() + " tracks, the memberships " + tracks);
            }
            offset[c] = featureCount;
            featureCount = Math.addExact(featureCount, categories[c].size());
        }
        int[] start = new int[tracks + 1];
        int[] scratch = new int[categories.length + 1];
        int[] feature = new int[tracks * (categories.length + 1)];
        int used = 0;
        for (int t = 0; t < tracks; t++) {
            int n = 0;
            if (trained[t]) {
                scratch[n++] = t;
            }
            for (int c = 0; c < categories.length; c++) {
                int id = categories[c].id(t);
                if (id != TrackCategory.NONE) {
                    scratch[n++] = offset[c] + id;
                }
            }
            System.arraycopy(scratch, 0, feature, used, n);
            used += n;
            start[t + 1] = used;
        }
        feature = Arrays.copyOf(feature, used);
        float[] weight = new float[used];
        for (int t = 0; t < tracks; t++) {
            int n = start[t + 1] - start[t];
            Arrays.fill(weight, start[t], start[t + 1], n == 0 ? 0f : 1f / n);
        }
        return new ItemFeatures(featureCount, start, feature, weight);
    }

    public int trackCount() {
        return start.length - 1;
    }

    /** Bytes of the rows (the feature table itself is counted by {@link WarpFactorisation}). */
    public long memoryBytes() {
        return 4L * start.length + 8L * feature.length;
    }

    /**
     * At most the bytes of the rows of {@link #identity} ({@code categories} 0) or of {@link #hybrid} over that many
     * categories, before they are built: every track with its identity and one value of each category.
     */
    public static long memoryBytes(int tracks, int categories) {
        return 4L * (tracks + 1) + 8L * tracks * (categories + 1);
    }
}
