package org.musig.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;

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
            graph.forEachRelationship(from, Math.min(graph.nodeCount(), from + 37),
                    (a, b, w) -> pieces.add(a + "-" + b + ":" + w));
        }
        assertThat(all).hasSize((int) graph.relationshipCount());
        assertThat(pieces).isEqualTo(all);
    }

    @Test
    void aCapKeepsTheHeaviestRelationshipsWithTiesInEdgeOrderAndValidRows() {
        CooccurrenceGraph graph = CooccurrenceCounter.count(PlaylistMemberships.of(300,
                CooccurrenceCounterTest.randomPlaylists(new Random(2), 300, 400, 20)), 1, 1, Progress.NONE);
        List<int[]> all = new ArrayList<>();
        graph.forEachRelationship((a, b, w) -> all.add(new int[] {a, b, w}));
        long cap = graph.relationshipCount() / 3;
        // Expected: sorted by weight descending, a stable sort keeping edge order among equal weights.
        List<int[]> expected = new ArrayList<>(all);
        expected.sort((x, y) -> Integer.compare(y[2], x[2]));
        List<String> wanted =
                expected.subList(0, (int) cap).stream().map(e -> e[0] + "-" + e[1] + ":" + e[2]).sorted().toList();

        CooccurrenceGraph capped = graph.heaviest(cap);
        List<String> kept = new ArrayList<>();
        capped.forEachRelationship((a, b, w) -> kept.add(a + "-" + b + ":" + w));
        assertThat(capped.relationshipCount()).isEqualTo(cap);
        assertThat(kept.stream().sorted().toList()).isEqualTo(wanted);
        assertThat(capped.nodeCount()).isEqualTo(graph.nodeCount());
        for (int node = 0; node < capped.nodeCount(); node++) { // rows sorted, both directions present
            int[] row = capped.neighbours(node);
            for (int i = 1; i < row.length; i++) {
                assertThat(row[i]).isGreaterThan(row[i - 1]);
            }
            for (int other : row) {
                assertThat(capped.weightBetween(other, node)).isEqualTo(capped.weightBetween(node, other)).isPositive();
            }
        }
        assertThat(graph.heaviest(graph.relationshipCount())).isSameAs(graph);
        assertThat(sample().heaviest(1).weightBetween(0, 1)).isEqualTo(3);
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
        assertThatThrownBy(() -> graph.forEachRelationship(2, 1, (a, b, w) -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad node range [2, 1) for 4 nodes");
        assertThatThrownBy(() -> graph.forEachRelationship(0, 5, (a, b, w) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
