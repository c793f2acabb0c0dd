package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.TrackFeatures;

class InputFeaturesTest {
    private static final org.assertj.core.data.Offset<Float> CLOSE = org.assertj.core.data.Offset.offset(1e-6f);

    // 4 tracks: audio (dim 2) for tracks 0..2, source popularity for 0 and 1, genres rock, pop, none, jazz.
    private static TrackFeatures table() {
        FeatureGroup popularity = FeatureGroup.builder(TrackFeatures.POPULARITY, 4, 1)
                .set(0, new float[] {0.1f}).set(1, new float[] {0.2f}).set(2, new float[] {0.3f})
                .set(3, new float[] {0.4f}).build();
        FeatureGroup source = FeatureGroup.builder(TrackFeatures.SOURCE_POPULARITY, 4, 1)
                .set(0, new float[] {0.6f}).set(1, new float[] {0.8f}).build();
        FeatureGroup audio = FeatureGroup.builder(TrackFeatures.AUDIO, 4, 2)
                .set(0, new float[] {1, 5}).set(1, new float[] {2, 5}).set(2, new float[] {3, 5}).build();
        return TrackFeatures.of(4, List.of(popularity, source, audio), new int[] {0, 1, -1, 2},
                List.of("rock", "pop", "jazz"));
    }

    @Test
    void encodesDenseColumnsThenTheGenreOneHot() {
        List<String> notices = new ArrayList<>();
        InputFeatures input = InputFeatures.fit(table(), List.of("genre", "popularity", "audio"), 2, notices);
        assertThat(notices).isEmpty();
        // popularity, source popularity, source missing; audio z (2), audio missing; rock, pop, no genre
        assertThat(input.denseDimension()).isEqualTo(6);
        assertThat(input.oneHotWidth()).isEqualTo(3);
        assertThat(input.groups()).containsExactly("popularity", "audio", "genre");
        InputFeatures.Encoded e = input.encode(table());
        float z = (float) (1 / Math.sqrt(2.0 / 3)); // audio column 0 = 1, 2, 3: mean 2, population sd sqrt(2/3)
        assertThat(InputFeatures.row(e, 6, 3, 0)).containsExactly(new float[] {0.1f, 0.6f, 0, -z, 0, 0, 1, 0, 0},
                CLOSE);
        // Track 2: source popularity missing -> the training mean 0.7 and the indicator; no genre column.
        assertThat(InputFeatures.row(e, 6, 3, 2)).containsExactly(new float[] {0.3f, 0.7f, 1, z, 0, 0, 0, 0, 1}, CLOSE);
        // Track 3: no audio -> zeros and the missing column; jazz is outside the top 2 -> no hot column.
        assertThat(InputFeatures.row(e, 6, 3, 3)).containsExactly(new float[] {0.4f, 0.7f, 1, 0, 0, 1, 0, 0, 0}, CLOSE);
    }

    @Test
    void laterTablesAreEncodedWithTheTrainingStatisticsAndGenreNames() throws IOException {
        InputFeatures input = InputFeatures.fit(table(), List.of("genre", "audio"), 2, new ArrayList<>());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        input.write(new DataOutputStream(bytes));
        InputFeatures stored =
                InputFeatures.read(new org.musig.model.io.BoundedInput(bytes.toByteArray()), true, true, true);

        // A later table numbers its genres differently (pop first) and has a wild audio value.
        FeatureGroup audio = FeatureGroup.builder(TrackFeatures.AUDIO, 2, 2).set(0, new float[] {2, 5})
                .set(1, new float[] {1e9f, 5}).build();
        TrackFeatures later = TrackFeatures.of(2, List.of(audio), new int[] {0, 1}, List.of("pop", "rock"));
        InputFeatures.Encoded e = stored.encode(later);
        assertThat(e.oneHot()).containsExactly(1, 0); // pop -> model column 1, rock -> column 0
        assertThat(InputFeatures.row(e, 3, 3, 0)).containsExactly(0, 0, 0, 0, 1, 0);
        assertThat(e.dense()[3]).isEqualTo(InputFeatures.Z_CLAMP);

        FeatureGroup wide = FeatureGroup.builder(TrackFeatures.AUDIO, 2, 3).set(0, new float[] {1, 2, 3}).build();
        assertThatThrownBy(() -> stored.encode(TrackFeatures.of(2, List.of(wide), null, null)))
                .hasMessageContaining("'audio' has 3 columns, the model was trained with 2");
    }

