package org.musig.model.nn;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.sample.NeighborhoodSampler;

/**
 * The innermost hop's neighbourhood mean, sampled once per node: for every node with neighbours, the mean
 * of the encoded input rows of {@code samples} neighbours drawn (uniformly or by weight, as the sampler
 * does) from that node's own stream. Training fills it once per epoch, embedding once per call.
 *
 * <p>Why: with samples [25, 10] each root needs 250 second-hop rows, each a random memory read, and that
 * gathering dominated a training step. With this table a root needs its own row, its 25 first-hop rows and
 * those nodes' 25 table rows. Every hop is still a uniform fixed-size sample; only the innermost one is
 * shared by all occurrences of a node in one epoch (the GraphSAGE reference code likewise samples from a
 * fixed per-node adjacency sample).
 *
 * <p>A row holds the node's own dense columns, the dense mean ({@code denseDimension} floats each), the node's
 * own one-hot columns ({@code slots}) and the {@code samples} sampled neighbours' columns of the groups that enter
 * the mean ({@code samples * meanSlots}; -1 for none), the indices as exact small integers in the same float row
 * (one-hot widths stay below 2^24, {@link SageNetwork}), so that a first-hop node is one contiguous read (its own
 * dense row and mean are adjacent, as in layer 0's input). The sampled columns are stored with equal ones adjacent in
 * order of first appearance and the -1s last, so the gather reads the histogram {@code count / samples} as runs,
 * exactly as the per-sample gather built it. A node without neighbours has no row: its inner mean is its own input
 * row (the sampler's self-loop convention).
 *
 * <p>Which nodes get a row is fixed at construction; {@link #fill} may run on disjoint row ranges from
 * several threads, and each row depends only on its node's stream, so the table does not depend on threads.
 */
public final class InnerMeans {
    private final CooccurrenceGraph graph;
    private final int denseDimension;
    private final int samples;
    private final int width;
    private final int slots;
    private final int meanSlots;
    /** Node -> table row; -1: no neighbours (its own row is its mean); -2: not wanted (no row computed). */
    private final int[] rowOf;
    /** Row -> node. */
    private final int[] nodeOf;
    private final float[] rows;

    /** A table for an input with one one-hot group at most (which enters the mean). */
    public InnerMeans(CooccurrenceGraph graph, int denseDimension, int samples, boolean[] wanted) {
        this(graph, denseDimension, 1, 1, samples, wanted);
    }

    /**
     * @param slots     one-hot groups of the input ({@link InputFeatures.Encoded#slots})
     * @param meanSlots the leading ones that enter the neighbour mean ({@link SageNetwork#meanSlots})
     * @param wanted    the nodes that may appear at the innermost aggregated hop, or null for all; nodes
     *                  without neighbours never get a row
     */
    public InnerMeans(CooccurrenceGraph graph, int denseDimension, int slots, int meanSlots, int samples,
                      boolean[] wanted) {
        if (meanSlots > slots) {
            throw new IllegalArgumentException(meanSlots + " mean groups of " + slots);
        }
        this.graph = graph;
        this.denseDimension = denseDimension;
        this.samples = samples;
        this.slots = slots;
        this.meanSlots = meanSlots;
        this.width = 2 * denseDimension + slots + samples * meanSlots;
        int n = graph.nodeCount();
        rowOf = new int[n];
        int count = 0;
        for (int node = 0; node < n; node++) {
            if (graph.offset(node + 1) == graph.offset(node)) {
                rowOf[node] = -1;
            } else if (wanted != null && !wanted[node]) {
                rowOf[node] = -2;
            } else {
                rowOf[node] = count++;
            }
        }
        nodeOf = new int[count];
        for (int node = 0; node < n; node++) {
            if (rowOf[node] >= 0) {
                nodeOf[rowOf[node]] = node;
            }
        }
        rows = new float[Math.multiplyExact(count, width)];
    }

    /** Heap bytes of a table over {@code nodeCount} nodes, all with neighbours (an upper bound). */
    public static long memoryBytes(long nodeCount, int denseDimension, int slots, int meanSlots, int samples) {
        return 8 * nodeCount + 4 * nodeCount * (2L * denseDimension + slots + (long) samples * meanSlots) + 64;
    }

    /** Table rows (nodes with neighbours that were wanted). */
    public int rowCount() {
        return nodeOf.length;
    }

    public int samples() {
        return samples;
    }

    /** One-hot groups per row, and the leading ones whose sampled columns each row keeps. */
    public int slots() {
        return slots;
    }

    public int meanSlots() {
        return meanSlots;
    }

