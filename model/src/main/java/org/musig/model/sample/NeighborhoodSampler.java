package org.musig.model.sample;

import java.util.SplittableRandom;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceGraph;

/**
 * Draws a fixed number of neighbours per node, with replacement (MUSIG section 3.4: "we uniformly sample
 * a fixed-size set of neighbors"), so that every layer of a batch is a dense tensor of known shape.
 *
 * <p>Uniform: each neighbour equally likely, whatever its co-occurrence weight (the paper). Weighted:
 * proportional to the edge weight, so strong co-occurrences dominate a node's aggregated neighbourhood. Walks
 * ({@link #byWalks}): from the tracks short random walks visit most, in proportion to visits (PinSAGE).
 *
 * <p>A node without neighbours "samples" itself: its aggregated neighbourhood is its own input, so an
 * isolated or brand-new track gets an embedding from its features alone, with no special case in the
 * network (GraphSAGE's self-loop convention).
 *
 * <p>Immutable after construction; {@link #sample} is safe to call from many threads with their own random.
 */
public final class NeighborhoodSampler {
    private final CooccurrenceGraph graph;
    /** Weighted mode: running weight sum within each node's row (inclusive); null when uniform. */
    private final long[] cumulativeWeights;
    /** Walk mode: each node's importance neighbourhood; null otherwise. */
    private final WalkNeighbourhoods walks;

    public NeighborhoodSampler(CooccurrenceGraph graph, boolean weighted) {
        this.graph = graph;
        this.cumulativeWeights = weighted ? cumulative(graph) : null;
        this.walks = null;
    }

    private NeighborhoodSampler(CooccurrenceGraph graph, WalkNeighbourhoods walks) {
        this.graph = graph;
        this.cumulativeWeights = null;
        this.walks = walks;
    }

    /**
     * A sampler over PinSAGE's importance neighbourhoods ({@link WalkNeighbourhoods}), walked now on
     * {@code threads} threads, reporting to {@code progress}; the same graph and seed give the same neighbourhoods.
     */
    public static NeighborhoodSampler byWalks(CooccurrenceGraph graph, long seed, int threads, Progress progress) {
        return new NeighborhoodSampler(graph,
                WalkNeighbourhoods.of(graph, new NeighborhoodSampler(graph, true), seed, threads, progress));
    }

    private static long[] cumulative(CooccurrenceGraph graph) {
        int n = graph.nodeCount();
        long[] sums = new long[graph.offset(n)];
        for (int node = 0; node < n; node++) {
            long sum = 0;
            for (int i = graph.offset(node); i < graph.offset(node + 1); i++) {
                sum += graph.weight(i);
                sums[i] = sum;
            }
        }
        return sums;
    }

    public boolean weighted() {
        return cumulativeWeights != null;
    }

    /** Heap bytes the weighted mode needs for a graph of this size (0 for uniform). */
    public static long memoryBytes(long relationshipCount, boolean weighted) {
        return weighted ? 16 + 2 * 8 * relationshipCount : 0;
    }

    /** Heap bytes {@link #byWalks} on {@code threads} threads needs for a graph of this size, while walking and after. */
    public static long walkMemoryBytes(long nodeCount, long relationshipCount, int threads) {
        return WalkNeighbourhoods.memoryBytes(nodeCount, relationshipCount, threads);
    }

    /**
     * For each node {@code nodes[from + i]}, writes {@code count} sampled neighbours to
     * {@code out[outOffset + i * count ...]}.
     */
    public void sample(int[] nodes, int from, int to, int count, int[] out, int outOffset, SplittableRandom random) {
        int o = outOffset;
        for (int i = from; i < to; i++) {
            int node = nodes[i];
            if (walks != null) {
                for (int s = 0; s < count; s++) {
                    out[o++] = walks.draw(node, random);
                }
                continue;
            }
            int start = graph.offset(node);
            int degree = graph.offset(node + 1) - start;
            if (degree == 0) {
                for (int s = 0; s < count; s++) {
                    out[o++] = node;
                }
            } else if (cumulativeWeights == null) {
                for (int s = 0; s < count; s++) {
                    out[o++] = graph.target(start + random.nextInt(degree));
                }
            } else {
                int end = start + degree;
                long total = cumulativeWeights[end - 1];
                for (int s = 0; s < count; s++) {
                    out[o++] = graph.target(firstAbove(cumulativeWeights, start, end, random.nextLong(total)));
                }
            }
        }
    }

    /** One sampled neighbour of {@code node} (the node itself when it has none), drawn as {@link #sample} draws. */
    public int sampleOne(int node, SplittableRandom random) {
        if (walks != null) {
            return walks.draw(node, random);
        }
        int start = graph.offset(node);
        int degree = graph.offset(node + 1) - start;
        if (degree == 0) {
            return node;
        }
        if (cumulativeWeights == null) {
            return graph.target(start + random.nextInt(degree));
        }
        int end = start + degree;
        return graph.target(firstAbove(cumulativeWeights, start, end, random.nextLong(cumulativeWeights[end - 1])));
    }

    /** The first index in [from, to) whose running sum exceeds {@code r} (there is one since r < the row total). */
    static int firstAbove(long[] sums, int from, int to, long r) {
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sums[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
