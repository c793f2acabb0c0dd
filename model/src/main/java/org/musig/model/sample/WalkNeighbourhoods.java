package org.musig.model.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.parallel.ParallelTasks;

/**
 * PinSAGE's importance-based neighbourhoods (Ying et al., KDD 2018, section 3.1): a track's neighbours are the
 * tracks that short random walks from it visit most often, each kept with its visit count. A step follows an edge
 * in proportion to its co-occurrence weight, which on the track graph is PinSAGE's walk through a shared playlist
 * (pin -> board -> pin). Two-hop walks reach tracks that share many neighbours with the start without sharing a
 * playlist, and the counts rank a node's direct neighbours by how tied into its community they are.
 *
 * <p>Per node: {@value #WALKS} walks of {@value #HOPS} steps; the start itself is not counted; the {@value #TOP}
 * most visited tracks are kept (ties: lower id first). A node without edges keeps none. Each node's walks come from
 * its own stream, so the result depends on the graph and the seed only, not on the thread count.
 *
 * <p>Immutable; {@link #draw} is safe to call from many threads with their own random.
 */
public final class WalkNeighbourhoods {
    /** Walks from each node. */
    public static final int WALKS = 50;
    /** Steps per walk. */
    public static final int HOPS = 2;
    /** The most visited tracks a node keeps. */
    public static final int TOP = 32;
    /** Nodes walked between two progress reports. */
    private static final int CHUNK = 1 << 16;

    private final int[] offsets;
    private final int[] targets;
    /** Running visit count within each node's row (inclusive). */
    private final int[] cumulativeVisits;

    private WalkNeighbourhoods(int[] offsets, int[] targets, int[] cumulativeVisits) {
        this.offsets = offsets;
        this.targets = targets;
        this.cumulativeVisits = cumulativeVisits;
    }

    /**
     * Walks from every node of {@code graph}, in chunks of nodes, reporting each chunk as done to {@code progress}
     * (stage "neighbourhood walks", one unit per node) and checking between chunks that the work may go on.
     *
     * @param step    draws one step of a walk: a neighbour in proportion to edge weight
     * @param threads how many threads walk (the result does not depend on it)
     */
    static WalkNeighbourhoods of(CooccurrenceGraph graph, NeighborhoodSampler step, long seed, int threads,
                                 Progress progress) {
        int n = graph.nodeCount();
        progress.begin("neighbourhood walks", n);
        List<int[]> keptParts = new ArrayList<>();
        List<int[]> visitParts = new ArrayList<>();
        int[] rowLengths = new int[n];
        try (ParallelTasks tasks = new ParallelTasks(threads)) {
            int parts = tasks.threads();
            Walker[] walkers = new Walker[parts]; // one per part index: a part runs on one thread at a time
            for (int chunk = 0; chunk < n; chunk += CHUNK) {
                int chunkStart = chunk;
                int chunkSize = Math.min(CHUNK, n - chunk);
                int[][] kept = new int[parts][];
                int[][] visits = new int[parts][];
                tasks.run(parts, part -> {
                    if (walkers[part] == null) {
                        walkers[part] = new Walker(graph, step, seed);
                    }
                    int from = chunkStart + ParallelTasks.partStart(part, parts, chunkSize);
                    int to = chunkStart + ParallelTasks.partStart(part + 1, parts, chunkSize);
                    walkers[part].walkRange(from, to, rowLengths);
                    kept[part] = walkers[part].kept();
                    visits[part] = walkers[part].visits();
                });
                keptParts.addAll(List.of(kept));
                visitParts.addAll(List.of(visits));
                progress.advance(chunkSize);
                progress.checkRunning();
            }
        }
        int[] offsets = new int[n + 1];
        for (int node = 0; node < n; node++) {
            offsets[node + 1] = Math.addExact(offsets[node], rowLengths[node]);
        }
        int[] targets = new int[offsets[n]];
        int[] cumulative = new int[offsets[n]];
        int at = 0;
        for (int i = 0; i < keptParts.size(); i++) {
            System.arraycopy(keptParts.get(i), 0, targets, at, keptParts.get(i).length);
            System.arraycopy(visitParts.get(i), 0, cumulative, at, visitParts.get(i).length);
            at += keptParts.get(i).length;
        }
        for (int node = 0; node < n; node++) {
            for (int i = offsets[node] + 1; i < offsets[node + 1]; i++) {
                cumulative[i] += cumulative[i - 1];
            }
        }
        return new WalkNeighbourhoods(offsets, targets, cumulative);
    }

