package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Distinct (node, own row) keys get rows in order of first appearance; every slot finds its key's row. */
class DeepestHopRowsTest {

    @Test
    void slotsOfTheSameKeyShareARowNumberedByFirstAppearance() {
        // 100 roots x 10 first-hop slots = 1000 slots; large node ids collide in the table's low bits.
        SageNetwork net = new SageNetwork(2, 0, 4, new int[] {10, 2}, false);
        DeepestHopRows rows = new DeepestHopRows(new WorkspaceSizes(net, 100));
        SplittableRandom random = new SplittableRandom(1);
        int[] nodes = new int[1005];
        for (int i = 5; i < nodes.length; i++) {
            nodes[i] = random.nextInt(300) * (1 << 20);
        }
        boolean[] isolated = new boolean[100];
        for (int r = 0; r < 100; r += 3) {
            isolated[r] = true;
        }

        rows.assign(nodes, 5, 1000, 10, isolated);

        Map<Long, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            boolean own = isolated[i / 10];
            long key = 2L * nodes[5 + i] + (own ? 1 : 0);
            Integer row = expected.computeIfAbsent(key, k -> expected.size());
            assertThat(rows.row(i)).as("slot %d", i).isEqualTo(row);
            assertThat(rows.node(row)).isEqualTo(nodes[5 + i]);
            assertThat(rows.ownRow(row)).isEqualTo(own);
        }
        assertThat(rows.distinct()).isEqualTo(expected.size());
    }

    @Test
    void eachAssignStartsOver() {
        SageNetwork net = new SageNetwork(2, 0, 4, new int[] {3, 2}, false);
        DeepestHopRows rows = new DeepestHopRows(new WorkspaceSizes(net, 2));
        rows.assign(new int[] {1, 2, 3, 4, 5, 6}, 0, 6, 3, null);
        assertThat(rows.distinct()).isEqualTo(6);

        rows.assign(new int[] {9, 9, 9}, 0, 3, 3, null);
        assertThat(rows.distinct()).isEqualTo(1);
        assertThat(rows.node(0)).isEqualTo(9);
        assertThat(rows.row(2)).isZero();
    }
}
