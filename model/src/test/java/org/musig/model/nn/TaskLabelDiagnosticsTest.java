package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;

class TaskLabelDiagnosticsTest {

    @Test
    void coOccurringPairsAreComparedWithRandomPairsOnEveryLabel() {
        // Edges (0, 1) of weight 2 and (2, 3) of weight 1. Genres rock, rock, pop, pop; artists a, a, b, c.
        CooccurrenceGraph graph =
                CooccurrenceCounter.count(PlaylistMemberships.of(4, new int[] {0, 1}, new int[] {0, 1},
                        new int[] {2, 3}), 1, 1, Progress.NONE);
        FeatureGroup audio = FeatureGroup.builder(TrackFeatures.AUDIO, 4, 2).set(0, new float[] {1, 0})
                .set(1, new float[] {1, 0}).set(2, new float[] {0, 1}).set(3, new float[] {0, -1}).build();
        TrackFeatures features = TrackFeatures.of(4, List.of(audio), new int[] {0, 0, 1, 1}, List.of("rock", "pop"))
                .withCategories(List.of(TrackCategory.of(TrackFeatures.ARTIST, new String[] {"a", "a", "b", "c"})),
                        null);

        TaskLabelDiagnostics.Result r = TaskLabelDiagnostics.of(graph, features, 1);
        assertThat(r.coverage()).containsEntry("genre", 4).containsEntry("audio", 4).containsEntry("acoustic", 0)
                .containsEntry("year", 0).containsEntry("artist", 4).containsEntry("album", 0);
        assertThat(r.edgesCompared()).isEqualTo(2);
        assertThat(r.sharedOnEdges().get("genre")).isEqualTo(1.0);
        assertThat(r.sharedOnEdges().get("artist")).isEqualTo(0.5);
        assertThat(r.sharedOnEdges().get("album")).isNaN();
        // z-scored audio: tracks 0 and 1 point the same way (cosine 1), 2 and 3 have cosine -1/3.
        assertThat(r.audioCosineOnEdges()).isCloseTo(1.0 / 3, within(1e-6));
        // The heavier edge is the more similar one: with two edges the correlation is exactly 1.
        assertThat(r.weightAudioCorrelation()).isCloseTo(1.0, within(1e-6));
        assertThat(r.sharedOnRandomPairs()).containsKeys("genre", "artist", "album");
    }

    @Test
    void onLargeGraphsAtMostAMillionEdgesAreSampledEvenly() {
        assertThat(TaskLabelDiagnostics.MAX_PAIRS).isEqualTo(1_000_000);
        CooccurrenceGraph graph = CooccurrenceCounter.count(PlaylistMemberships.of(3, new int[] {0, 1, 2}), 1, 1,
                Progress.NONE);
        TrackFeatures features = TrackFeatures.of(3, List.of(), null, null);
        TaskLabelDiagnostics.Result r = TaskLabelDiagnostics.of(graph, features, 1);
        assertThat(r.edgesCompared()).isEqualTo(3);
        assertThat(r.audioCosineOnEdges()).isNaN();
        assertThat(r.weightAudioCorrelation()).isNaN();
    }
}
