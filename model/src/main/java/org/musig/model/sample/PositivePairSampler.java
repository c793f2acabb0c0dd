package org.musig.model.sample;

import java.util.SplittableRandom;
import org.musig.model.graph.CooccurrenceGraph;

/**
 * The playlist task's positive pairs: the co-occurrence edges, each undirected edge once per epoch in a
 * fresh random order (optionally only the first {@code maxPairs} of that order). The orientation of a
 * pair (which end is the anchor that gets the negatives) is drawn per pair by the caller.
 *
 * <p>Holds two ints per undirected edge. Not thread-safe: one epoch's order is shuffled in place.
 */
public final class PositivePairSampler {
    private final int[] sources;
    private final int[] targets;
    private final int[] order;

    public PositivePairSampler(CooccurrenceGraph graph) {
        long edges = graph.relationshipCount();
        if (edges > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many relationships for training: " + edges);
        }
        sources = new int[(int) edges];
        targets = new int[(int) edges];
        int[] next = {0};
        graph.forEachRelationship((s, t, w) -> {
            sources[next[0]] = s;
            targets[next[0]] = t;
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

    /**
     * Shuffles the first {@code count} positions of the order (a partial Fisher-Yates over all edges), so
     * positions 0..count-1 are a uniform random sample of distinct edges in random order.
     */
    public void shuffle(int count, SplittableRandom random) {
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

    public static long memoryBytes(long relationshipCount) {
        return 48 + 12 * relationshipCount;
    }
}
