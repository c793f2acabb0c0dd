package org.musig.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackFeaturesTest {

    @Test
    void absentRowsReadAsZerosAndAreFlagged() {
        FeatureGroup audio = FeatureGroup.builder("audio", 3, 2).set(1, new float[] {0.5f, 2f}).build();
        assertThat(audio.isPresent(0)).isFalse();
        assertThat(audio.isPresent(1)).isTrue();
        assertThat(audio.presentCount()).isEqualTo(1);
        assertThat(audio.value(0, 1)).isZero();
        assertThat(audio.value(1, 1)).isEqualTo(2f);
        float[] row = new float[4];
        audio.copyRow(1, row, 2);
        assertThat(row).containsExactly(0f, 0f, 0.5f, 2f);
    }

    @Test
    void nonFiniteValuesAreRefusedWithTheGroupName() {
        FeatureGroup.Builder builder = FeatureGroup.builder("audio", 2, 2);
        assertThatThrownBy(() -> builder.set(0, new float[] {Float.NaN, 1f}))
                .hasMessageContaining("'audio'").hasMessageContaining("NaN");
        assertThatThrownBy(() -> builder.set(0, new float[] {1f}))
                .hasMessageContaining("expected 2");
    }

    @Test
    void groupsWithoutAnyRowAreDropped() {
        FeatureGroup empty = FeatureGroup.builder("acoustic", 2, 8).build();
        FeatureGroup pop = FeatureGroup.builder("popularity", 2, 1).set(0, new float[] {1f}).build();
        TrackFeatures features = TrackFeatures.of(2, List.of(pop, empty), null, null);
        assertThat(features.groups()).containsOnlyKeys("popularity");
        assertThat(features.group("acoustic")).isNull();
        assertThat(features.genre(1)).isEqualTo(TrackFeatures.NO_GENRE);
        assertThat(features.tracksWithGenre()).isZero();
    }

    @Test
    void genreNamesAreOrderedByTrackCountThenName() {
        assertThat(TrackFeatures.byFrequency(Map.of("rock", 2, "pop", 5, "edm", 2)))
                .containsExactly("pop", "edm", "rock");
    }

    @Test
    void genreIdsMustIndexTheNames() {
        assertThatThrownBy(() -> TrackFeatures.of(2, List.of(), new int[] {0, 1}, List.of("pop")))
                .hasMessageContaining("out of range");
    }
}
