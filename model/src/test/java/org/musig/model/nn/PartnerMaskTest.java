package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.NativeBackend;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.sample.NeighborhoodSampler;

/** A training pair's partner is kept out of the other root's sampled neighbours. */
class PartnerMaskTest {

    @BeforeAll
    static void loadBackend() {
        NativeBackend.ensureLoaded(PartnerMaskTest.class);
    }

    @Test
    void aRootWhoseOnlyNeighbourIsItsPartnerIsEmbeddedAsIfItHadNone() {
        // Track 0's only neighbour is 1; track 2 has neighbours 1 and 3.
        CooccurrenceGraph graph = CooccurrenceCounter.count(PlaylistMemberships.of(4, new int[] {0, 1},
                new int[] {1, 2, 3}), 1, 1, Progress.NONE);
        FeatureGroup.Builder audio = FeatureGroup.builder(TrackFeatures.AUDIO, 4, 2);
        audio.set(0, new float[] {1, 0}).set(1, new float[] {0, 1}).set(2, new float[] {1, 1}).set(3,
                new float[] {-1, 2});
        TrackFeatures features = TrackFeatures.of(4, List.of(audio.build()), null, null);
        InputFeatures input = InputFeatures.fit(features, List.of("audio"), 0, new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(features);
        SageNetwork net = new SageNetwork(input.denseDimension(), 0, 4, new int[] {5}, false);
        float[] params = net.initialParameters(new SplittableRandom(2));
        NeighborhoodSampler sampler = new NeighborhoodSampler(graph, false);
        int[] roots = {0, 2};
        long[] seeds = {5, 6};

        float[] masked = embed(net, params, sampler, encoded, roots, seeds, null, new int[] {1, 1});
        float[] isolated = embed(net, params, sampler, encoded, roots, seeds, new boolean[] {true, true}, null);
        float[] plain = embed(net, params, sampler, encoded, roots, seeds, null, null);
        int d = net.dimension();
        // Root 0 without its partner has no neighbour left: its own row is its mean, as for an isolated root.
        assertThat(java.util.Arrays.copyOfRange(masked, 0, d))
                .containsExactly(java.util.Arrays.copyOfRange(isolated, 0, d));
        assertThat(java.util.Arrays.copyOfRange(plain, 0, d)).isNotEqualTo(java.util.Arrays.copyOfRange(masked, 0, d));
        // Root 2 keeps neighbour 3 only: five samples of 3, redrawn from 2's own stream.
        float[] onlyThree = embed(net, params, new NeighborhoodSampler(CooccurrenceCounter.count(
                PlaylistMemberships.of(4, new int[] {2, 3}), 1, 1, Progress.NONE), false), encoded, roots, seeds, null,
                null);
        assertThat(java.util.Arrays.copyOfRange(masked, d, 2 * d))
                .containsExactly(java.util.Arrays.copyOfRange(onlyThree, d, 2 * d),
                        org.assertj.core.data.Offset.offset(1e-6f));
    }

    private static float[] embed(SageNetwork net, float[] params, NeighborhoodSampler sampler,
                                 InputFeatures.Encoded encoded,
                                 int[] roots, long[] seeds, boolean[] isolated, int[] partner) {
        AggregatorWorkspace ws = new AggregatorWorkspace(net, roots.length);
        ws.prepare(roots, seeds, roots.length, sampler, encoded, null, isolated, partner);
        ws.forward(params, net.nativeWeights(params));
        return ws.embeddings().clone();
    }
}
