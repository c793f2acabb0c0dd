package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.train.ToyData;

/** Each root's tree: sampled neighbours of each node, from the root's own stream; isolation and partner masks. */
class TreeSamplerTest {
    private static final ToyData DATA = ToyData.planted(40, 2, 30, 5, 3, 0.7, 7);
    private static final SageNetwork NET = new SageNetwork(2, 0, 4, new int[] {3, 2}, false);

    private static NeighbourhoodLayout sample(int[] roots, long[] seeds, CooccurrenceGraph graph, boolean[] isolated,
                                              int[] partner) {
        NeighbourhoodLayout layout = new NeighbourhoodLayout(NET, new WorkspaceSizes(NET, roots.length));
        layout.layout(roots.length);
        TreeSampler.sample(layout, roots, seeds, new NeighborhoodSampler(graph, false), 2, isolated, partner);
        return layout;
    }

    private static boolean neighbours(CooccurrenceGraph graph, int node, int other) {
        for (int e = graph.offset(node); e < graph.offset(node + 1); e++) {
            if (graph.target(e) == other) {
                return true;
            }
        }
        return graph.degree(node) == 0 && other == node; // no neighbours: the node stands in for them
    }

    @Test
    void everyChildIsANeighbourOfItsParent() {
        int isolatedTrack = DATA.graph.nodeCount() - 1;
        NeighbourhoodLayout layout =
                sample(new int[] {0, 7, isolatedTrack}, new long[] {1, 2, 3}, DATA.graph, null, null);

        for (int t = 0; t < 2; t++) {
            int s = NET.sampleSize(t);
            for (int i = 0; i < layout.hopSize[t]; i++) {
                int parent = layout.nodes[layout.hopStart[t] + i];
                for (int j = 0; j < s; j++) {
                    int child = layout.nodes[layout.hopStart[t + 1] + i * s + j];
                    assertThat(neighbours(DATA.graph, parent, child)).as("hop %d: %d -> %d", t, parent, child).isTrue();
                }
            }
        }
    }

    @Test
    void aRootsTreeDependsOnItsSeedOnlyNotOnTheOtherRoots() {
        NeighbourhoodLayout together = sample(new int[] {4, 9, 12}, new long[] {5, 6, 7}, DATA.graph, null, null);
        NeighbourhoodLayout alone = sample(new int[] {12}, new long[] {7}, DATA.graph, null, null);

        assertThat(slotsOf(together, 2, 1)).containsExactly(slotsOf(alone, 0, 1));
        assertThat(slotsOf(together, 2, 2)).containsExactly(slotsOf(alone, 0, 2));
    }

    @Test
    void anIsolatedRootsTreeIsTheRootItself() {
        NeighbourhoodLayout layout =
                sample(new int[] {4, 9}, new long[] {5, 6}, DATA.graph, new boolean[] {false, true}, null);

        assertThat(slotsOf(layout, 1, 1)).containsOnly(9);
        assertThat(slotsOf(layout, 1, 2)).containsOnly(9);
        assertThat(slotsOf(layout, 0, 1)).doesNotContain(4);
    }

    @Test
    void aPartnerIsRedrawnAndARootWithNoOtherNeighbourGetsItself() {
        // Track 0's only neighbour is 1; track 2 has neighbours 1 and 3.
        CooccurrenceGraph graph = CooccurrenceCounter.count(PlaylistMemberships.of(4, new int[] {0, 1},
                new int[] {1, 2, 3}), 1, 1, Progress.NONE);
        NeighbourhoodLayout layout = sample(new int[] {0, 2}, new long[] {5, 6}, graph, null, new int[] {1, 1});

        assertThat(slotsOf(layout, 0, 1)).containsOnly(0);
        assertThat(slotsOf(layout, 1, 1)).doesNotContain(1, 0); // 3, or 2 itself after four draws of 1
        // Only the first hop is masked: below 0 (standing in for itself) its only neighbour 1 is drawn.
        assertThat(slotsOf(layout, 0, 2)).containsOnly(1);
    }

    /** Root r's slots at hop t. */
    private static int[] slotsOf(NeighbourhoodLayout layout, int root, int t) {
        int per = layout.perRoot(t);
        int from = layout.hopStart[t] + root * per;
        return Arrays.copyOfRange(layout.nodes, from, from + per);
    }
}
