package org.musig.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;

class PlaylistCompletionTest {

    /** Fixed scores per row whatever the seed: enough to check the ranking arithmetic. */
    private static TrackScorer fixed(float... scores) {
        return new TrackScorer() {
            @Override
            public int catalogueSize() {
                return scores.length;
            }

            @Override
            public Query query(int[] seedRows) {
                return Query.of(scores);
            }
        };
    }

    @Test
    void fullCatalogueRanksPlaceAHeldOutTrackInTheMiddleOfItsTiesAndLeaveTheSeedOut() {
        // Row 0 is the seed (excluded). Held-out: row 2 (score 5, tied with rows 1 and 4) and row 5 (score 1,
        // below four rows). Ranks among the 6 other rows: 0 above + 1 + 2 tied others / 2 = 2, and 4 + 1 = 5.
        TrackScorer scorer = fixed(9, 5, 5, 3, 5, 1, 0);
        TestPlaylist playlist = new TestPlaylist("p", new long[] {0}, new long[] {2, 5}, new boolean[] {false, true});
        PlaylistCompletion.Result r = PlaylistCompletion.evaluate(scorer, id -> (int) id, List.of(playlist),
                new long[] {1, 3, 4, 6}, 42, true, Progress.NONE);
        assertThat(r.fullRPrecision()).isEqualTo(0.5); // rank 2 is within the top 2, rank 5 is not
        assertThat(r.fullRecallAt100()).isEqualTo(1.0);
        double idcg = 1 + 1 / log2(3);
        assertThat(r.fullNdcg()).isCloseTo((1 / log2(3) + 1 / log2(6)) / idcg, within(1e-12));
        assertThat(r.playlists()).isEqualTo(1);
        assertThat(r.heldOutTracks()).isEqualTo(2);
        assertThat(r.coldTracks()).isEqualTo(1);
    }

    @Test
    void unscorableHeldOutTracksRankLastAndUnscorableSeedsSkipThePlaylist() {
        TrackScorer scorer = fixed(1, Float.NaN, 0.5f, 0.2f);
        TestPlaylist playlist = new TestPlaylist("p", new long[] {0}, new long[] {1, 2}, new boolean[] {false, false});
        PlaylistCompletion.Result r = PlaylistCompletion.evaluate(scorer, id -> (int) id, List.of(playlist),
                new long[] {3}, 1, true, Progress.NONE);
        // Row 2 ranks first of 3; row 1 (NaN) after all 3, outside the top 2.
        assertThat(r.fullRPrecision()).isEqualTo(0.5);
        assertThat(r.hitRate()).isEqualTo(0.5); // candidates: 1 (NaN, last), 2, and the negative 3 (0.2)

        TestPlaylist unknownSeed = new TestPlaylist("q", new long[] {99}, new long[] {2}, new boolean[] {false});
        PlaylistCompletion.Result skipped = PlaylistCompletion.evaluate(scorer, id -> id < 4 ? (int) id : -1,
                List.of(unknownSeed), new long[] {3}, 1, true, Progress.NONE);
        assertThat(skipped.playlists()).isZero();
        assertThat(skipped.skippedPlaylists()).isEqualTo(1);
    }

    @Test
    void perPlaylistValuesOfTheEvaluatedPlaylistsAverageToTheReportedMeans() {
        TrackScorer scorer = fixed(1, Float.NaN, 0.5f, 0.2f, 0.7f);
        List<TestPlaylist> playlists = List.of(
                new TestPlaylist("p", new long[] {0}, new long[] {1, 2}, new boolean[] {false, false}),
                new TestPlaylist("unknown seed", new long[] {99}, new long[] {2}, new boolean[] {false}),
                new TestPlaylist("q", new long[] {0}, new long[] {4}, new boolean[] {false}),
                new TestPlaylist("r", new long[] {3}, new long[] {2, 1}, new boolean[] {false, true}));
        for (boolean fullCatalogue : new boolean[] {true, false}) {
            PlaylistCompletion.Result r = PlaylistCompletion.evaluate(scorer, id -> id < 5 ? (int) id : -1,
                    playlists, new long[] {0, 2, 3, 4}, 5, fullCatalogue, Progress.NONE);
            PerPlaylist per = r.perPlaylist();
            assertThat(per.playlistIndex()).containsExactly(0, 2, 3); // the skipped playlist is left out
            // Summed in evaluation order, as the means are: equal to the last bit.
            assertThat(mean(per.hitRate())).isEqualTo(r.hitRate());
            assertThat(mean(per.mrr())).isEqualTo(r.mrr());
            assertThat(mean(per.ndcgAt10())).isEqualTo(r.ndcgAt10());
            if (fullCatalogue) {
                assertThat(mean(per.fullRPrecision())).isEqualTo(r.fullRPrecision());
                assertThat(mean(per.fullNdcg())).isEqualTo(r.fullNdcg());
            } else {
                assertThat(per.fullRPrecision()).hasSize(3).containsOnly(Double.NaN);
                assertThat(per.fullNdcg()).hasSize(3).containsOnly(Double.NaN);
            }
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
