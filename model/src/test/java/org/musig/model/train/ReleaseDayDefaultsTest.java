package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;

class ReleaseDayDefaultsTest {
    private static final int TRACKS = 6;

    /** Six tracks by three artists in two playlists, with titles; audio only when asked. */
    private static TrackFeatures collection(boolean audio, boolean titles) {
        List<FeatureGroup> groups = new ArrayList<>();
        groups.add(FeatureGroup.builder(TrackFeatures.POPULARITY, TRACKS, 1).build());
        if (audio) {
            groups.add(FeatureGroup.builder(TrackFeatures.AUDIO, TRACKS, 2).set(0, new float[] {0.1f, 0.2f}).build());
        }
        TrackFeatures features = TrackFeatures.of(TRACKS, groups, null, null).withCategories(
                List.of(TrackCategory.of("artist", new String[] {"a", "a", "b", "b", "c", "c"})),
                PlaylistMemberships.of(TRACKS, new int[][] {{0, 1, 2}, {3, 4, 5}}));
        return titles ? features.withTitles(new String[] {"One", "Two", "Three", "Four", "Five", "Six"}) : features;
    }

    @Test
    void withoutThePapersContentGroupsTheDefaultsAreTheArtistAndTitleWithPlaylistPairs() {
        List<String> notices = new ArrayList<>();
        Map<String, Object> filled = ReleaseDayDefaults.apply(Map.of("epochs", 1), collection(false, true), notices);
        assertThat(filled).containsEntry("features", List.of("artist", "title")).containsEntry("positives", "playlists")
                .containsEntry("epochs", 1);
        assertThat(notices).singleElement().asString().startsWith("the data has no genre, audio, acoustic features")
                .contains("features: [artist, title] and positives: 'playlists'");
        assertThat(TrainConfig.parse(filled).positives()).isEqualTo(TrainConfig.PositiveSampling.PLAYLISTS);
    }

    @Test
    void aKeyGivenAsNullCountsAsLeftOut() {
        Map<String, Object> nulls = new java.util.HashMap<>();
        nulls.put("features", null);
        nulls.put("positives", null);
        Map<String, Object> filled = ReleaseDayDefaults.apply(nulls, collection(false, true), new ArrayList<>());
        assertThat(filled).containsEntry("features", List.of("artist", "title")).containsEntry("positives",
                "playlists");
    }

    @Test
    void onlyTheGroupsTheDataHasAreTaken() {
        Map<String, Object> filled = ReleaseDayDefaults.apply(Map.of(), collection(false, false), new ArrayList<>());
        assertThat(filled).containsEntry("features", List.of("artist"));
    }

    @Test
    void aPositivesSettingTheUserGaveIsKept() {
        Map<String, Object> filled = ReleaseDayDefaults.apply(Map.of("positives", "edges"), collection(false, true),
                new ArrayList<>());
        assertThat(filled).containsEntry("features", List.of("artist", "title")).containsEntry("positives", "edges");
    }

    @Test
    void givenFeaturesOrDataWithAudioKeepTheUsersMapAsItIs() {
        List<String> notices = new ArrayList<>();
        Map<String, Object> given = Map.of("features", List.of("popularity"));
        assertThat(ReleaseDayDefaults.apply(given, collection(false, true), notices)).isSameAs(given);
        Map<String, Object> empty = Map.of();
        assertThat(ReleaseDayDefaults.apply(empty, collection(true, true), notices)).isSameAs(empty);
        assertThat(notices).isEmpty();
    }

    @Test
    void dataWithNeitherAnArtistNorATitleKeepsThePapersDefaults() {
        TrackFeatures popularityOnly = TrackFeatures.of(TRACKS,
                List.of(FeatureGroup.builder(TrackFeatures.POPULARITY, TRACKS, 1).build()), null, null);
        Map<String, Object> empty = Map.of();
        assertThat(ReleaseDayDefaults.apply(empty, popularityOnly, new ArrayList<>())).isSameAs(empty);
    }
}
