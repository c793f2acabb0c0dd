package org.musig.model.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.musig.model.sample.NeighborhoodSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One thread's buffers for the aggregator's forward and backward pass over a set of root nodes, allocated
 * once and reused for every shard, so the hot loop allocates nothing.
 *
 * <p>Nodes are laid out hop by hop: hop 0 = the roots, hop t+1 = {@code sampleSize(t)} sampled neighbours of
 * each hop-t node, those of hop-t node i at {@code hopStart[t+1] + i * sampleSize(t)}. Layer k computes
 * h^{k+1} for hops 0 .. K-1-k, i.e. for a prefix of that layout, so row r of every layer is the same node.
 *
 * <p>The innermost hop (K) is not laid out when an {@link InnerMeans} table is given (training and embedding):
 * a hop-(K-1) node's layer-0 input is then one precomputed table row (own row, inner mean), which cut the
 * random row reads per root from about 275 to about 50 with samples [25, 10]. Such a hop-(K-1) node's layer-0
 * row is then a function of the node alone, so a node sampled several times in a shard gets one row, computed
 * once, that all its slots share (forward reads it, backward sums into it): popular tracks are sampled again
 * and again, and this cut layer 0's rows, and a training step, by about a third.
 *
 * <p>Layer 0's one-hot input columns (the genre) stay sparse: the gather writes only the dense columns for
 * BLAS, plus per row its own hot column and its neighbour-mean histogram as (column, weight) entries; forward
 * adds those rows of W_0 in Java and backward scatters their gradient (most of layer 0's columns were
 * one-hot and almost all zero, so this cut its matrix products about 4x).
 *
 * <p>Work split (DESIGN "Model and speed notes"): sampling, gathering (the innermost neighbourhood mean of
 * raw features, which has no parameters, is computed in Java), the other neighbourhood means and
 * all elementwise math are plain Java loops over contiguous arrays; the two matrix products per layer and
 * direction (forward {@code X W}, backward {@code X^T dPre} and {@code dPre W^T}) go to ND4J's BLAS, which
 * is an order of magnitude faster than Java loops for them. Backward is written by hand (checked against
 * numerical gradients in the tests); every sum runs in a fixed order, so results do not depend on threads.
 *
 * <p>Not thread-safe: one per thread.
 */
public final class AggregatorWorkspace {
    /** Stages timed by {@link #nanos}. */
    public static final int SAMPLE = 0;
    public static final int GATHER = 1;
    public static final int FORWARD = 2;
    public static final int BACKWARD = 3;

    private final SageNetwork net;
    private final int maxRoots;
    private final int layers;
    private final int dim;
    private final int[] hopStart;
    private final int[] hopSize;
    private int roots;

    private final int[] nodes;
    private final int denseWidth;   // dense input columns (fd)
    private final int oneHotWidth;
    // Layer 0's one-hot inputs, sparse: per row its own hot column (-1: none) and its neighbour-mean histogram
    // as (column, weight) entries [hotStart[r], hotEnd[r]), in order of first appearance.
    private final int[] selfHot;
    private final int[] hotStart;
    private final int[] hotEnd;
    private final int[] hotColumn;
    private final float[] hotWeight;
    private final float[] hotSum;   // scratch histogram [oneHotWidth], all zero between rows
    private final int[] touched;    // scratch: columns of hotSum in use
    private int touchedCount;
    private final float[][] x;      // layer k's input [rows_k, 2 * in_k]
    private final float[][] h;      // layer k's output after activation [rows_k, dim]
    private final float[][] dh;     // gradient w.r.t. h[k], turned into the pre-activation gradient in place
    private final float[] dx;       // gradient w.r.t. a layer's input, k >= 1
    private final float[] z;        // normalised embeddings [roots, dim]
    private final float[] norms;
    private final float[] rowScratch; // [dim]: a layer's bias, or its bias gradient
    private final float[] weightGradient;
    private final INDArray[] xNative;
    private final INDArray[] outNative;
    private final INDArray[] dPreNative;
    private final INDArray[] dwNative;
    private final INDArray[] dxNative;
    private final long[] nanos = new long[4];
    // Deduplication of the deepest laid-out hop (K-1) when the innermost mean comes from an InnerMeans table: such
    // a node's layer-0 input (own row, inner mean) depends only on the node (and on whether its root is treated
    // as isolated), so each distinct one gets one layer-0 row, computed once; its slots point at that row.
    private boolean dedup;
    private boolean dedupAllowed = true;
    private final int[] slotRow;      // hop K-1 slot -> its distinct row, counted from hopStart[K-1]
    private final int[] distinctNode; // distinct row -> node
    private final boolean[] distinctOwnRow; // distinct row -> its mean is its own row (an isolated root's tree)
    private int distinct;
    private final int[] hashKeys;     // open addressing: key (node << 1 | ownRow) + 1, 0 = empty
    private final int[] hashRows;