    /**
     * Heap bytes for a graph of this size walked on {@code threads} threads, at the peak (while the rows are copied
     * together): the rows twice, the row lengths, each thread's visit counters and the weighted steps' running sums.
     */
    static long memoryBytes(long nodeCount, long relationshipCount, int threads) {
        return 4 * (nodeCount + 1) + 2 * (2 * 4L * TOP * nodeCount) + 4L * nodeCount
                + Math.max(1, threads) * 4L * nodeCount + NeighborhoodSampler.memoryBytes(relationshipCount, true);
    }

    /** How many neighbours {@code node} keeps. */
    int size(int node) {
        return offsets[node + 1] - offsets[node];
    }

    /** The node's kept neighbours, most visited first (a copy). */
    int[] neighbours(int node) {
        return Arrays.copyOfRange(targets, offsets[node], offsets[node + 1]);
    }

    /** How often the node's walks visited each of {@link #neighbours} (a copy). */
    int[] visits(int node) {
        int[] counts = new int[size(node)];
        for (int i = 0; i < counts.length; i++) {
            int at = offsets[node] + i;
            counts[i] = cumulativeVisits[at] - (i == 0 ? 0 : cumulativeVisits[at - 1]);
        }
        return counts;
    }

    /** One neighbour of {@code node} in proportion to its visits, or the node itself when it keeps none. */
    int draw(int node, SplittableRandom random) {
        int start = offsets[node];
        int end = offsets[node + 1];
        if (start == end) {
            return node;
        }
        int r = random.nextInt(cumulativeVisits[end - 1]);
        int lo = start;
        int hi = end - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeVisits[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return targets[lo];
    }

    /**
     * One thread's walks: visit counters over all nodes (reset after each node) and the rows of the range it walked
     * last.
     */
    private static final class Walker {
        private final CooccurrenceGraph graph;
        private final NeighborhoodSampler step;
        private final long seed;
        private final int[] counts;
        private final int[] touched = new int[WALKS * HOPS];
        private final long[] order = new long[WALKS * HOPS];
        private int[] kept = new int[16];
        private int[] keptVisits = new int[16];
        private int size;

        Walker(CooccurrenceGraph graph, NeighborhoodSampler step, long seed) {
            this.graph = graph;
            this.step = step;
            this.seed = seed;
            this.counts = new int[graph.nodeCount()];
        }

        /** Walks from each node of [from, to), setting its row length; {@link #kept} and {@link #visits} hold them. */
        void walkRange(int from, int to, int[] rowLengths) {
            size = 0;
            for (int node = from; node < to; node++) {
                int length = walk(node);
                if (size + length > kept.length) {
                    int capacity = Math.max(2 * kept.length, size + length);
                    kept = Arrays.copyOf(kept, capacity);
                    keptVisits = Arrays.copyOf(keptVisits, capacity);
                }
                for (int i = 0; i < length; i++) {
                    kept[size + i] = (int) order[i];
                    keptVisits[size + i] = WALKS * HOPS - (int) (order[i] >>> 32);
                }
                rowLengths[node] = length;
                size += length;
            }
        }

        /** The kept neighbours of the last range, row after row (a copy). */
        int[] kept() {
            return Arrays.copyOf(kept, size);
        }

        /** Their visit counts (a copy). */
        int[] visits() {
            return Arrays.copyOf(keptVisits, size);
        }

        /** Walks from {@code node}; returns how many neighbours it keeps, first in {@code order}. */
        int walk(int node) {
            if (graph.degree(node) == 0) {
                return 0;
            }
            SplittableRandom random = RandomStreams.of(seed, RandomStreams.WALKS, node, 0, 0);
            int distinct = 0;
            for (int w = 0; w < WALKS; w++) {
                int at = node;
                for (int h = 0; h < HOPS; h++) {
                    at = step.sampleOne(at, random);
                    if (at != node && counts[at]++ == 0) {
                        touched[distinct++] = at;
                    }
                }
            }
            // Most visits first, then lower id: the key sorts ascending.
            for (int i = 0; i < distinct; i++) {
                int t = touched[i];
                order[i] = ((long) (WALKS * HOPS - counts[t]) << 32) | t;
                counts[t] = 0;
            }
            Arrays.sort(order, 0, distinct);
            return Math.min(TOP, distinct);
        }
    }
}
