package org.musig.model.sample;

import java.util.SplittableRandom;
import org.musig.model.graph.CooccurrenceGraph;

/**
 * The playlist task's positive pairs: the co-occurrence edges, each undirected edge once per epoch in a
 * fresh random order (optionally only the first {@code maxPairs} of that order), or, weighted, drawn with
 * replacement in proportion to their co-occurrence weight, so a pair that shares ten playlists is trained ten
 * times as often as one that shares one (as word2vec-style methods see pairs). The orientation of a pair (which
 * end is the anchor that gets the negatives) is drawn per pair by the caller.
 *
 * <p>Holds three ints per undirected edge, and a long more when weighted. Not thread-safe: one epoch's order is
 * drawn in place.
 */
public final class PositivePairSampler {
    private final int[] sources;
    private final int[] targets;
    private final int[] order;
    /** Weighted: the running weight sum over the edges (inclusive); null when each edge is drawn once. */
    private final long[] cumulativeWeights;

    /** Each edge once per epoch. */
    public PositivePairSampler(CooccurrenceGraph graph) {
        this(graph, false);
    }

    /** @param weighted draw edges with replacement in proportion to their weight instead of each once */
    public PositivePairSampler(CooccurrenceGraph graph, boolean weighted) {
        long edges = graph.relationshipCount();
        if (edges > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many relationships for training: " + edges);
        }
        sources = new int[(int) edges];
        targets = new int[(int) edges];
        int[] next = {0};
        cumulativeWeights = weighted ? new long[(int) edges] : null;
        long[] sum = {0};
        graph.forEachRelationship((s, t, w) -> {
            sources[next[0]] = s;
            targets[next[0]] = t;
            if (weighted) {
                sum[0] += w;
                cumulativeWeights[next[0]] = sum[0];
            }
            next[0]++;
        });
        order = new int[(int) edges];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    public int pairCount() {
        return sources.length;
    }

    /** Positive pairs one epoch uses. */
    public int pairsPerEpoch(long maxPairs) {
        return (int) Math.min(sources.length, maxPairs);
    }

    public boolean weighted() {
        return cumulativeWeights != null;
    }

    /**
     * Shuffles the first {@code count} positions of the order (a partial Fisher-Yates over all edges), so
     * positions 0..count-1 are a uniform random sample of distinct edges in random order. Weighted: positions
     * 0..count-1 are edges drawn independently in proportion to their weight.
     */
    public void shuffle(int count, SplittableRandom random) {
        if (cumulativeWeights != null) {
            long total = cumulativeWeights[cumulativeWeights.length - 1];
            for (int i = 0; i < count; i++) {
                order[i] = NeighborhoodSampler.firstAbove(cumulativeWeights, 0, cumulativeWeights.length,
                        random.nextLong(total));
            }
            return;
        }
        int n = order.length;
        for (int i = 0; i < count && i < n - 1; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    /** The source (smaller id) of the pair at position {@code index} of the current order. */
    public int source(int index) {
        return sources[order[index]];
    }

    public int target(int index) {
        return targets[order[index]];
    }

    public static long memoryBytes(long relationshipCount, boolean weighted) {
        return 48 + (weighted ? 20 : 12) * relationshipCount;
    }
}
