package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.NativeBackend;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.train.ToyData;

/** Roots trained "as if cold" are embedded exactly as tracks without any neighbour are. */
class IsolatedRootsTest {

    @BeforeAll
    static void loadBackend() {
        NativeBackend.ensureLoaded(IsolatedRootsTest.class);
    }

    @Test
    void anIsolatedRootIsEmbeddedFromItsOwnFeaturesAsInAGraphWithoutEdges() {
        ToyData data = ToyData.planted(40, 2, 30, 5, 3, 0.7, 7);
        CooccurrenceGraph edgeless = CooccurrenceCounter.count(PlaylistMemberships.of(40), 1, 1, Progress.NONE);
        assertThat(edgeless.relationshipCount()).isZero();
        InputFeatures input =
                InputFeatures.fit(data.features, List.of("genre", "popularity", "audio"), 50, new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(data.features);
        SageNetwork net = new SageNetwork(input.denseDimension(), input.oneHotWidth(), 6, new int[] {3, 2}, false);
        float[] params = net.initialParameters(new SplittableRandom(3));
        int[] roots = {0, 1, 2, 3, 4, 5};
        long[] seeds = {11, 12, 13, 14, 15, 16};
        boolean[] isolated = {true, false, true, false, true, false};

        float[] inGraph = embed(net, params, data.graph, encoded, roots, seeds, isolated);
        float[] alone = embed(net, params, edgeless, encoded, roots, seeds, null);
        float[] normal = embed(net, params, data.graph, encoded, roots, seeds, null);
        int d = net.dimension();
        for (int r = 0; r < roots.length; r++) {
            float[] expected = Arrays.copyOfRange(isolated[r] ? alone : normal, r * d, (r + 1) * d);
            assertThat(Arrays.copyOfRange(inGraph, r * d, (r + 1) * d)).as("root %d", r).containsExactly(expected);
        }
        // And the planted roots do have neighbours, so isolating them changed their embedding.
        assertThat(Arrays.copyOfRange(inGraph, 0, d)).isNotEqualTo(Arrays.copyOfRange(normal, 0, d));
    }

    private static float[] embed(SageNetwork net, float[] params, CooccurrenceGraph graph,
                                 InputFeatures.Encoded encoded,
                                 int[] roots, long[] seeds, boolean[] isolated) {
        NeighborhoodSampler sampler = new NeighborhoodSampler(graph, false);
        InnerMeans inner = new InnerMeans(graph, net.denseDimension(), 2, null);
        inner.fill(0, inner.rowCount(), sampler, encoded, node -> new SplittableRandom(1000 + node));
        AggregatorWorkspace ws = new AggregatorWorkspace(net, roots.length);
        ws.prepare(roots, seeds, roots.length, sampler, encoded, inner, isolated);
        ws.forward(params, net.nativeWeights(params));
        return ws.embeddings().clone();
    }
}
