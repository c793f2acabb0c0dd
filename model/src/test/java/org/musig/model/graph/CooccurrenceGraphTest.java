package org.musig.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musig.model.progress.Progress;

class CooccurrenceGraphTest {

    private static CooccurrenceGraph sample() {
        // 0-1: 3, 1-2: 2, 0-2: 1, 3 isolated.
        return CooccurrenceCounter.count(PlaylistMemberships.of(4,
                new int[] {0, 1, 2}, new int[] {0, 1}, new int[] {0, 1}, new int[] {1, 2}), 1, 1, Progress.NONE);
    }

    @Test
    void eachUndirectedEdgeIsVisitedOnceWithTheSmallerEndFirst() {
        List<String> edges = new ArrayList<>();
        sample().forEachRelationship((a, b, w) -> edges.add(a + "-" + b + ":" + w));
        assertThat(edges).containsExactly("0-1:3", "0-2:1", "1-2:2");
    }

    @Test
    void nodeRangesPartitionTheEdges() {
        CooccurrenceGraph graph = CooccurrenceCounter.count(PlaylistMemberships.of(500,
                CooccurrenceCounterTest.randomPlaylists(new Random(1), 500, 600, 25)), 2, 1, Progress.NONE);
        List<String> all = new ArrayList<>();
        graph.forEachRelationship((a, b, w) -> all.add(a + "-" + b + ":" + w));
        List<String> pieces = new ArrayList<>();
        for (int from = 0; from < graph.nodeCount(); from += 37) {
            graph.forEachRelationship(from, Math.min(graph.nodeCount(), from + 37), (a, b, w) -> pieces.add(a + "-" + b + ":" + w));
        }
        assertThat(all).hasSize((int) graph.relationshipCount());
        assertThat(pieces).isEqualTo(all);
    }

    @Test
    void adjacencyIsReadableByIndexAndByNode() {
        CooccurrenceGraph graph = sample();
        assertThat(graph.nodeCount()).isEqualTo(4);
        assertThat(graph.offset(1)).isEqualTo(2);
        assertThat(graph.degree(1)).isEqualTo(2);
        assertThat(graph.target(graph.offset(1))).isEqualTo(0);
        assertThat(graph.weight(graph.offset(1))).isEqualTo(3);
        assertThat(graph.neighbours(1)).containsExactly(0, 2);
        assertThat(graph.neighbourWeights(1)).containsExactly(3, 2);
        assertThat(graph.weightedDegree(1)).isEqualTo(5);
        assertThat(graph.offset(4)).isEqualTo(6);
        assertThat(graph.isolatedNodes()).isEqualTo(1);
        assertThat(graph.weightBetween(3, 0)).isZero();
    }

    @Test
    void copiesDoNotExposeTheGraph() {
        CooccurrenceGraph graph = sample();
        graph.targetsCopy()[0] = 99;
        graph.weightsCopy()[0] = 99;
        graph.offsetsCopy()[1] = 99;
        assertThat(graph.neighbours(0)).containsExactly(1, 2);
        assertThat(graph.neighbourWeights(0)).containsExactly(3, 1);
    }

    @Test
    void badNodeRangesAreRejected() {
        CooccurrenceGraph graph = sample();
        assertThatThrownBy(() -> graph.forEachRelationship(2, 1, (a, b, w) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad node range [2, 1) for 4 nodes");
        assertThatThrownBy(() -> graph.forEachRelationship(0, 5, (a, b, w) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