    public AggregatorWorkspace(SageNetwork net, int maxRoots) {
        this.net = net;
        this.maxRoots = maxRoots;
        this.layers = net.layers();
        this.dim = net.dimension();
        this.hopStart = new int[layers + 2];
        this.hopSize = new int[layers + 1];
        layout(maxRoots);
        nodes = new int[hopStart[layers + 1]];
        denseWidth = net.denseDimension();
        oneHotWidth = net.oneHotWidth();
        int rows0 = hopStart[layers];
        int maxSamples = 0;
        for (int t = 0; t < layers; t++) {
            maxSamples = Math.max(maxSamples, net.sampleSize(t));
        }
        selfHot = new int[rows0];
        hotStart = new int[rows0];
        hotEnd = new int[rows0];
        int entries = oneHotWidth == 0 ? 0 : Math.multiplyExact(rows0, Math.min(maxSamples, oneHotWidth));
        hotColumn = new int[entries];
        hotWeight = new float[entries];
        hotSum = new float[oneHotWidth];
        touched = new int[oneHotWidth];
        x = new float[layers][];
        h = new float[layers][];
        dh = new float[layers][];
        xNative = new INDArray[layers];
        outNative = new INDArray[layers];
        dPreNative = new INDArray[layers];
        dwNative = new INDArray[layers];
        dxNative = new INDArray[layers];
        int maxInputWidth = 0;
        int maxWeights = 0;
        for (int k = 0; k < layers; k++) {
            int rows = rows(k);
            int in2 = productWidth(k);
            x[k] = new float[Math.multiplyExact(rows, in2)];
            h[k] = new float[rows * dim];
            dh[k] = new float[rows * dim];
            if (in2 > 0) {
                xNative[k] = Nd4j.create(DataType.FLOAT, new long[] {rows, in2}, 'c');
                dwNative[k] = Nd4j.create(DataType.FLOAT, new long[] {in2, dim}, 'c');
            }
            outNative[k] = Nd4j.create(DataType.FLOAT, new long[] {rows, dim}, 'c');
            dPreNative[k] = Nd4j.create(DataType.FLOAT, new long[] {rows, dim}, 'c');
            if (k > 0) {
                dxNative[k] = Nd4j.create(DataType.FLOAT, new long[] {rows, in2}, 'c');
                maxInputWidth = Math.max(maxInputWidth, rows * in2);
            }
            maxWeights = Math.max(maxWeights, in2 * dim);
        }
        dx = new float[maxInputWidth];
        weightGradient = new float[maxWeights];
        int deepest = layers >= 2 ? hopSize[layers - 1] : 0;
        slotRow = new int[deepest];
        distinctNode = new int[deepest];
        distinctOwnRow = new boolean[deepest];
        int capacity = Integer.highestOneBit(Math.max(1, deepest)) * 4;
        hashKeys = new int[deepest == 0 ? 0 : capacity];
        hashRows = new int[deepest == 0 ? 0 : capacity];
        z = new float[maxRoots * dim];
        norms = new float[maxRoots];
        rowScratch = new float[dim];
    }

