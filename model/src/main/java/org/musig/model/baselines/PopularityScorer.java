package org.musig.model.baselines;

import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.PlaylistMemberships;

/**
 * The popularity floor: every playlist gets the same ranking, by how many training playlists contain
 * each track. Tracks never seen in training all score 0 and tie (ties count against held-out tracks).
 */
public final class PopularityScorer implements TrackScorer {
    private final float[] counts;

    public PopularityScorer(PlaylistMemberships memberships) {
        counts = new float[memberships.trackCount()];
        for (int i = 0; i < memberships.membershipCount(); i++) {
            counts[memberships.track(i)]++;
        }
    }

    @Override
    public int catalogueSize() {
        return counts.length;
    }

    @Override
    public Query query(int[] seedRows) {
        return Query.of(counts);
    }
}
