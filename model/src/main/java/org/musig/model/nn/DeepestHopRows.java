package org.musig.model.nn;

import java.util.Arrays;

/**
 * One layer-0 row per distinct node of the deepest laid-out hop (K-1), shared by all of its slots.
 *
 * <p>Why: when the innermost mean comes from an {@link InnerMeans} table, such a node's layer-0 input (own
 * row, inner mean) depends only on the node (and on whether its root is treated as isolated), so it is
 * computed once; forward reads the shared row and backward sums into it. Popular tracks are sampled again and
 * again, and this cut layer 0's rows, and a training step, by about a third.
 *
 * <p>Keys are (node, own row) pairs, found in an open-addressing table; rows are numbered in order of first
 * appearance, so the result depends only on the slots' order.
 */
final class DeepestHopRows {
    private final int[] slotRow;            // slot (counted from the hop's start) -> its distinct row
    private final int[] distinctNode;       // distinct row -> node
    private final boolean[] distinctOwnRow; // distinct row -> its mean is its own row (an isolated root's tree)
    private final int[] hashKeys;           // key (node << 1 | ownRow) + 1, 0 = empty
    private final int[] hashRows;
    private int distinct;

    DeepestHopRows(WorkspaceSizes sizes) {
        int slots = WorkspaceSizes.length(sizes.deepestSlots);
        slotRow = new int[slots];
        distinctNode = new int[slots];
        distinctOwnRow = new boolean[slots];
        hashKeys = new int[WorkspaceSizes.length(sizes.hashCapacity)];
        hashRows = new int[hashKeys.length];
    }

    /**
     * Numbers the distinct (node, own row) pairs of {@code slots} slots from {@code nodes[from]}; slot i belongs
     * to root {@code i / perRoot}, whose tree is its own row when {@code isolated[root]}.
     *
     * @param isolated per root, or null for none
     */
    void assign(int[] nodes, int from, int slots, int perRoot, boolean[] isolated) {
        Arrays.fill(hashKeys, 0);
        int mask = hashKeys.length - 1;
        distinct = 0;
        int previousKey = 0;
        for (int i = 0; i < slots; i++) {
            int node = nodes[from + i];
            boolean ownRow = isolated != null && isolated[i / perRoot];
            int key = ((node << 1) | (ownRow ? 1 : 0)) + 1;
            if (i > 0 && key == previousKey) { // an isolated root's slots: its own node again
                slotRow[i] = slotRow[i - 1];
                continue;
            }
            previousKey = key;
            int at = (key * 0x9E3779B9) >>> 7 & mask;
            while (hashKeys[at] != 0 && hashKeys[at] != key) {
                at = (at + 1) & mask;
            }
            if (hashKeys[at] == 0) {
                hashKeys[at] = key;
                hashRows[at] = distinct;
                distinctNode[distinct] = node;
                distinctOwnRow[distinct] = ownRow;
                distinct++;
            }
            slotRow[i] = hashRows[at];
        }
    }

    /** Distinct rows of the last {@link #assign}. */
    int distinct() {
        return distinct;
    }

    /** The distinct row of slot {@code slot} (counted from the hop's start). */
    int row(int slot) {
        return slotRow[slot];
    }

    int node(int row) {
        return distinctNode[row];
    }

    /** Whether row {@code row}'s neighbour mean is its own input row (its root is treated as isolated). */
    boolean ownRow(int row) {
        return distinctOwnRow[row];
    }
}
