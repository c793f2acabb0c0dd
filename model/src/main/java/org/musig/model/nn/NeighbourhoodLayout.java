package org.musig.model.nn;

/**
 * Where each node of the current roots' sampled trees sits, and which row of each layer computes it.
 *
 * <p>Nodes are laid out hop by hop: hop 0 = the roots, hop t+1 = {@code sampleSize(t)} sampled neighbours of
 * each hop-t node, those of hop-t node i at {@code hopStart[t+1] + i * sampleSize(t)}. Layer k computes
 * h^{k+1} for hops 0 .. K-1-k, i.e. for a prefix of that layout, so row r of every layer is the same node.
 *
 * <p>With the deepest laid-out hop (K-1) deduplicated ({@link DeepestHopRows}), layer 0 has one row per
 * distinct hop-(K-1) node instead of one per slot: {@link #deepRow} maps a slot to that row.
 */
final class NeighbourhoodLayout {
    final int layers;
    private final SageNetwork net;
    /** Hop t's first slot, t = 0 .. K+1 (the last is the slot count). */
    final int[] hopStart;
    /** Hop t's slot count, t = 0 .. K. */
    final int[] hopSize;
    /** The node in each slot. */
    final int[] nodes;
    final DeepestHopRows deepest;
    private boolean deduplicated;
    private int roots;

    NeighbourhoodLayout(SageNetwork net, WorkspaceSizes sizes) {
        this.net = net;
        layers = net.layers();
        hopStart = new int[layers + 2];
        hopSize = new int[layers + 1];
        layout(sizes.maxRoots);
        nodes = new int[WorkspaceSizes.length(sizes.nodes)];
        deepest = new DeepestHopRows(sizes);
    }

    /** Lays out the trees of {@code rootCount} roots (not yet deduplicated). */
    void layout(int rootCount) {
        roots = rootCount;
        deduplicated = false;
        hopStart[0] = 0;
        int size = rootCount;
        for (int t = 0; t <= layers; t++) {
            hopSize[t] = size;
            hopStart[t + 1] = Math.addExact(hopStart[t], size);
            if (t < layers) {
                size = Math.multiplyExact(size, net.sampleSize(t));
            }
        }
    }

    int roots() {
        return roots;
    }

    int sampleSize(int hop) {
        return net.sampleSize(hop);
    }

    /** Hop t's nodes per root (its slots of one root's tree are consecutive). */
    int perRoot(int t) {
        return hopSize[t] / roots;
    }

    /** Gives each distinct hop-(K-1) node one layer-0 row (see {@link DeepestHopRows}); needs two layers. */
    void deduplicateDeepestHop(boolean[] isolated) {
        int t = layers - 1;
        deepest.assign(nodes, hopStart[t], hopSize[t], roots == 0 ? 1 : hopSize[t] / roots, isolated);
        deduplicated = true;
    }

    boolean deduplicated() {
        return deduplicated;
    }

    /** Rows layer k computes for the current roots: hops 0 .. K-1-k (at layer 0, hop K-1's distinct nodes). */
    int rows(int k) {
        return k == 0 && deduplicated ? hopStart[layers - 1] + deepest.distinct() : hopStart[layers - k];
    }

    /** Whether hop t's children (hop t+1) are the deduplicated hop, whose layer-0 rows {@link #deepRow} maps. */
    boolean childrenDeduplicated(int t) {
        return deduplicated && t + 1 == layers - 1;
    }

    /** Layer-0 row of a hop-(K-1) slot (its distinct node's row when deduplicated). */
    int deepRow(int slot) {
        return deduplicated ? hopStart[layers - 1] + deepest.row(slot - hopStart[layers - 1]) : slot;
    }
}
