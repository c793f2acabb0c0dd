package org.musig.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;

/** The LightFM-style hybrid of {@link WarpFactorisation}: tracks as sums of identity, artist and album rows. */
class HybridWarpTest {
    private static final int COMMUNITIES = 3;
    private static final int COMMUNITY_SIZE = 20;
    /** Per community: 20 tracks in playlists, then 2 new releases (by the community's artist) in none. */
    private static final int TRACKS = COMMUNITIES * (COMMUNITY_SIZE + 2);
    private static final WarpConfig TOY = new WarpConfig(16, 20, 0.05, 100, 1e-6, 42);

    private static int community(int track) {
        return track < COMMUNITIES * COMMUNITY_SIZE ? track / COMMUNITY_SIZE
                : (track - COMMUNITIES * COMMUNITY_SIZE) / 2;
    }

    /** 120 playlists per community, each 8 to 10 distinct tracks of that one community; new releases in none. */
    private static PlaylistMemberships playlists() {
        Random random = new Random(1);
        PlaylistMemberships.Builder builder = PlaylistMemberships.builder(TRACKS);
        int[] pool = new int[COMMUNITY_SIZE];
        for (int p = 0; p < 120 * COMMUNITIES; p++) {
            int c = p % COMMUNITIES;
            for (int i = 0; i < COMMUNITY_SIZE; i++) {
                pool[i] = c * COMMUNITY_SIZE + i;
            }
            int size = 8 + random.nextInt(3);
            for (int i = 0; i < size; i++) {
                int j = i + random.nextInt(pool.length - i);
                int swap = pool[i];
                pool[i] = pool[j];
                pool[j] = swap;
            }
            builder.addPlaylist(pool, 0, size);
        }
        return builder.build();
    }

    /** One artist per community (new releases included); the last new release has no artist. */
    private static TrackCategory artists() {
        String[] names = new String[TRACKS];
        for (int t = 0; t < TRACKS - 1; t++) {
            names[t] = "artist-" + community(t);
        }
        return TrackCategory.of("artist", names);
    }

    @Test
    void aNewReleaseNoPlaylistHoldsIsPlacedWithItsArtistsCommunity() {
        PlaylistMemberships data = playlists();
        float[][] v = WarpFactorisation.train(data, ItemFeatures.hybrid(data, artists()), TOY, 1, Progress.NONE, null)
                .trackVectors();
        for (int release = COMMUNITIES * COMMUNITY_SIZE; release < TRACKS - 1; release++) {
            double own = 0;
            double other = 0;
            for (int t = 0; t < COMMUNITIES * COMMUNITY_SIZE; t++) {
                if (community(t) == community(release)) {
                    own += cosine(v[release], v[t]) / COMMUNITY_SIZE;
                } else {
                    other += cosine(v[release], v[t]) / (COMMUNITY_SIZE * (COMMUNITIES - 1));
                }
            }
            assertThat(own - other).as("new release %d: own community %.3f, others %.3f", release, own, other)
                    .isGreaterThan(0.3);
        }
    }

    @Test
    void aTrackWithNoPlaylistAndNoArtistHasNoVectorWhilePlainCfGivesItANoiseVector() {
        PlaylistMemberships data = playlists();
        float[][] hybrid =
                WarpFactorisation.train(data, ItemFeatures.hybrid(data, artists()), TOY, 1, Progress.NONE, null)
                        .trackVectors();
        float[][] plain = WarpFactorisation.train(data, TOY, Progress.NONE).trackVectors();
        assertThat(hybrid[TRACKS - 1]).containsOnly(0f);
        assertThat(plain[TRACKS - 1]).isNotEqualTo(new float[TOY.dimension()]);
    }

    @Test
    void aTrackIsItsIdentityWhenTrainedAndItsCategoriesWithWeightsSummingToOne() {
        PlaylistMemberships data = playlists();
        ItemFeatures items = ItemFeatures.hybrid(data, artists());
        assertThat(items.featureCount()).isEqualTo(TRACKS + COMMUNITIES);
        // a trained track: identity + artist, half each
        assertThat(items.feature()).startsWith(0, TRACKS);
        assertThat(items.weight()).startsWith(0.5f, 0.5f);
        // a new release: its artist alone
        int release = COMMUNITIES * COMMUNITY_SIZE;
        assertThat(items.start()[release + 1] - items.start()[release]).isEqualTo(1);
        assertThat(items.feature()[items.start()[release]]).isEqualTo(TRACKS);
        assertThat(items.weight()[items.start()[release]]).isEqualTo(1f);
    }

    @Test
    void sameSeedGivesIdenticalHybridVectors() {
        PlaylistMemberships data = playlists();
        ItemFeatures items = ItemFeatures.hybrid(data, artists());
        WarpConfig small = new WarpConfig(8, 3, 0.05, 100, 1e-6, 42);
        assertThat(WarpFactorisation.train(data, items, small, 1, Progress.NONE, null).trackVectors())
                .isDeepEqualTo(WarpFactorisation.train(data, items, small, 1, Progress.NONE, null).trackVectors());
    }

    @Test
    void anyNumberOfThreadsGivesTheVectorsAndLossesOfOne() {
        PlaylistMemberships data = playlists();
        ItemFeatures items = ItemFeatures.hybrid(data, artists());
        WarpConfig small = new WarpConfig(8, 3, 0.05, 100, 1e-6, 42);
        WarpFactorisation.Result one = WarpFactorisation.train(data, items, small, 1, Progress.NONE, null);
        for (int threads : new int[] {2, 3}) {
            WarpFactorisation.Result many = WarpFactorisation.train(data, items, small, threads, Progress.NONE, null);
            assertThat(many.trackVectors()).isDeepEqualTo(one.trackVectors());
            assertThat(many.meanWarpLossPerEpoch()).isEqualTo(one.meanWarpLossPerEpoch());
        }
        assertThat(WarpFactorisation.train(data, ItemFeatures.identity(TRACKS), small, 2, Progress.NONE, null)
                .trackVectors()).isDeepEqualTo(WarpFactorisation.train(data, small, Progress.NONE).trackVectors());
        assertThatThrownBy(() -> WarpFactorisation.train(data, items, small, 0, Progress.NONE, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be >= 1, got 0");
    }

    @Test
    void featuresForAnotherNumberOfTracksAreRejectedNamingBothCounts() {
        PlaylistMemberships data = playlists();
        assertThatThrownBy(
                () -> WarpFactorisation.train(data, ItemFeatures.identity(TRACKS - 1), TOY, 1, Progress.NONE, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cover " + (TRACKS - 1) + " tracks")
                .hasMessageContaining("the memberships " + TRACKS);
        TrackCategory shortCategory = TrackCategory.of("artist", new String[] {"a"});
        assertThatThrownBy(() -> ItemFeatures.hybrid(data, shortCategory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'artist' covers 1 tracks");
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
