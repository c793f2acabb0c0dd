package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;

class CategoryFactorsTest {
    private static final int ARTISTS = 20;
    private static final int TRACKS_PER_ARTIST = 5;

    /** Artists 0..9 share playlists among themselves, artists 10..19 among themselves; artist 20 is in none. */
    private static PlaylistMemberships twoScenes(TrackCategory[] category) {
        int tracks = (ARTISTS + 1) * TRACKS_PER_ARTIST;
        String[] artistOf = new String[tracks];
        for (int t = 0; t < tracks; t++) {
            artistOf[t] = "artist-" + t / TRACKS_PER_ARTIST;
        }
        category[0] = TrackCategory.of("artist", artistOf);
        SplittableRandom random = new SplittableRandom(7);
        PlaylistMemberships.Builder builder = PlaylistMemberships.builder(tracks);
        for (int p = 0; p < 200; p++) {
            int scene = p % 2;
            int[] playlist = new int[8];
            for (int i = 0; i < playlist.length; i++) {
                int artist = scene * 10 + random.nextInt(10);
                playlist[i] = artist * TRACKS_PER_ARTIST + random.nextInt(TRACKS_PER_ARTIST);
            }
            builder.addPlaylist(playlist);
        }
        return builder.build();
    }

    private static double cosine(float[] f, int d, int a, int b) {
        double dot = 0;
        for (int k = 0; k < d; k++) {
            dot += f[a * d + k] * f[b * d + k];
        }
        return dot; // rows are unit vectors
    }

    @Test
    void artistsOfOneSceneAreCloserToEachOtherThanToTheOtherScene() {
        TrackCategory[] category = new TrackCategory[1];
        PlaylistMemberships playlists = twoScenes(category);
        int d = 4;
        float[] factors = CategoryFactors.fit(category[0], playlists, d, 11);
        assertThat(factors).hasSize((ARTISTS + 1) * d);
        double within = 0;
        double across = 0;
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                if (a != b) {
                    within += cosine(factors, d, a, b) + cosine(factors, d, 10 + a, 10 + b);
                }
                across += 2 * cosine(factors, d, a, 10 + b);
            }
        }
        // One scene axis (plus the noise of random playlists) separates them clearly.
        assertThat(within / 180).isGreaterThan(across / 200 + 0.4);
        // The artist in no playlist has no vector.
        for (int k = 0; k < d; k++) {
            assertThat(factors[ARTISTS * d + k]).isZero();
        }
    }

    @Test
    void theSameSeedGivesTheSameVectors() {
        TrackCategory[] category = new TrackCategory[1];
        PlaylistMemberships playlists = twoScenes(category);
        assertThat(CategoryFactors.fit(category[0], playlists, 6, 3))
                .containsExactly(CategoryFactors.fit(category[0], playlists, 6, 3));
    }

    @Test
    void theVectorsAreBitForBitTheSameOnOneTwoAndThreeThreads() {
        int tracks = 6_000;
        SplittableRandom random = new SplittableRandom(5);
        String[] artistOf = new String[tracks];
        for (int t = 0; t < tracks; t++) {
            artistOf[t] = t % 50 == 0 ? null : "artist-" + random.nextInt(4_000);
        }
        TrackCategory category = TrackCategory.of("artist", artistOf);
        PlaylistMemberships.Builder builder = PlaylistMemberships.builder(tracks);
        for (int p = 0; p < 3_000; p++) {
            builder.addPlaylist(random.ints(5 + random.nextInt(30), 0, tracks).toArray());
        }
        PlaylistMemberships playlists = builder.build();
        float[] oneThread = CategoryFactors.fit(category, playlists, 8, 3);
        for (int threads = 2; threads <= 3; threads++) {
            assertThat(Arrays.mismatch(CategoryFactors.fit(category, playlists, 8, 3, threads), oneThread))
                    .as("first differing value, %d threads", threads).isEqualTo(-1);
        }
    }

    @Test
    void countLogIsMathLog1pOfTheCount() {
        for (int n = 0; n < 1_000; n++) {
            assertThat(CountLog.log1p(n)).isEqualTo(Math.log1p(n));
        }
        assertThat(CountLog.log1p(Integer.MAX_VALUE)).isEqualTo(Math.log1p(Integer.MAX_VALUE));
    }

    @Test
    void jacobiFindsTheEigenpairsOfASymmetricMatrix() {
        double[] a = {4, 1, 2, 1, 3, 0, 2, 0, 5};
        double[] original = a.clone();
        double[] v = new double[9];
        double[] values = SymmetricEigen.decompose(a, 3, v);
        for (int j = 0; j < 3; j++) { // A v_j = lambda_j v_j
            for (int i = 0; i < 3; i++) {
                double av = 0;
                for (int k = 0; k < 3; k++) {
                    av += original[i * 3 + k] * v[k * 3 + j];
                }
                assertThat(av).isCloseTo(values[j] * v[i * 3 + j], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(values[0] + values[1] + values[2]).isCloseTo(12, org.assertj.core.data.Offset.offset(1e-9));
    }
}
