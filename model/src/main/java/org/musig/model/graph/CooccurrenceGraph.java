package org.musig.model.graph;

import java.util.Arrays;

/**
 * The paper's weighted track graph (MUSIG, section 3.1): nodes are all tracks {@code 0 .. nodeCount - 1}
 * (tracks without an edge included - they get inductive embeddings from their features), an undirected
 * edge joins two tracks that co-appear in at least {@link #minWeight()} playlists, and its weight is that
 * number of playlists.
 *
 * <p>Layout: symmetric CSR - each undirected edge is stored in both end's rows, neighbours ascending by
 * id. The neighbours of {@code node} are {@code target(i)} for {@code i} in
 * {@code offset(node) .. offset(node + 1) - 1}, with weights {@code weight(i)}; index-based access lets a
 * sampler walk the graph without copying it. Memory: 16 bytes per undirected edge (two directions of an
 * int target + int weight) + 4 bytes per node.
 *
 * <p>Immutable; safe to read from any number of threads.
 */
public final class CooccurrenceGraph {

    /** Receives one edge; for {@link #forEachRelationship} {@code source < target}. */
    @FunctionalInterface
    public interface RelationshipConsumer {
        void accept(int source, int target, int weight);
    }

    private final int[] offsets;
    private final int[] targets;
    private final int[] weights;
    private final int minWeight;
    private final long pairOccurrences;
    private final int playlistsScanned;
    private final int isolatedNodes;

    CooccurrenceGraph(int[] offsets, int[] targets, int[] weights, int minWeight, long pairOccurrences,
                      int playlistsScanned) {
        this.offsets = offsets;
        this.targets = targets;
        this.weights = weights;
        this.minWeight = minWeight;
        this.pairOccurrences = pairOccurrences;
        this.playlistsScanned = playlistsScanned;
        int isolated = 0;
        for (int node = 0; node < nodeCount(); node++) {
            if (offsets[node] == offsets[node + 1]) {
                isolated++;
            }
        }
        this.isolatedNodes = isolated;
    }

    public int nodeCount() {
        return offsets.length - 1;
    }

    /** Number of undirected edges (each stored twice, once per end). */
    public long relationshipCount() {
        return targets.length / 2;
    }

    /** Nodes without any edge. */
    public int isolatedNodes() {
        return isolatedNodes;
    }

    public int degree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    /** Sum of the weights of the node's edges, O(degree). */
    public long weightedDegree(int node) {
        long sum = 0;
        for (int i = offsets[node]; i < offsets[node + 1]; i++) {
            sum += weights[i];
        }
        return sum;
    }

    /** Index of the node's first neighbour; valid for {@code 0 <= node <= nodeCount()}. */
    public int offset(int node) {
        return offsets[node];
    }

    /** The neighbour at adjacency index {@code index}. */
    public int target(int index) {
        return targets[index];
    }

    /** The weight of the edge at adjacency index {@code index}. */
    public int weight(int index) {
        return weights[index];
    }

    /** The weight of edge (a, b), or 0 when there is none; O(log degree). */
    public int weightBetween(int a, int b) {
        int i = Arrays.binarySearch(targets, offsets[a], offsets[a + 1], b);
        return i >= 0 ? weights[i] : 0;
    }

    /** The node's neighbours, ascending (a copy). */
    public int[] neighbours(int node) {
        return Arrays.copyOfRange(targets, offsets[node], offsets[node + 1]);
    }

    /** The weights of the node's edges, in {@link #neighbours} order (a copy). */
    public int[] neighbourWeights(int node) {
        return Arrays.copyOfRange(weights, offsets[node], offsets[node + 1]);
    }

    /** Copies of the CSR arrays, for callers that want bulk access (costs the graph's size again). */
    public int[] offsetsCopy() {
        return offsets.clone();
    }

    public int[] targetsCopy() {
        return targets.clone();
    }

    public int[] weightsCopy() {
        return weights.clone();
    }

    /** The threshold edges had to reach to be kept. */
    public int minWeight() {
        return minWeight;
    }

    /** (playlist, unordered track pair) occurrences in the input: the sum over playlists of n(n-1)/2. */
    public long pairOccurrences() {
        return pairOccurrences;
    }

    /** Playlists read from the input (empty and single-track ones included). */
    public int playlistsScanned() {
        return playlistsScanned;
    }

