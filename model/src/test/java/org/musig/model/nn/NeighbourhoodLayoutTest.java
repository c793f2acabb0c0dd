package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hop-by-hop slots, the rows each layer computes, and the deduplicated hop's rows. */
class NeighbourhoodLayoutTest {
    private static final SageNetwork TWO_LAYERS = new SageNetwork(2, 0, 4, new int[] {3, 2}, false);

    private static NeighbourhoodLayout layout(SageNetwork net, int maxRoots) {
        return new NeighbourhoodLayout(net, new WorkspaceSizes(net, maxRoots));
    }

    @Test
    void hopsFollowEachOtherAndEachLayerComputesAPrefix() {
        NeighbourhoodLayout layout = layout(TWO_LAYERS, 4);
        layout.layout(2);

        assertThat(layout.hopSize).containsExactly(2, 6, 12);
        assertThat(layout.hopStart).containsExactly(0, 2, 8, 20);
        assertThat(layout.rows(0)).isEqualTo(8);  // roots and their first hop
        assertThat(layout.rows(1)).isEqualTo(2);  // the roots
        assertThat(layout.perRoot(1)).isEqualTo(3);
        assertThat(layout.perRoot(2)).isEqualTo(6);
        assertThat(layout.deepRow(5)).isEqualTo(5);
        assertThat(layout.deduplicated()).isFalse();
    }

    @Test
    void oneLayerComputesTheRootsOnly() {
        SageNetwork net = new SageNetwork(2, 0, 4, new int[] {4}, false);
        NeighbourhoodLayout layout = layout(net, 3);
        layout.layout(3);

        assertThat(layout.hopStart).containsExactly(0, 3, 15);
        assertThat(layout.rows(0)).isEqualTo(3);
    }

    @Test
    void theDeduplicatedHopHasOneLayerZeroRowPerDistinctNodeUntilTheNextLayout() {
        NeighbourhoodLayout layout = layout(TWO_LAYERS, 2);
        layout.layout(2);
        System.arraycopy(new int[] {5, 6, 5, 6, 6, 7}, 0, layout.nodes, 2, 6); // hop 1: root 0's, then root 1's

        layout.deduplicateDeepestHop(null);
        assertThat(layout.rows(0)).isEqualTo(2 + 3);
        assertThat(new int[] {layout.deepRow(2), layout.deepRow(3), layout.deepRow(4), layout.deepRow(5),
                layout.deepRow(6), layout.deepRow(7)}).containsExactly(2, 3, 2, 3, 3, 4);
        assertThat(layout.childrenDeduplicated(0)).isTrue();
        assertThat(layout.childrenDeduplicated(1)).isFalse();
        assertThat(layout.rows(1)).isEqualTo(2);

        // Root 1 isolated: its nodes' rows are their own input, so they are not shared with root 0's.
        layout.deduplicateDeepestHop(new boolean[] {false, true});
        assertThat(layout.rows(0)).isEqualTo(2 + 4);
        assertThat(layout.deepRow(5)).isNotEqualTo(layout.deepRow(3));

        layout.layout(2);
        assertThat(layout.deduplicated()).isFalse();
        assertThat(layout.rows(0)).isEqualTo(8);
    }
}
