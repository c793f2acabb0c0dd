package org.musig.model.nn;

import java.util.SplittableRandom;

/**
 * Test fixture: the aggregator's parts wired as {@link AggregatorWorkspace} wires them, so that a test can lay
 * out trees by hand (no sampler) and drive one part at a time; plus random inputs for them.
 */
final class AggregatorParts {
    final SageNetwork net;
    final WorkspaceSizes sizes;
    final NeighbourhoodLayout layout;
    final SparseOneHotRows oneHot;
    final AggregatorBuffers buffers;
    final LayerZeroGather gather;
    final AggregatorForward forward;
    final AggregatorBackward backward;

    AggregatorParts(SageNetwork net, int maxRoots) {
        this.net = net;
        sizes = new WorkspaceSizes(net, maxRoots);
        layout = new NeighbourhoodLayout(net, sizes);
        oneHot = new SparseOneHotRows(net, sizes);
        buffers = new AggregatorBuffers(sizes);
        gather = new LayerZeroGather(net, layout, oneHot, buffers);
        forward = new AggregatorForward(net, layout, oneHot, buffers);
        backward = new AggregatorBackward(net, layout, oneHot, buffers);
    }

    /** Lays out {@code roots} trees over all K+1 hops with random nodes below {@code tracks}. */
    void randomTrees(int roots, int tracks, SplittableRandom random) {
        layout.layout(roots);
        for (int slot = 0; slot < layout.hopStart[net.layers() + 1]; slot++) {
            layout.nodes[slot] = slot < roots ? slot % tracks : random.nextInt(tracks);
        }
    }

    /** An input table of {@code tracks} rows: Gaussian dense columns, and a one-hot column or none (-1). */
    static InputFeatures.Encoded randomInput(SageNetwork net, int tracks, SplittableRandom random) {
        float[] dense = new float[tracks * net.denseDimension()];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) random.nextGaussian();
        }
        int[] hot = new int[tracks];
        for (int t = 0; t < tracks; t++) {
            hot[t] = net.oneHotWidth() == 0 ? -1 : random.nextInt(-1, net.oneHotWidth());
        }
        return new InputFeatures.Encoded(dense, hot);
    }
}
