package org.musig.model.nn;

import java.util.Arrays;

/**
 * Gathers layer 0's input for the laid-out trees: for each node of hops 0 .. K-1, {@code [x_v ; mean of x over
 * its sampled neighbours]}. The dense columns go to {@code x[0]} (and its native copy, for BLAS), the one-hot
 * columns to {@link SparseOneHotRows}. The innermost neighbourhood mean has no parameters, so it is computed
 * here in Java, or read from an {@link InnerMeans} table.
 */
final class LayerZeroGather {
    private final int layers;
    private final int denseWidth;
    private final NeighbourhoodLayout layout;
    private final SparseOneHotRows oneHot;
    private final AggregatorBuffers buffers;
    private float touched; // keeps the reads that bring table rows into cache from being left out

    LayerZeroGather(SageNetwork net, NeighbourhoodLayout layout, SparseOneHotRows oneHot, AggregatorBuffers buffers) {
        this.layers = net.layers();
        this.denseWidth = net.denseDimension();
        this.layout = layout;
        this.oneHot = oneHot;
        this.buffers = buffers;
    }

    /**
     * @param inner       the innermost means, or null when hop K is laid out (then {@code sampledHops} = K)
     * @param sampledHops hops laid out below the roots: K, or K-1 with {@code inner}
     * @param isolated    per root, or null for none: an isolated root's tree is the root itself
     */
    void gather(InputFeatures.Encoded input, InnerMeans inner, int sampledHops, boolean[] isolated) {
        int[] hot = input.oneHot();
        int slots = input.slots();
        float[] dense = input.dense();
        int[] nodes = layout.nodes;
        int[] hopStart = layout.hopStart;
        int[] hopSize = layout.hopSize;
        DeepestHopRows deepest = layout.deepest;
        boolean deduplicated = layout.deduplicated();
        int fd = denseWidth;
        int in2 = 2 * fd;
        float[] x0 = buffers.x[0];
        // Row layout (W_0's dense rows): self dense, mean dense. The one-hot parts stay sparse (selfHot and the
        // histogram entries); forward adds the matching rows of W_0 in Java (see SageNetwork.blasRows).
        // Deepest hop first: a node's children at hops below K-1 are layer-0 rows gathered already, so their own
        // dense columns and one-hot column are read from x0 (sequential) instead of the input table (random).
        oneHot.reset(input.coldColumns());
        for (int t = layers - 1; t >= 0; t--) {
            boolean childRows = t + 1 < layers;
            int s = layout.sampleSize(t);
            float inv = 1f / s;
            boolean distinctRows = deduplicated && t == layers - 1;
            boolean mappedChildren = layout.childrenDeduplicated(t);
            int rowsOfHop = distinctRows ? deepest.distinct() : hopSize[t];
            int[] starts = buffers.tableRowStart;
            boolean fromTable = t == sampledHops && inner != null;
            if (fromTable) {
                // The table rows' positions first, in a loop of independent lookups whose cache misses overlap,
                // reading a float of each row's start and end so that they are in cache for the loop below.
                float[] table = inner.table();
                int last = in2 + slots + s * inner.meanSlots() - 1;
                float touched = 0;
                for (int i = 0; i < rowsOfHop; i++) {
                    boolean cold = distinctRows ? deepest.ownRow(i)
                            : isolated != null && isolated[i / layout.perRoot(t)];
                    int at = cold ? -1 : inner.rowStart(distinctRows ? deepest.node(i) : nodes[hopStart[t] + i]);
                    starts[i] = at;
                    if (at >= 0) {
                        touched += table[at] + table[at + last];
                    }
                }
                this.touched = touched;
            }
            for (int i = 0; i < rowsOfHop; i++) {
                int row = hopStart[t] + i;
                int out = row * in2;
                int node = distinctRows ? deepest.node(i) : nodes[row];
                int mean = out + fd;
                // A root treated as a cold track: its whole tree is itself, with its cold one-hot columns.
                boolean cold = distinctRows ? deepest.ownRow(i)
                        : isolated != null && isolated[i / layout.perRoot(t)];
                int at = fromTable ? starts[i] : -1;
                if (at >= 0) { // own and mean dense columns, own and sampled one-hot columns: one table row
                    float[] table = inner.table();
                    System.arraycopy(table, at, x0, out, in2);
                    oneHot.startRow(row, table, at + in2);
                    oneHot.setMeanRuns(table, at + in2 + slots, s * inner.meanSlots(), inv);
                } else if (t == sampledHops) { // no neighbours: its own row is its mean
                    System.arraycopy(dense, node * fd, x0, out, fd);
                    System.arraycopy(dense, node * fd, x0, mean, fd);
                    oneHot.startRow(row, hot, node * slots, cold);
                    oneHot.addToMean(hot, node * slots, 1f);
                } else {
                    System.arraycopy(dense, node * fd, x0, out, fd);
                    oneHot.startRow(row, hot, node * slots, cold);
                    Arrays.fill(x0, mean, mean + fd, 0f);
                    int firstChild = hopStart[t + 1] + i * s;
                    for (int j = 0; j < s; j++) {
                        int childRow = mappedChildren ? layout.deepRow(firstChild + j) : firstChild + j;
                        float[] source = childRows ? x0 : dense;
                        int src = childRows ? childRow * in2 : nodes[childRow] * fd;
                        for (int c = 0; c < fd; c++) {
                            x0[mean + c] += source[src + c];
                        }
                        if (childRows) {
                            oneHot.addRowToMean(childRow, inv);
                        } else {
                            oneHot.addToMean(hot, nodes[childRow] * slots, inv);
                        }
                    }
                    for (int c = 0; c < fd; c++) {
                        x0[mean + c] *= inv;
                    }
                }
                oneHot.endRow(row);
            }
        }
        if (buffers.xNative[0] != null) {
            AggregatorBuffers.toNative(x0, layout.rows(0) * in2, buffers.xNative[0]);
        }
    }
}