    @Test
    void leavesOutMissingGroupsWithANoticeAndFailsWhenNothingIsLeft() {
        TrackFeatures onlyPopularity = TrackFeatures.of(2, List.of(FeatureGroup.builder(TrackFeatures.POPULARITY, 2, 1)
                .set(0, new float[] {0.5f}).build()), null, null);
        List<String> notices = new ArrayList<>();
        InputFeatures input =
                InputFeatures.fit(onlyPopularity, List.of("genre", "popularity", "acoustic"), 50, notices);
        assertThat(input.groups()).containsExactly("popularity");
        assertThat(notices).containsExactly("feature group 'genre' left out: no track has a genre",
                "feature group 'acoustic' left out: no track has it");
        assertThatThrownBy(() -> InputFeatures.fit(onlyPopularity, List.of("audio"), 50, new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one input feature");
    }

    @Test
    void artistVectorsComeFromTheTrainingPlaylistsAndAnUnknownArtistGetsTheMissingColumn() throws IOException {
        // Tracks 0..3 by a, a, b, c; track 3 (c) is in no playlist, so the model does not know c.
        org.musig.model.graph.TrackCategory artists = org.musig.model.graph.TrackCategory.of("artist",
                new String[] {"a", "a", "b", "c"});
        org.musig.model.graph.PlaylistMemberships playlists = org.musig.model.graph.PlaylistMemberships.of(4,
                new int[] {0, 2}, new int[] {1, 2}, new int[] {0, 1});
        TrackFeatures features = table().withCategories(List.of(artists), playlists);
        List<String> notices = new ArrayList<>();
        InputFeatures input = InputFeatures.fit(features, List.of("artist"), 0, 2, 5, notices);
        assertThat(notices).isEmpty();
        assertThat(input.groups()).containsExactly("artist");
        assertThat(input.denseDimension()).isEqualTo(3); // two vector columns and the missing column
        InputFeatures.Encoded e = input.encode(features);
        assertThat(InputFeatures.row(e, 3, 0, 0)).containsExactly(InputFeatures.row(e, 3, 0, 1), CLOSE); // same artist
        assertThat(InputFeatures.row(e, 3, 0, 0)[2]).isZero();
        assertThat(InputFeatures.row(e, 3, 0, 3)).containsExactly(new float[] {0, 0, 1}, CLOSE);

        // Stored and read back, the model encodes a later table by artist id, whatever its numbering.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        input.write(new DataOutputStream(bytes));
        InputFeatures stored =
                InputFeatures.read(new org.musig.model.io.BoundedInput(bytes.toByteArray()), true, true, true);
        TrackFeatures later = TrackFeatures.of(2, List.of(), null, null).withCategories(
                List.of(org.musig.model.graph.TrackCategory.of("artist", new String[] {"b", "a"})), null);
        InputFeatures.Encoded e2 = stored.encode(later);
        assertThat(InputFeatures.row(e2, 3, 0, 1)).containsExactly(InputFeatures.row(e, 3, 0, 0), CLOSE);
        assertThat(InputFeatures.row(e2, 3, 0, 0)).containsExactly(InputFeatures.row(e, 3, 0, 2), CLOSE);
    }

    @Test
    void anArtistGroupWithoutArtistsOrPlaylistsIsLeftOutWithANotice() {
        List<String> notices = new ArrayList<>();
        InputFeatures.fit(table(), List.of("popularity", "artist", "album"), 0, 4, 1, notices);
        assertThat(notices).containsExactly("feature group 'artist' left out: no track has an artist id or name",
                "feature group 'album' left out: no track has an album id or name");
        TrackFeatures noPlaylists = table().withCategories(List.of(org.musig.model.graph.TrackCategory.of("artist",
                new String[] {"a", "a", "b", "c"})), null);
        notices.clear();
        InputFeatures.fit(noPlaylists, List.of("popularity", "artist"), 0, 4, 1, notices);
        assertThat(notices).singleElement().asString().contains("no playlist memberships");
        // A blank artist is named, not silently turned into a value.
        TrackFeatures oneBlank = table().withCategories(List.of(org.musig.model.graph.TrackCategory.of("artist",
                new String[] {"a", " ", "b", "a"})), org.musig.model.graph.PlaylistMemberships.of(4, new int[] {0, 2}));
        notices.clear();
        InputFeatures.fit(oneBlank, List.of("artist"), 0, 2, 1, notices);
        assertThat(notices).containsExactly("feature group 'artist': 1 of 4 tracks have no artist id or name; they get "
                + "the group's missing column");
        notices.clear();
        InputFeatures.fit(oneBlank, List.of("artistId", "track"), 0, 2, 1, notices);
        assertThat(notices).containsExactly("feature group 'artistId': 1 of 4 tracks have no artist id or name; they "
                + "get the table's unknown row", "feature group 'track' left out: no track has an id");
    }

    @Test
    void theShapeWithoutFittingIsTheShapeFitGives() {
        TrackFeatures withArtists = table().withCategories(List.of(org.musig.model.graph.TrackCategory.of("artist",
                new String[] {"a", "a", "b", "c"})), org.musig.model.graph.PlaylistMemberships.of(4, new int[] {0, 2},
                        new int[] {1, 2}));
        TrackFeatures onlyPopularity = TrackFeatures.of(2, List.of(FeatureGroup.builder(TrackFeatures.POPULARITY, 2, 1)
                .set(0, new float[] {0.5f}).build()), null, null);
        TrackFeatures withTitles =
                withArtists.withTitles(new String[] {"Nocturne Op. 9", null, "Dale Remix", "Nocturne"});
        for (TrackFeatures features : List.of(table(), withArtists, withTitles, onlyPopularity)) {
            for (List<String> groups : List.of(List.of("genre", "popularity", "audio"), List.of("popularity"),
                    List.of("genre", "popularity", "acoustic", "year", "artist", "album", "title"),
                    List.of("popularity", "artist"), List.of("genre", "popularity", "artistId"))) {
                for (int topGenres : new int[] {0, 2, 50}) {
                    SageNetwork.InputShape fitted =
                            InputFeatures.fit(features, groups, topGenres, 3, 4, 1, new ArrayList<>()).shape();
                    SageNetwork.InputShape estimated = InputFeatures.shape(features, groups, topGenres, 3, 4, null);
                    assertThat(estimated).as(groups + ", top " + topGenres).isEqualTo(fitted);
                }
            }
        }
    }

    @Test
    void theTitleIsLearnedFromTrainingTracksAndAnUntitledTrackGetsTheMissingColumn() throws IOException {
        // Tracks 0 and 2 are in a playlist (training tracks); track 3 is in none, track 1 has no title.
        org.musig.model.graph.PlaylistMemberships playlists = org.musig.model.graph.PlaylistMemberships.of(4,
                new int[] {0, 2});
        TrackFeatures features = table().withCategories(List.of(), playlists)
                .withTitles(new String[] {"Nocturne Op. 9", null, "Dale Mambo Remix", "Nocturne Op. 48"});
        List<String> notices = new ArrayList<>();
        InputFeatures input = InputFeatures.fit(features, List.of("title"), 0, 2, 3, 5, notices);
        assertThat(notices).containsExactly("feature group 'title': 1 of 4 tracks have no name or album name; they get "
                + "the group's missing column");
        assertThat(input.groups()).containsExactly("title");
        assertThat(input.denseDimension()).isEqualTo(4); // three vector columns and the missing column
        InputFeatures.Encoded e = input.encode(features);
        assertThat(InputFeatures.row(e, 4, 0, 1)).containsExactly(new float[] {0, 0, 0, 1}, CLOSE);
        float[] later = InputFeatures.row(e, 4, 0, 3);
        assertThat(later[3]).isZero();
        double squares = 0;
        for (int c = 0; c < 3; c++) {
            squares += later[c] * later[c];
        }
        assertThat(squares).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-4)); // unit vector times sqrt(3)

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        input.write(new DataOutputStream(bytes));
        InputFeatures stored =
                InputFeatures.read(new org.musig.model.io.BoundedInput(bytes.toByteArray()), true, true, true);
        assertThat(InputFeatures.row(stored.encode(features), 4, 0, 3)).containsExactly(later);

        notices.clear();
        InputFeatures.fit(table(), List.of("popularity", "title"), 0, 2, 3, 5, notices);
        assertThat(notices).containsExactly("feature group 'title' left out: no track has a name or album name");
    }