    /**
     * (Re)computes rows [from, to), each from the stream {@code streams.apply(node)}.
     */
    public void fill(int from, int to, NeighborhoodSampler sampler, InputFeatures.Encoded input,
                     IntFunction<SplittableRandom> streams) {
        float[] dense = input.dense();
        int[] hot = input.oneHot();
        if (input.slots() != slots) {
            throw new IllegalArgumentException("an input of " + input.slots() + " one-hot groups for a table of "
                    + slots);
        }
        int fd = denseDimension;
        float inv = 1f / samples;
        int[] sampled = new int[samples];
        long[] keys = new long[samples * meanSlots];
        for (int r = from; r < to; r++) {
            int node = nodeOf[r];
            sampler.sample(nodeOf, r, r + 1, samples, sampled, 0, streams.apply(node));
            int row = r * width;
            int hots = row + 2 * fd;
            for (int g = 0; g < slots; g++) {
                rows[hots + g] = hot[node * slots + g];
            }
            System.arraycopy(dense, node * fd, rows, row, fd);
            int out = row + fd;
            java.util.Arrays.fill(rows, out, out + fd, 0f);
            for (int j = 0; j < samples; j++) {
                int src = sampled[j] * fd;
                for (int c = 0; c < fd; c++) {
                    rows[out + c] += dense[src + c];
                }
                for (int g = 0; g < meanSlots; g++) {
                    rows[hots + slots + j * meanSlots + g] = hot[sampled[j] * slots + g];
                }
            }
            for (int c = 0; c < fd; c++) {
                rows[out + c] *= inv;
            }
            groupRuns(rows, hots + slots, samples * meanSlots, keys);
        }
    }

    /**
     * Reorders the sampled columns {@code rows[at .. at + n)} so that equal ones are adjacent, in order of first
     * appearance, and the -1s (none) come last: the histogram is then read as runs ({@link
     * SparseOneHotRows#setMeanRuns}) with the entries and sums a pass over the columns in their sampled order gives.
     */
    static void groupRuns(float[] rows, int at, int n, long[] keys) {
        int m = 0;
        for (int j = 0; j < n; j++) {
            int c = (int) rows[at + j];
            if (c >= 0) {
                keys[m++] = (long) c << 32 | j;
            }
        }
        java.util.Arrays.sort(keys, 0, m); // by column, then position
        long column = -1;
        long first = 0;
        for (int i = 0; i < m; i++) {
            if (keys[i] >>> 32 != column) {
                column = keys[i] >>> 32;
                first = keys[i] & 0xffffffffL;
            }
            keys[i] = first << 32 | column;
        }
        java.util.Arrays.sort(keys, 0, m); // by the column's first position
        for (int i = 0; i < n; i++) {
            rows[at + i] = i < m ? (float) (keys[i] & 0xffffffffL) : -1f;
        }
    }

    /**
     * Writes node {@code node}'s inner mean as the {@code [dense ; one-hot]} columns starting at
     * {@code x[at]} (adding to the one-hot columns, which the caller has zeroed).
     */
    void writeMean(int node, InputFeatures.Encoded input, float[] x, int at) {
        int row = rowOf[node];
        int fd = denseDimension;
        if (row == -1) {
            System.arraycopy(input.dense(), node * fd, x, at, fd);
            for (int g = 0; g < meanSlots; g++) {
                int h = input.oneHot()[node * slots + g];
                if (h >= 0) {
                    x[at + fd + h] += 1f;
                }
            }
            return;
        }
        if (row < 0) {
            throw new IllegalStateException("node " + node + " has no inner mean in this table");
        }
        int src = row * width + fd;
        System.arraycopy(rows, src, x, at, fd);
        float inv = 1f / samples;
        for (int j = 0; j < samples; j++) {
            for (int g = 0; g < meanSlots; g++) {
                int h = (int) rows[src + fd + slots + j * meanSlots + g];
                if (h >= 0) {
                    x[at + fd + h] += inv;
                }
            }
        }
    }

    /** Node {@code node}'s inner mean as {@code [dense ; one-hot]} columns (for tests and inspection). */
    public float[] mean(int node, InputFeatures.Encoded input, int oneHotWidth) {
        float[] x = new float[denseDimension + oneHotWidth];
        writeMean(node, input, x, 0);
        return x;
    }

    /** Start of node {@code node}'s row in {@link #table()}; -1 when it has no neighbours (its own row is its mean). */
    int rowStart(int node) {
        int row = rowOf[node];
        if (row < -1) {
            throw new IllegalStateException("node " + node + " has no inner mean in this table");
        }
        return row < 0 ? -1 : row * width;
    }

    /** The rows: own dense, mean dense, own one-hot columns, the samples' mean columns (see the class comment). */
    float[] table() {
        return rows;
    }

    /** The graph this table was built over. */
    public CooccurrenceGraph graph() {
        return graph;
    }
}
