package org.musig.model.nn;

import org.musig.model.sample.NeighborhoodSampler;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One thread's aggregator for a set of root nodes: sample their neighbourhood trees, gather layer 0's input,
 * forward to normalised embeddings, backward to the layers' gradient. Its buffers are allocated once and reused
 * for every shard, so the hot loop allocates nothing. This class sequences the parts and times them:
 * <ul>
 *   <li>{@link NeighbourhoodLayout}: where each tree node sits, hop by hop, and which row computes it;</li>
 *   <li>{@link TreeSampler}: each root's tree from its own stream;</li>
 *   <li>{@link DeepestHopRows}: one layer-0 row per distinct node of hop K-1;</li>
 *   <li>{@link LayerZeroGather}: layer 0's input, dense columns for BLAS and {@link SparseOneHotRows};</li>
 *   <li>{@link AggregatorForward} and {@link AggregatorBackward}: the two passes over {@link AggregatorBuffers};</li>
 *   <li>{@link WorkspaceSizes}: every buffer's length, for allocation and for {@link #memoryBytes}.</li>
 * </ul>
 *
 * <p>The innermost hop (K) is not laid out when an {@link InnerMeans} table is given (training and embedding):
 * a hop-(K-1) node's layer-0 input is then one precomputed table row (own row, inner mean), which cut the
 * random row reads per root from about 275 to about 50 with samples [25, 10].
 *
 * <p>Work split (DESIGN "Model and speed notes"): sampling, gathering (the innermost neighbourhood mean of
 * raw features, which has no parameters, is computed in Java), the other neighbourhood means and
 * all elementwise math are plain Java loops over contiguous arrays; the two matrix products per layer and
 * direction (forward {@code X W}, backward {@code X^T dPre} and {@code dPre W^T}) go to ND4J's BLAS, which
 * is an order of magnitude faster than Java loops for them.
 *
 * <p>Not thread-safe: one per thread.
 */
public final class AggregatorWorkspace {
    /** Stages timed by {@link #nanos}. */
    public static final int SAMPLE = 0;
    public static final int GATHER = 1;
    public static final int FORWARD = 2;
    public static final int BACKWARD = 3;
    private static final int STAGES = 4;

    private final SageNetwork net;
    private final int maxRoots;
    private final int layers;
    private final NeighbourhoodLayout layout;
    private final AggregatorBuffers buffers;
    private final LayerZeroGather gather;
    private final AggregatorForward forward;
    private final AggregatorBackward backward;
    private final long[] nanos = new long[STAGES];
    private boolean dedupAllowed = true;

    public AggregatorWorkspace(SageNetwork net, int maxRoots) {
        this.net = net;
        this.maxRoots = maxRoots;
        this.layers = net.layers();
        WorkspaceSizes sizes = new WorkspaceSizes(net, maxRoots);
        layout = new NeighbourhoodLayout(net, sizes);
        SparseOneHotRows oneHot = new SparseOneHotRows(net, sizes);
        buffers = new AggregatorBuffers(sizes);
        gather = new LayerZeroGather(net, layout, oneHot, buffers);
        forward = new AggregatorForward(net, layout, oneHot, buffers);
        backward = new AggregatorBackward(net, layout, oneHot, buffers);
    }

    /** Bytes (heap + native) a workspace for {@code maxRoots} roots holds: the lengths it allocates. */
    public static long memoryBytes(SageNetwork net, int maxRoots) {
        return new WorkspaceSizes(net, maxRoots).bytes() + Long.BYTES * STAGES;
    }

    /** Tests: with false, every hop-(K-1) slot gets its own layer-0 row, as before deduplication. */
    void allowDeduplication(boolean allowed) {
        dedupAllowed = allowed;
    }

    /** Layer-0 rows of the last prepare (after deduplication). */
    int layerZeroRows() {
        return layout.rows(0);
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
        return buffers.z;
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
    public void prepare(int[] rootIds, long[] rootSeeds, int count, NeighborhoodSampler sampler,
                        InputFeatures.Encoded input) {
        prepare(rootIds, rootSeeds, count, sampler, input, null);
    }

    /**
     * As {@link #prepare(int[], long[], int, NeighborhoodSampler, InputFeatures.Encoded)}, but with at least two
     * layers and a non-null {@code inner} the innermost hop is not sampled per root: the mean over a hop-(K-1)
     * node's neighbours is read from {@code inner} (one precomputed row instead of {@code sampleSize(K-1)}
     * random row reads). With one layer {@code inner} is ignored.
     */
    public void prepare(int[] rootIds, long[] rootSeeds, int count, NeighborhoodSampler sampler,
                        InputFeatures.Encoded input,
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
    public void prepare(int[] rootIds, long[] rootSeeds, int count, NeighborhoodSampler sampler,
                        InputFeatures.Encoded input,
                        InnerMeans inner, boolean[] isolated) {
        prepare(rootIds, rootSeeds, count, sampler, input, inner, isolated, null);
    }

    /**
     * As {@link #prepare(int[], long[], int, NeighborhoodSampler, InputFeatures.Encoded, InnerMeans, boolean[])},
     * keeping {@code partner[i]} out of root i's sampled neighbours (-1: none): a training pair's two tracks
     * then do not see each other, as a held-out track and the seed never do at evaluation. A sampled partner is
     * redrawn up to {@value TreeSampler#PARTNER_REDRAWS} times, then replaced by the root itself (its only
     * neighbour was the partner: it is treated as having none there).
     *
     * @param partner per root, or null for none
     */
    public void prepare(int[] rootIds, long[] rootSeeds, int count, NeighborhoodSampler sampler,
                        InputFeatures.Encoded input,
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
        if (inner != null && net.oneHotWidth() > 0
                && (inner.slots() != input.slots() || inner.meanSlots() != net.meanSlots())) {
            throw new IllegalArgumentException(
                    "inner means of " + inner.slots() + " one-hot groups (" + inner.meanSlots()
                            + " in the mean) for an input of " + input.slots() + " (" + net.meanSlots() + ")");
        }
        int sampledHops = inner == null ? layers : layers - 1;
        long t0 = System.nanoTime();
        layout.layout(count);
        TreeSampler.sample(layout, rootIds, rootSeeds, sampler, sampledHops, isolated, partner);
        if (inner != null && dedupAllowed) {
            layout.deduplicateDeepestHop(isolated);
        }
        long t1 = System.nanoTime();
        gather.gather(input, inner, sampledHops, isolated);
        nanos[SAMPLE] += t1 - t0;
        nanos[GATHER] += System.nanoTime() - t1;
    }

    /** Computes the normalised embeddings of the prepared roots into {@link #embeddings()}. */
    public void forward(float[] parameters, INDArray[] weights) {
        long t0 = System.nanoTime();
        forward.run(parameters, weights);
        nanos[FORWARD] += System.nanoTime() - t0;
    }

    /**
     * Back-propagates {@code dz} (the loss gradient w.r.t. the normalised embeddings, {@code [roots, dim]})
     * through the aggregator and writes the layer weights' and biases' gradients into {@code gradient}
     * (overwriting those positions; the head positions are left alone), and the one-hot rows' into {@code tables}.
     */
    public void backward(float[] dz, INDArray[] weights, float[] gradient, TableGradient tables) {
        long t0 = System.nanoTime();
        backward.run(dz, weights, gradient, tables);
        nanos[BACKWARD] += System.nanoTime() - t0;
    }
}
