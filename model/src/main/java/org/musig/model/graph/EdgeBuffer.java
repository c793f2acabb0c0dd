package org.musig.model.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * One counting thread's output: (target, weight) pairs appended in order, 8 bytes per edge. Stored in
 * fixed-size pages rather than one growing array so that growth never copies (a doubling array would
 * briefly need three times its size, which at tens of millions of edges is hundreds of MB). The source
 * of each edge is not stored: the counter records how many edges each source emitted and where each
 * chunk of sources starts.
 */
final class EdgeBuffer {
    private static final int PAGE_SHIFT = 16;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private final List<int[]> targetPages = new ArrayList<>();
    private final List<int[]> weightPages = new ArrayList<>();
    private int[] targets;
    private int[] weights;
    private long size;

    void add(int target, int weight) {
        int slot = (int) (size & PAGE_MASK);
        if (slot == 0) {
            targets = new int[PAGE_SIZE];
            weights = new int[PAGE_SIZE];
            targetPages.add(targets);
            weightPages.add(weights);
        }
        targets[slot] = target;
        weights[slot] = weight;
        size++;
    }

    long size() {
        return size;
    }

    int target(long index) {
        return targetPages.get((int) (index >>> PAGE_SHIFT))[(int) (index & PAGE_MASK)];
    }

    int weight(long index) {
        return weightPages.get((int) (index >>> PAGE_SHIFT))[(int) (index & PAGE_MASK)];
    }

    /** Heap bytes held (whole pages). */
    long memoryBytes() {
        return targetPages.size() * 2L * CooccurrenceMemoryEstimate.intArrayBytes(PAGE_SIZE);
    }
}