    /** Visits every undirected edge once, as (source, target, weight) with source < target, by ascending source then target. */
    public void forEachRelationship(RelationshipConsumer consumer) {
        forEachRelationship(0, nodeCount(), consumer);
    }

    /**
     * Visits the undirected edges whose smaller end is in {@code [fromNode, toNode)}, once each, in
     * (source, target) order - so disjoint node ranges partition the edges, e.g. for batched or
     * parallel writes.
     */
    public void forEachRelationship(int fromNode, int toNode, RelationshipConsumer consumer) {
        if (fromNode < 0 || toNode > nodeCount() || fromNode > toNode) {
            throw new IllegalArgumentException("bad node range [" + fromNode + ", " + toNode + ") for "
                    + nodeCount() + " nodes");
        }
        for (int source = fromNode; source < toNode; source++) {
            int end = offsets[source + 1];
            // Rows are sorted, so the neighbours above the source form a suffix of its row.
            int first = Arrays.binarySearch(targets, offsets[source], end, source);
            first = first >= 0 ? first + 1 : -first - 1;
            for (int i = first; i < end; i++) {
                consumer.accept(source, targets[i], weights[i]);
            }
        }
    }

    /**
     * This graph with only its {@code maxRelationships} heaviest relationships (all of them when it has no more).
     * Among relationships of the weight at the cut, the first in (source, target) order are kept, so the result
     * is deterministic and has exactly {@code min(maxRelationships, relationshipCount())} relationships. Nodes are
     * kept (a node may become isolated).
     */
    public CooccurrenceGraph heaviest(long maxRelationships) {
        if (maxRelationships < 0) {
            throw new IllegalArgumentException("maxRelationships must be >= 0, got " + maxRelationships);
        }
        if (relationshipCount() <= maxRelationships) {
            return this;
        }
        int maxWeight = 0;
        for (int w : weights) {
            maxWeight = Math.max(maxWeight, w);
        }
        long[] perWeight = new long[maxWeight + 1]; // weights are counts of playlists: a small range
        forEachRelationship((a, b, w) -> perWeight[w]++);
        int cut = maxWeight;
        long above = 0;
        while (cut > 0 && above + perWeight[cut] <= maxRelationships) {
            above += perWeight[cut];
            cut--;
        }
        Keep keep = new Keep(cut, maxRelationships - above);
        int[] newOffsets = new int[offsets.length];
        forEachRelationship((a, b, w) -> {
            if (keep.test(w)) {
                newOffsets[a + 1]++;
                newOffsets[b + 1]++;
            }
        });
        for (int node = 0; node < nodeCount(); node++) {
            newOffsets[node + 1] += newOffsets[node];
        }
        int[] cursor = Arrays.copyOf(newOffsets, nodeCount());
        int[] newTargets = new int[newOffsets[nodeCount()]];
        int[] newWeights = new int[newTargets.length];
        Keep again = new Keep(cut, maxRelationships - above);
        // Visiting sources in order fills every row in ascending target order: smaller neighbours arrive first.
        forEachRelationship((a, b, w) -> {
            if (again.test(w)) {
                newTargets[cursor[a]] = b;
                newWeights[cursor[a]++] = w;
                newTargets[cursor[b]] = a;
                newWeights[cursor[b]++] = w;
            }
        });
        return new CooccurrenceGraph(newOffsets, newTargets, newWeights, minWeight, pairOccurrences, playlistsScanned);
    }

    /** Above the cut weight: kept; at it: the first {@code ties}; below: dropped. */
    private static final class Keep {
        private final int cut;
        private long ties;

        Keep(int cut, long ties) {
            this.cut = cut;
            this.ties = ties;
        }

        boolean test(int weight) {
            if (weight > cut) {
                return true;
            }
            if (weight == cut && ties > 0) {
                ties--;
                return true;
            }
            return false;
        }
    }

    /** Heap bytes this graph holds. */
    public long memoryBytes() {
        return CooccurrenceMemoryEstimate.intArrayBytes(offsets.length)
                + CooccurrenceMemoryEstimate.intArrayBytes(targets.length)
                + CooccurrenceMemoryEstimate.intArrayBytes(weights.length);
    }

    @Override
    public String toString() {
        return "CooccurrenceGraph{nodes=" + nodeCount() + ", relationships=" + relationshipCount()
                + ", isolatedNodes=" + isolatedNodes + ", minWeight=" + minWeight
                + ", pairOccurrences=" + pairOccurrences + ", playlistsScanned=" + playlistsScanned + "}";
    }
}
