package org.musig.baselines;

import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.PlaylistMemberships;

/**
 * The popularity floor: every playlist gets the same ranking, by how many training playlists contain
 * each track. Tracks never seen in training all score 0 and tie (ties count against held-out tracks).
 */
public final class PopularityScorer implements TrackScorer {
    private final float[] counts;

    public PopularityScorer(PlaylistMemberships memberships) {
        int[] playlists = memberships.playlistsPerTrack();
        counts = new float[playlists.length];
        for (int t = 0; t < playlists.length; t++) {
            counts[t] = playlists[t];
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