    /** Bytes (heap + native) a workspace for {@code maxRoots} roots holds. */
    public static long memoryBytes(SageNetwork net, int maxRoots) {
        int layers = net.layers();
        long[] hops = new long[layers + 1];
        long nodes = 0;
        long hop = maxRoots;
        for (int t = 0; t <= layers; t++) {
            hops[t] = hop;
            nodes += hop;
            if (t < layers) {
                hop *= net.sampleSize(t);
            }
        }
        long bytes = 4 * nodes + 8L * maxRoots * (net.dimension() + 1);
        int maxSamples = 0;
        for (int t = 0; t < layers; t++) {
            maxSamples = Math.max(maxSamples, net.sampleSize(t));
        }
        bytes += 8 * (nodes - hops[layers]) * (1 + maxSamples); // sparse one-hot inputs of layer 0 (upper bound)
        if (layers >= 2) {
            bytes += 41 * hops[layers - 1]; // deduplication of hop K-1: slot rows, distinct nodes, hash table
        }
        for (int k = 0; k < layers; k++) {
            long rows = 0;
            for (int t = 0; t < layers - k; t++) {
                rows += hops[t];
            }
            long in2 = 2L * net.layerInput(k);
            bytes += 4 * rows * in2 * (k > 0 ? 4 : 2); // x, and above layer 0 dx, each on the heap and native
            bytes += 4 * rows * net.dimension() * 4;   // h, dh (heap), out, dPre (native)
            bytes += 4 * in2 * net.dimension() * 2;    // weight gradient, heap and native
        }
        return bytes;
    }

