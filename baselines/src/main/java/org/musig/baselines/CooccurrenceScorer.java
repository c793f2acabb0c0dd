package org.musig.baselines;

import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.PlaylistMemberships;

/**
 * Item co-occurrence, the first thing a music engineer tries (the benchmark's methods:
 * docs/procedures/evaluate-and-benchmark.md): a candidate's score is the sum of its training co-occurrence counts
 * with the seed tracks, counted from the memberships directly (no weight threshold). A track that shares no
 * training playlist with the seed scores 0.
 */
public final class CooccurrenceScorer implements TrackScorer {
    private final PlaylistMemberships memberships;
    private final int[] playlistOffsets; // inverted index: playlists of track t are playlistIds[offsets[t] .. offsets[t+1])
    private final int[] playlistIds;

    public CooccurrenceScorer(PlaylistMemberships memberships) {
        this.memberships = memberships;
        int tracks = memberships.trackCount();
        int[] playlistsPerTrack = memberships.playlistsPerTrack();
        playlistOffsets = new int[tracks + 1];
        for (int t = 0; t < tracks; t++) {
            playlistOffsets[t + 1] = playlistOffsets[t] + playlistsPerTrack[t];
        }
        playlistIds = new int[memberships.membershipCount()];
        int[] next = java.util.Arrays.copyOf(playlistOffsets, tracks);
        for (int p = 0; p < memberships.playlistCount(); p++) {
            for (int i = memberships.playlistStart(p); i < memberships.playlistEnd(p); i++) {
                playlistIds[next[memberships.track(i)]++] = p;
            }
        }
    }

    @Override
    public int catalogueSize() {
        return memberships.trackCount();
    }

    @Override
    public Query query(int[] seedRows) {
        float[] scores = new float[memberships.trackCount()];
        for (int seed : seedRows) {
            for (int j = playlistOffsets[seed]; j < playlistOffsets[seed + 1]; j++) {
                int p = playlistIds[j];
                for (int i = memberships.playlistStart(p); i < memberships.playlistEnd(p); i++) {
                    scores[memberships.track(i)]++;
                }
            }
        }
        return Query.of(scores);
    }
}