    @Test
    void titlesAreEncodedTheSameOnAnyNumberOfThreads() {
        int n = 41;
        String[] titles = new String[n];
        int[] held = new int[n];
        for (int t = 0; t < n; t++) {
            titles[t] = t % 7 == 0 ? null : (t % 2 == 0 ? "Nocturne Op. " : "Dale Mambo Remix ") + t;
            held[t] = t;
        }
        TrackFeatures features = TrackFeatures.of(n, List.of(), null, null)
                .withCategories(List.of(), org.musig.model.graph.PlaylistMemberships.of(n, held)).withTitles(titles);
        InputFeatures input = InputFeatures.fit(features, List.of("title"), 0, 2, 5, 7, new ArrayList<>());
        float[] one = input.encode(features, 1).dense();
        assertThat(one).contains(1f); // an untitled track's missing column
        for (int threads : new int[] {2, 3}) {
            assertThat(input.encode(features, threads).dense()).as(threads + " threads").containsExactly(one);
            assertThat(input.encodeForTraining(features, 0, 7, threads).dense()).containsExactly(one);
        }
    }

    @Test
    void anUnknownIdRateHidesATracksArtistVectorAndArtistRowTogetherForTrainingOnly() {
        // 400 tracks by 40 artists on 80 albums, each in one of 20 playlists.
        int n = 400;
        String[] artistNames = new String[n];
        String[] albumNames = new String[n];
        int[][] lists = new int[20][n / 20];
        for (int t = 0; t < n; t++) {
            artistNames[t] = "artist" + (t % 40);
            albumNames[t] = "album" + (t % 80);
            lists[t % 20][t / 20] = t;
        }
        TrackFeatures features = TrackFeatures.of(n, List.of(), null, null).withCategories(List.of(
                org.musig.model.graph.TrackCategory.of("artist", artistNames),
                org.musig.model.graph.TrackCategory.of("album", albumNames)),
                org.musig.model.graph.PlaylistMemberships.of(n, lists));
        InputFeatures input = InputFeatures.fit(features, List.of("artist", "album", "artistId", "albumId"), 0, 2, 5,
                new ArrayList<>());
        int width = input.denseDimension();
        assertThat(width).isEqualTo(6); // artist: 2 columns and the missing one; album the same
        InputFeatures.Encoded known = input.encode(features);
        InputFeatures.Encoded training = input.encodeForTraining(features, 0.3, 7, 1);
        int[] hidden = new int[2];
        int artistOnly = 0;
        for (int t = 0; t < n; t++) {
            boolean[] hiddenHere = new boolean[2];
            for (int g = 0; g < 2; g++) { // 0: artist, 1: album
                boolean vectorHidden = training.dense()[t * width + 3 * g + 2] == 1;
                assertThat(known.dense()[t * width + 3 * g + 2]).as("track %d is known when embedded", t).isZero();
                boolean rowHidden = training.oneHot()[t * 2 + g] != known.oneHot()[t * 2 + g];
                assertThat(rowHidden).as("track %d: group %d's row hidden with its vector", t, g)
                        .isEqualTo(vectorHidden);
                hiddenHere[g] = vectorHidden;
                hidden[g] += vectorHidden ? 1 : 0;
            }
            artistOnly += hiddenHere[0] && !hiddenHere[1] ? 1 : 0;
        }
        assertThat(hidden[0]).as("tracks by an unknown artist").isBetween(80, 160);
        assertThat(hidden[1]).as("tracks on an unknown album").isBetween(80, 160);
        assertThat(artistOnly).as("the artist and the album are drawn apart").isPositive();
        assertThat(input.encodeForTraining(features, 0, 7, 1).dense()).containsExactly(known.dense());
    }
}