    private void layout(int rootCount) {
        roots = rootCount;
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

    /** Columns of layer k's input that go to BLAS: {@code [self ; neighbour mean]}, dense columns only at layer 0. */
    private int productWidth(int k) {
        return net.blasRows(k);
    }

    /** Rows layer k computes for the current roots: hops 0 .. K-1-k (at layer 0, hop K-1's distinct nodes). */
    private int rows(int k) {
        return k == 0 && dedup ? hopStart[layers - 1] + distinct : hopStart[layers - k];
    }

    /** Tests: with false, every hop-(K-1) slot gets its own layer-0 row, as before deduplication. */
    void allowDeduplication(boolean allowed) {
        dedupAllowed = allowed;
    }

    /** Layer-0 rows of the last prepare (after deduplication). */
    int layerZeroRows() {
        return rows(0);
    }

    /** Layer-0 row of a hop-(K-1) slot (its distinct node's row when deduplicated). */
    private int deepRow(int slot) {
        return dedup ? hopStart[layers - 1] + slotRow[slot - hopStart[layers - 1]] : slot;
    }

    /** Gives each distinct (node, own-row) of hop K-1 one row, in order of first appearance. */
    private void deduplicateDeepestHop(int count, boolean[] isolated) {
        Arrays.fill(hashKeys, 0);
        int mask = hashKeys.length - 1;
        int t = layers - 1;
        int perRoot = count == 0 ? 1 : hopSize[t] / count;
        distinct = 0;
        for (int i = 0; i < hopSize[t]; i++) {
            int node = nodes[hopStart[t] + i];
            boolean ownRow = isolated != null && isolated[i / perRoot];
            int key = ((node << 1) | (ownRow ? 1 : 0)) + 1;
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

    public int maxRoots() {
        return maxRoots;
    }

    /** Nanoseconds spent per stage ({@link #SAMPLE} ... {@link #BACKWARD}) since creation. */
    public long[] nanos() {
        return nanos.clone();
    }

    /** The normalised embedding of root {@code r}, row-major in {@link #embeddings()}. */
    public float[] embeddings() {
        return z;
    }

    /**
     * Samples the neighbourhoods of {@code rootIds[0 .. count)} and gathers layer 0's input: for each node of
     * hops 0 .. K-1, {@code [x_v ; mean of x over its sampled neighbours]}.
     *
     * <p>Each root's whole sampled tree is drawn from its own stream, seeded by {@code rootSeeds[i]}, so a
     * root's sample does not depend on which other roots share the shard.
     *
     * @param input the encoded input table (kept until the next prepare)
     */
    public void prepare(int[] rootIds, long[] rootSeeds, int count, NeighborhoodSampler sampler, InputFeatures.Encoded input) {
        prepare(rootIds, rootSeeds, count, sampler, input, null);
    }

    /**
     * As {@link #prepare(int[], long[], int, NeighborhoodSampler, InputFeatures.Encoded)}, but with at least two
     * layers and a non-null {@code inner} the innermost hop is not sampled per root: the mean over a hop-(K-1)
     * node's neighbours is read from {@code inner} (one precomputed row instead of {@code sampleSize(K-1)}
     * random row reads). With one layer {@code inner} is ignored.
     */
    public void prepare(int[] rootIds, long[] rootSeeds, int count, NeighborhoodSampler sampler, InputFeatures.Encoded input,
                        InnerMeans inner) {
        prepare(rootIds, rootSeeds, count, sampler, input, inner, null);
    }

    /**
     * As {@link #prepare(int[], long[], int, NeighborhoodSampler, InputFeatures.Encoded, InnerMeans)}, with some
     * roots seen as if they had no neighbours ({@code isolated[i]} true): their whole tree is the root itself,
     * exactly what an unseen track's embedding is computed from. Training on such roots teaches the layers
     * the features-only path that cold tracks take at recommendation time.
     *
     * @param isolated per root, or null for none
     */
    public void prepare(int[] rootIds, long[] rootSeeds, int count, NeighborhoodSampler sampler, InputFeatures.Encoded input,
                        InnerMeans inner, boolean[] isolated) {
        prepare(rootIds, rootSeeds, count, sampler, input, inner, isolated, null);
    }

    /** Draws before a sampled first-hop neighbour that is the root's masked partner is replaced by the root. */
    static final int PARTNER_REDRAWS = 4;

    /**
     * As {@link #prepare(int[], long[], int, NeighborhoodSampler, InputFeatures.Encoded, InnerMeans, boolean[])},
     * keeping {@code partner[i]} out of root i's sampled neighbours (-1: none): a training pair's two tracks
     * then do not see each other, as a held-out track and the seed never do at evaluation. A sampled partner is
     * redrawn up to {@value #PARTNER_REDRAWS} times, then replaced by the root itself (its only neighbour was
     * the partner: it is treated as having none there).
     *
     * @param partner per root, or null for none
     */
    public void prepare(int[] rootIds, long[] rootSeeds, int count, NeighborhoodSampler sampler, InputFeatures.Encoded input,
                        InnerMeans inner, boolean[] isolated, int[] partner) {
        if (count > maxRoots) {
            throw new IllegalArgumentException(count + " roots for a workspace of " + maxRoots);
        }
        if (layers < 2) {
            inner = null;
        }
        if (inner != null && inner.samples() != net.sampleSize(layers - 1)) {
            throw new IllegalArgumentException("inner means of " + inner.samples() + " samples for a last hop of "
                    + net.sampleSize(layers - 1));
        }
        int sampledHops = inner == null ? layers : layers - 1;
        long t0 = System.nanoTime();
        layout(count);
        System.arraycopy(rootIds, 0, nodes, 0, count);
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(rootSeeds[i]);
            int perRoot = 1; // nodes of this root's tree at hop t
            for (int t = 0; t < sampledHops; t++) {
                int s = net.sampleSize(t);
                int from = hopStart[t] + i * perRoot;
                int to = hopStart[t + 1] + i * perRoot * s;
                if (isolated != null && isolated[i]) {
                    Arrays.fill(nodes, to, to + perRoot * s, rootIds[i]);
                } else {
                    sampler.sample(nodes, from, from + perRoot, s, nodes, to, random);
                    if (t == 0 && partner != null && partner[i] >= 0) {
                        for (int slot = to; slot < to + s; slot++) {
                            for (int d = 0; d < PARTNER_REDRAWS && nodes[slot] == partner[i]; d++) {
                                nodes[slot] = sampler.sampleOne(rootIds[i], random);
                            }
                            if (nodes[slot] == partner[i]) {
                                nodes[slot] = rootIds[i];
                            }
                        }
                    }
                }
                perRoot *= s;
            }
        }
        dedup = inner != null && dedupAllowed;
        if (dedup) {
            deduplicateDeepestHop(count, isolated);
        }
        long t1 = System.nanoTime();
        int[] hot = input.oneHot();
        float[] dense = input.dense();
        int fd = denseWidth;
        int in2 = 2 * fd;
        float[] x0 = x[0];
        // Row layout (W_0's dense rows): self dense, mean dense. The one-hot parts stay sparse (selfHot and the
        // histogram entries); forward adds the matching rows of W_0 in Java (see SageNetwork.blasRows).
        // Deepest hop first: a node's children at hops below K-1 are layer-0 rows gathered already, so their own
        // dense columns and one-hot column are read from x0 (sequential) instead of the input table (random).
        int entries = 0;
        for (int t = layers - 1; t >= 0; t--) {
            boolean childRows = t + 1 < layers;
            int s = net.sampleSize(t);
            float inv = 1f / s;
            boolean distinctRows = dedup && t == layers - 1;
            boolean mappedChildren = dedup && t + 1 == layers - 1;
            int rowsOfHop = distinctRows ? distinct : hopSize[t];
            for (int i = 0; i < rowsOfHop; i++) {
                int row = hopStart[t] + i;
                int out = row * in2;
                int node = distinctRows ? distinctNode[i] : nodes[row];
                hotStart[row] = entries;
                int mean = out + fd;
                boolean ownRootIsolated = distinctRows ? distinctOwnRow[i]
                        : isolated != null && isolated[i / (hopSize[t] / count)];
                int at = t == sampledHops && !ownRootIsolated ? inner.rowStart(node) : -1;
                if (at >= 0) { // own and mean dense columns, own and sampled one-hot columns: one table row
                    float[] table = inner.table();
                    System.arraycopy(table, at, x0, out, in2);
                    selfHot[row] = (int) table[at + in2];
                    for (int j = 1; j <= s; j++) {
                        addHot((int) table[at + in2 + j], inv);
                    }
                } else if (t == sampledHops) { // no neighbours: its own row is its mean
                    System.arraycopy(dense, node * fd, x0, out, fd);
                    System.arraycopy(dense, node * fd, x0, mean, fd);
                    selfHot[row] = hot[node];
                    addHot(hot[node], 1f);
                } else {
                    System.arraycopy(dense, node * fd, x0, out, fd);
                    selfHot[row] = hot[node];
                    Arrays.fill(x0, mean, mean + fd, 0f);
                    int firstChild = hopStart[t + 1] + i * s;
                    for (int j = 0; j < s; j++) {
                        int childRow = mappedChildren ? deepRow(firstChild + j) : firstChild + j;
                        float[] source = childRows ? x0 : dense;
                        int src = childRows ? childRow * in2 : nodes[childRow] * fd;
                        for (int c = 0; c < fd; c++) {
                            x0[mean + c] += source[src + c];
                        }
                        addHot(childRows ? selfHot[childRow] : hot[nodes[childRow]], inv);
                    }
                    for (int c = 0; c < fd; c++) {
                        x0[mean + c] *= inv;
                    }
                }
                entries = flushHot(entries);
                hotEnd[row] = entries;
            }
        }
        if (xNative[0] != null) {
            toNative(x0, rows(0) * in2, xNative[0]);
        }
        nanos[SAMPLE] += t1 - t0;
        nanos[GATHER] += System.nanoTime() - t1;
    }

    private void addHot(int column, float weight) {
        if (column < 0) {
            return;
        }
        if (hotSum[column] == 0f) {
            touched[touchedCount++] = column;
        }
        hotSum[column] += weight;
    }

    /** Moves the scratch histogram to the entries from {@code entries} on; returns the new end. */
    private int flushHot(int entries) {
        for (int i = 0; i < touchedCount; i++) {
            int c = touched[i];
            hotColumn[entries] = c;
            hotWeight[entries++] = hotSum[c];
            hotSum[c] = 0f;
        }
        touchedCount = 0;
        return entries;
    }

    /** Computes the normalised embeddings of the prepared roots into {@link #embeddings()}. */
    public void forward(float[] parameters, INDArray[] weights) {
        long t0 = System.nanoTime();
        for (int k = 0; k < layers; k++) {
            int rows = rows(k);
            if (k > 0) {
                concatenateWithNeighbourMean(k);
            }
            float[] hk = h[k];
            if (xNative[k] != null) {
                INDArray out = prefix(outNative[k], rows);
                Nd4j.gemm(prefix(xNative[k], rows), weights[k], out, false, false, 1.0, 0.0);
                fromNative(out, hk, rows * dim);
            } else {
                Arrays.fill(hk, 0, rows * dim, 0f);
            }
            // One pass per row (one-hot rows, bias, activation) while the row is in L1; the branches are
            // outside the inner loops so that C2 can vectorise them.
            float[] b = rowScratch;
            System.arraycopy(parameters, net.biasOffset(k), b, 0, dim);
            boolean sparse = k == 0 && oneHotWidth > 0;
            boolean last = k == layers - 1;
            boolean sigmoid = net.sigmoid();
            for (int r = 0; r < rows; r++) {
                int o = r * dim;
                if (sparse) {
                    addOneHotRows(parameters, hk, r, o);
                }
                if (last) {
                    for (int d = 0; d < dim; d++) {
                        hk[o + d] += b[d];
                    }
                } else if (sigmoid) {
                    for (int d = 0; d < dim; d++) {
                        hk[o + d] = (float) (1 / (1 + Math.exp(-(hk[o + d] + b[d]))));
                    }
                } else {
                    for (int d = 0; d < dim; d++) {
                        hk[o + d] = Math.max(0f, hk[o + d] + b[d]);
                    }
                }
            }
        }
        float[] top = h[layers - 1];
        for (int r = 0; r < roots; r++) {
            int o = r * dim;
            double sum = 1e-12; // keeps an all-zero output finite (it maps to the zero vector)
            for (int d = 0; d < dim; d++) {
                sum += top[o + d] * top[o + d];
            }
            float norm = (float) Math.sqrt(sum);
            norms[r] = norm;
            for (int d = 0; d < dim; d++) {
                z[o + d] = top[o + d] / norm;
            }
        }
        nanos[FORWARD] += System.nanoTime() - t0;
    }

    /** Adds layer 0's one-hot inputs times their W_0 rows: the own hot row, and each histogram entry's weighted row. */
    private void addOneHotRows(float[] parameters, float[] out, int r, int o) {
        int selfBase = net.weightOffset(0) + denseWidth * dim;
        int meanBase = net.weightOffset(0) + (net.inputDimension() + denseWidth) * dim;
        if (selfHot[r] >= 0) {
            int src = selfBase + selfHot[r] * dim;
            for (int d = 0; d < dim; d++) {
                out[o + d] += parameters[src + d];
            }
        }
        for (int e = hotStart[r]; e < hotEnd[r]; e++) {
            int src = meanBase + hotColumn[e] * dim;
            float w = hotWeight[e];
            for (int d = 0; d < dim; d++) {
                out[o + d] += w * parameters[src + d];
            }
        }
    }

    /** Gradient of layer 0's one-hot weight rows: the transpose of {@link #addOneHotRows}, in row order. */
    private void oneHotWeightGradient(float[] dPre, int r, int o, float[] gradient) {
        int selfBase = net.weightOffset(0) + denseWidth * dim;
        int meanBase = net.weightOffset(0) + (net.inputDimension() + denseWidth) * dim;
        if (selfHot[r] >= 0) {
            int dst = selfBase + selfHot[r] * dim;
            for (int d = 0; d < dim; d++) {
                gradient[dst + d] += dPre[o + d];
            }
        }
        for (int e = hotStart[r]; e < hotEnd[r]; e++) {
            int dst = meanBase + hotColumn[e] * dim;
            float w = hotWeight[e];
            for (int d = 0; d < dim; d++) {
                gradient[dst + d] += w * dPre[o + d];
            }
        }
    }

    /** Layer k's input: {@code [h_v ; mean of h over v's sampled neighbours]} from layer k-1's output. */
    private void concatenateWithNeighbourMean(int k) {
        float[] below = h[k - 1];
        float[] xk = x[k];
        int in2 = 2 * dim;
        for (int t = 0; t < layers - k; t++) {
            int s = net.sampleSize(t);
            float inv = 1f / s;
            boolean mappedChildren = dedup && k == 1 && t + 1 == layers - 1;
            for (int i = 0; i < hopSize[t]; i++) {
                int row = hopStart[t] + i;
                int out = row * in2;
                System.arraycopy(below, row * dim, xk, out, dim);
                int mean = out + dim;
                Arrays.fill(xk, mean, mean + dim, 0f);
                int firstChild = hopStart[t + 1] + i * s;
                for (int j = 0; j < s; j++) {
                    int src = (mappedChildren ? deepRow(firstChild + j) : firstChild + j) * dim;
                    for (int d = 0; d < dim; d++) {
                        xk[mean + d] += below[src + d];
                    }
                }
                for (int d = 0; d < dim; d++) {
                    xk[mean + d] *= inv;
                }
            }
        }
        toNative(xk, rows(k) * in2, xNative[k]);
    }

    /**
     * Back-propagates {@code dz} (the loss gradient w.r.t. the normalised embeddings, {@code [roots, dim]})
     * through the aggregator and writes the layer weights' and biases' gradients into {@code gradient}
     * (overwriting those positions; the head positions are left alone).
     */
    public void backward(float[] dz, INDArray[] weights, float[] gradient) {
        long t0 = System.nanoTime();
        float[] top = dh[layers - 1];
        for (int r = 0; r < roots; r++) {
            int o = r * dim;
            float dot = 0;
            for (int d = 0; d < dim; d++) {
                dot += z[o + d] * dz[o + d];
            }
            float inv = 1f / norms[r];
            for (int d = 0; d < dim; d++) {
                top[o + d] = (dz[o + d] - z[o + d] * dot) * inv;
            }
        }
        for (int k = layers - 1; k >= 0; k--) {
            int rows = rows(k);
            float[] dPre = dh[k];
            // One pass per row: the activation's derivative, the bias gradient (summed in row order) and, at
            // layer 0, the one-hot weight rows' gradient.
            float[] biasGradient = rowScratch;
            Arrays.fill(biasGradient, 0f);
            boolean sparse = k == 0 && oneHotWidth > 0;
            if (sparse) {
                int selfBase = net.weightOffset(0) + denseWidth * dim;
                int meanBase = net.weightOffset(0) + (net.inputDimension() + denseWidth) * dim;
                Arrays.fill(gradient, selfBase, selfBase + oneHotWidth * dim, 0f);
                Arrays.fill(gradient, meanBase, meanBase + oneHotWidth * dim, 0f);
            }
            boolean hidden = k < layers - 1;
            boolean sigmoid = net.sigmoid();
            float[] hk = h[k];
            for (int r = 0; r < rows; r++) {
                int o = r * dim;
                if (hidden && sigmoid) {
                    for (int d = 0; d < dim; d++) {
                        dPre[o + d] *= hk[o + d] * (1 - hk[o + d]);
                    }
                } else if (hidden) {
                    // ReLU': 1 where the output is > 0, else 0. Branch-free (outputs are >= 0, so their bits
                    // are 0 exactly when inactive): a data-dependent branch here mispredicted half the time.
                    for (int d = 0; d < dim; d++) {
                        int bits = Float.floatToRawIntBits(hk[o + d]);
                        int keep = (bits | -bits) >> 31;
                        dPre[o + d] = Float.intBitsToFloat(Float.floatToRawIntBits(dPre[o + d]) & keep);
                    }
                }
                for (int d = 0; d < dim; d++) {
                    biasGradient[d] += dPre[o + d];
                }
                if (sparse) {
                    oneHotWeightGradient(dPre, r, o, gradient);
                }
            }
            System.arraycopy(biasGradient, 0, gradient, net.biasOffset(k), dim);
            INDArray dPreN = prefix(dPreNative[k], rows);
            toNative(dPre, rows * dim, dPreN);
            if (xNative[k] != null) {
                int in2 = productWidth(k);
                Nd4j.gemm(prefix(xNative[k], rows), dPreN, dwNative[k], true, false, 1.0, 0.0);
                fromNative(dwNative[k], weightGradient, in2 * dim);
                if (k == 0) { // the dense rows: self, then neighbour mean
                    int half = denseWidth * dim;
                    System.arraycopy(weightGradient, 0, gradient, net.weightOffset(0), half);
                    System.arraycopy(weightGradient, half, gradient, net.weightOffset(0) + net.inputDimension() * dim, half);
                } else {
                    System.arraycopy(weightGradient, 0, gradient, net.weightOffset(k), in2 * dim);
                }
            }
            if (k > 0) {
                INDArray dxN = prefix(dxNative[k], rows);
                Nd4j.gemm(dPreN, weights[k], dxN, false, true, 1.0, 0.0);
                fromNative(dxN, dx, rows * productWidth(k));
                scatterToLayerBelow(k);
            }
        }
        nanos[BACKWARD] += System.nanoTime() - t0;
    }

    /** Splits layer k's input gradient into the self part (to the node's row) and the mean part (to its neighbours). */
    private void scatterToLayerBelow(int k) {
        float[] below = dh[k - 1];
        Arrays.fill(below, 0, rows(k - 1) * dim, 0f);
        int in2 = 2 * dim;
        for (int t = 0; t < layers - k; t++) {
            int s = net.sampleSize(t);
            float inv = 1f / s;
            boolean mappedChildren = dedup && k == 1 && t + 1 == layers - 1;
            for (int i = 0; i < hopSize[t]; i++) {
                int row = hopStart[t] + i;
                int in = row * in2;
                int self = row * dim;
                for (int d = 0; d < dim; d++) {
                    below[self + d] += dx[in + d];
                }
                int firstChild = hopStart[t + 1] + i * s;
                for (int j = 0; j < s; j++) {
                    int child = (mappedChildren ? deepRow(firstChild + j) : firstChild + j) * dim;
                    for (int d = 0; d < dim; d++) {
                        below[child + d] += dx[in + dim + d] * inv;
                    }
                }
            }
        }
    }

    private static INDArray prefix(INDArray array, int rows) {
        return rows == array.rows() ? array : array.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
    }

    private static void toNative(float[] source, int length, INDArray target) {
        FloatBuffer buffer = target.data().asNio().asFloatBuffer();
        buffer.put(source, 0, length);
    }

    private static void fromNative(INDArray source, float[] target, int length) {
        FloatBuffer buffer = source.data().asNio().asFloatBuffer();
        buffer.get(target, 0, length);
    }
}
