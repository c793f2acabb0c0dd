package org.musig.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;

class CategoryCooccurrenceScorerTest {
    // Tracks 0..6 by artists a, a, b, b, c, a, (none). Playlists: {0, 2}, {1, 3, 4}, {2, 4}.
    // Track 5 is a new release by a: in no playlist. Track 6 has no artist.
    private static final TrackCategory ARTISTS = TrackCategory.of("artist",
            new String[] {"a", "a", "b", "b", "c", "a", null});
    private static final PlaylistMemberships PLAYLISTS = PlaylistMemberships.of(7,
            new int[] {0, 2}, new int[] {1, 3, 4}, new int[] {2, 4});

    @Test
    void aCandidateScoresTheTrainingPlaylistsHoldingItsArtistAndASeedArtist() {
        CategoryCooccurrenceScorer scorer = new CategoryCooccurrenceScorer(PLAYLISTS, ARTISTS);
        float[] scores = scorer.query(new int[] {0}).scoreAll(); // seed artist a: playlists 0 and 1
        // a is in playlists 0, 1 -> 2; b in 0, 1 -> 2; c in 1 -> 1; the unseen release by a scores as a.
        assertThat(scores).containsExactly(2, 2, 2, 2, 1, 2, 0);
    }

    @Test
    void seedTracksAddUpAndAnArtistCountsOncePerPlaylist() {
        CategoryCooccurrenceScorer scorer = new CategoryCooccurrenceScorer(PLAYLISTS, ARTISTS);
        // Seeds 0 (a) and 4 (c): w = playlist 0: 1 (a), playlist 1: 2 (a, c), playlist 2: 1 (c).
        float[] scores = scorer.query(new int[] {0, 4}).scoreAll();
        assertThat(scores[2]).isEqualTo(4); // b: playlists 0, 1, 2 -> 1 + 2 + 1
        assertThat(scores[4]).isEqualTo(3); // c: playlists 1, 2 -> 2 + 1
        assertThat(scores[0]).isEqualTo(3); // a: playlists 0, 1 -> 1 + 2 (tracks 0 and 1 of a in one playlist each)
        assertThat(scores[6]).isZero();
    }

    @Test
    void theCosineWeightingRanksTheSeedsOwnArtistAboveAnArtistThatIsInEveryPlaylist() {
        // Playlists weigh 1/sqrt(distinct artists): p0 {a, b} 1/sqrt2, p1 {a, b, c} 1/sqrt3, p2 {b, c} 1/sqrt2.
        // a = (1/sqrt2, 1/sqrt3, 0), b = (1/sqrt2, 1/sqrt3, 1/sqrt2), c = (0, 1/sqrt3, 1/sqrt2), each then unit length.
        CategoryCooccurrenceScorer scorer = new CategoryCooccurrenceScorer(PLAYLISTS, ARTISTS,
                CategoryCooccurrenceScorer.Weighting.COSINE);
        float[] scores = scorer.query(new int[] {0}).scoreAll();
        double ab = (1 / 2.0 + 1 / 3.0) / Math.sqrt((5 / 6.0) * (4 / 3.0));
        double ac = (1 / 3.0) / (5 / 6.0);
        assertThat(scores[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(scores[5]).isEqualTo(scores[0]); // the unseen release by a
        assertThat((double) scores[2]).isCloseTo(ab, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((double) scores[4]).isCloseTo(ac, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(scores[6]).isZero();
        // Raw counts tie a and b (both in playlists 0 and 1); the cosine does not.
        float[] counts = new CategoryCooccurrenceScorer(PLAYLISTS, ARTISTS).query(new int[] {0}).scoreAll();
        assertThat(counts[2]).isEqualTo(counts[0]);
    }

    @Test
    void theArtistBackoffOnlyOrdersTracksWithTheSameItemCount() {
        BackoffCooccurrenceScorer scorer = new BackoffCooccurrenceScorer(PLAYLISTS, ARTISTS);
        float[] scores = scorer.query(new int[] {0}).scoreAll();
        // Item co-occurrence with seed 0: track 0 -> 1 (itself), 2 -> 1; all others 0.
        assertThat(scores[2]).isGreaterThan(1).isLessThan(2);
        // Among the zeros, the release by a (artist score 2) beats c (1), and c beats the track with no artist.
        assertThat(scores[5]).isGreaterThan(scores[4]);
        assertThat(scores[4]).isGreaterThan(scores[6]);
        assertThat(scores[5]).isLessThan(1);
    }
}
