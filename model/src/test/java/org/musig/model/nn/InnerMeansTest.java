package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.sample.RandomStreams;
import org.musig.model.train.ToyData;

/** The per-epoch innermost-hop table: deterministic per (seed, epoch, node), whatever the fill order. */
class InnerMeansTest {
    private static final ToyData DATA = ToyData.planted(60, 2, 40, 5, 4, 0.7, 7);

    private static float[][] table(long seed, int epoch, int[] chunkBounds, boolean weighted) {
        InputFeatures input =
                InputFeatures.fit(DATA.features, List.of("genre", "popularity", "audio"), 50, new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(DATA.features);
        CooccurrenceGraph graph = DATA.graph;
        InnerMeans inner = new InnerMeans(graph, input.denseDimension(), 5, null);
        NeighborhoodSampler sampler = new NeighborhoodSampler(graph, weighted);
        // Fill the ranges in reverse order, as threads might.
        for (int i = chunkBounds.length - 1; i > 0; i--) {
            int to = Math.min(inner.rowCount(), chunkBounds[i]);
            int from = Math.min(inner.rowCount(), chunkBounds[i - 1]);
            inner.fill(from, to, sampler, encoded,
                    node -> RandomStreams.of(seed, RandomStreams.TRAIN_INNER_NEIGHBOURS, epoch, node, 0));
        }
        float[][] means = new float[graph.nodeCount()][];
        for (int node = 0; node < means.length; node++) {
            means[node] = inner.mean(node, encoded, input.oneHotWidth());
        }
        return means;
    }

    @Test
    void tableIsDeterministicAndIndependentOfHowTheRowsAreSplit() {
        int all = Integer.MAX_VALUE;
        float[][] whole = table(3, 0, new int[] {0, all}, false);
        assertThat(table(3, 0, new int[] {0, 7, 20, 21, all}, false)).isDeepEqualTo(whole);
        assertThat(table(3, 1, new int[] {0, all}, false)).isNotEqualTo(whole); // a new sample each epoch
        assertThat(table(4, 0, new int[] {0, all}, false)).isNotEqualTo(whole);
        assertThat(table(3, 0, new int[] {0, 5, all}, true)).isDeepEqualTo(table(3, 0, new int[] {0, all}, true));
    }

    @Test
    void isolatedNodesUseTheirOwnRowAndOthersAMeanOfNeighbourRows() {
        InputFeatures input =
                InputFeatures.fit(DATA.features, List.of("genre", "popularity", "audio"), 50, new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(DATA.features);
        float[][] means = table(3, 0, new int[] {0, Integer.MAX_VALUE}, false);
        int fd = input.denseDimension();
        int isolatedSeen = 0;
        for (int node = 0; node < DATA.graph.nodeCount(); node++) {
            float[] own = InputFeatures.row(encoded, fd, input.oneHotWidth(), node);
            if (DATA.graph.degree(node) == 0) {
                isolatedSeen++;
                assertThat(means[node]).containsExactly(own);
                continue;
            }
            // The one-hot part is a histogram over the 5 sampled neighbours' genres: it sums to 1 here
            // (every toy track has a genre) and only the node's neighbours' genres appear.
            double hot = 0;
            for (int c = fd; c < means[node].length; c++) {
                hot += means[node][c];
            }
            assertThat(hot).isCloseTo(1.0, Offset.offset(1e-5));
        }
        assertThat(isolatedSeen).isGreaterThanOrEqualTo(4); // the last 4 by construction, maybe a few more by chance
    }

    @Test
    void nodesOutsideTheWantedSetHaveNoRow() {
        InputFeatures input = InputFeatures.fit(DATA.features, List.of("popularity"), 50, new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(DATA.features);
        boolean[] wanted = new boolean[DATA.graph.nodeCount()];
        wanted[0] = true;
        InnerMeans inner = new InnerMeans(DATA.graph, input.denseDimension(), 3, wanted);
        assertThat(inner.rowCount()).isEqualTo(1);
        assertThatThrownBy(() -> inner.mean(2, encoded, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sampledColumnsAreGroupedIntoRunsInOrderOfFirstAppearanceWithTheNonesLast() {
        float[] row = {9, 9, 4, -1, 7, 4, 2, 7, -1, 4, 9};

        InnerMeans.groupRuns(row, 2, 8, new long[8]); // all but the first two and the last

        assertThat(row).containsExactly(9, 9, 4, 4, 4, 7, 7, 2, -1, -1, 9);
    }
}
