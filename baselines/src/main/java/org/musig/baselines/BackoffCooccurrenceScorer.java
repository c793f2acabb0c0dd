package org.musig.baselines;

import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;

/**
 * Item co-occurrence with a category backoff: candidates are ordered by their item co-occurrence count with the
 * seed first, and among equal counts (above all the many zeros of tracks no training playlist shares with the
 * seed: new releases) by their artist's co-occurrence ({@link CategoryCooccurrenceScorer}). The backoff is
 * scaled into [0, 0.99], so it never outweighs one shared playlist.
 */
public final class BackoffCooccurrenceScorer implements TrackScorer {
    private final CooccurrenceScorer items;
    private final CategoryCooccurrenceScorer backoff;

    public BackoffCooccurrenceScorer(PlaylistMemberships memberships, TrackCategory category) {
        items = new CooccurrenceScorer(memberships);
        backoff = new CategoryCooccurrenceScorer(memberships, category);
    }

    @Override
    public int catalogueSize() {
        return items.catalogueSize();
    }

    @Override
    public Query query(int[] seedRows) {
        float[] scores = items.query(seedRows).scoreAll();
        float[] second = backoff.scores(seedRows);
        float max = 0;
        for (float s : second) {
            max = Math.max(max, s);
        }
        if (max > 0) {
            float scale = 0.99f / max;
            for (int t = 0; t < scores.length; t++) {
                scores[t] += second[t] * scale;
            }
        }
        return Query.of(scores);
    }
}
