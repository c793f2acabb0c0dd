package org.musig.model.nn;

/**
 * The length of every buffer an {@link AggregatorWorkspace} for {@code maxRoots} roots holds. The workspace's
 * parts allocate exactly these lengths and {@link #bytes()} adds them up, so the memory estimate is the
 * allocation and cannot drift from it (a test walks a workspace's arrays and compares).
 *
 * <p>Lengths are longs so that the estimate for a shape too big to allocate is a big number, not an overflow;
 * {@link #length} converts one for allocation and refuses what does not fit in an array.
 */
final class WorkspaceSizes {
    final int layers;
    final int dimension;
    final int maxRoots;
    /** Nodes of hop t (0 .. K) for maxRoots roots. */
    final long[] hopNodes;
    /** Node slots of all hops. */
    final long nodes;
    /** Rows layer k computes at most: hops 0 .. K-1-k (deduplication only makes layer 0's fewer). */
    final long[] layerRows;
    /** Columns of layer k's input that go to BLAS ({@link SageNetwork#blasRows}). */
    final long[] productWidth;
    /** Layer 0's rows' sparse neighbour-mean (column, weight) entries at most. */
    final long oneHotEntries;
    /** A row's one-hot terms at most: its own hot columns and its histogram entries. */
    final long rowOneHotTerms;
    /** One-hot groups: a row's own hot columns. */
    final long slots;
    /** The one-hot columns of the neighbour-mean histogram. */
    final long meanOneHotWidth;
    /** Slots of the deduplicated hop K-1 (0 with one layer), and the open-addressing table's capacity. */
    final long deepestSlots;
    final long hashCapacity;

    WorkspaceSizes(SageNetwork net, int maxRoots) {
        layers = net.layers();
        dimension = net.dimension();
        this.maxRoots = maxRoots;
        hopNodes = new long[layers + 1];
        long hop = maxRoots;
        long all = 0;
        for (int t = 0; t <= layers; t++) {
            hopNodes[t] = hop;
            all += hop;
            if (t < layers) {
                hop *= net.sampleSize(t);
            }
        }
        nodes = all;
        layerRows = new long[layers];
        productWidth = new long[layers];
        for (int k = 0; k < layers; k++) {
            long rows = 0;
            for (int t = 0; t < layers - k; t++) {
                rows += hopNodes[t];
            }
            layerRows[k] = rows;
            productWidth[k] = net.blasRows(k);
        }
        int maxSamples = 0;
        for (int t = 0; t < layers; t++) {
            maxSamples = Math.max(maxSamples, net.sampleSize(t));
        }
        // A row's neighbour-mean histogram has at most one entry per sampled neighbour and per column.
        slots = net.hotSlots();
        meanOneHotWidth = net.meanOneHotWidth();
        long rowEntries = Math.min((long) maxSamples * net.meanSlots(), meanOneHotWidth);
        oneHotEntries = layerRows[0] * rowEntries;
        rowOneHotTerms = slots + rowEntries;
        deepestSlots = layers >= 2 ? hopNodes[layers - 1] : 0;
        // Load factor at most 1/4, a power of two for masking.
        hashCapacity = deepestSlots == 0 ? 0 : Long.highestOneBit(deepestSlots) * 4;
    }

    /** Bytes of all these buffers, on the heap and native. */
    long bytes() {
        long bytes = 4L * (layers + 2) + 4L * (layers + 1) + 4 * nodes;        // hop starts, hop sizes, node slots
        bytes += 4 * deepestSlots * 2 + deepestSlots + 4 * hashCapacity * 2;   // deduplication of hop K-1
        bytes += 4 * layerRows[0] * (2 + slots) + 8 * oneHotEntries + 8 * meanOneHotWidth; // layer 0's one-hot rows
        bytes += 8 * rowOneHotTerms + 4L * 4 * dimension;                      // and their terms forward
        for (int k = 0; k < layers; k++) {
            long rows = layerRows[k];
            long width = productWidth[k];
            bytes += (k == 0 ? 4 * rows * width : 0) + 4 * rows * dimension * 2; // x (layer 0), h, dh (heap)
            if (width > 0) {
                bytes += 4 * rows * width + 4 * width * dimension;             // x, dW (native)
            }
            bytes += 4 * rows * dimension * 2;                                 // out, dPre (native)
            if (k > 0) {
                bytes += 4 * rows * width;                                     // dx (native)
            }
        }
        bytes += 4L * maxRoots * dimension + 4L * maxRoots + 4L * 6 * dimension; // embeddings, norms, row scratch
        bytes += layerRows[0] * 5;                                             // rows the scatter reached, table rows
        return bytes;
    }

    /** A length for allocation; an {@link ArithmeticException} if it does not fit in an array. */
    static int length(long n) {
        return Math.toIntExact(n);
    }
}
