package org.musig.procedures.graph;

import java.util.Arrays;

/**
 * Neo4j node id -> dense track id (its rank among the track node ids). A direct table when node ids are
 * compact (the usual case: ids are reused and dense), a binary search otherwise.
 */
public final class TrackIndex {
    public static final int ABSENT = -1;
    private final long[] nodeIds;
    private final int[] direct;

    private TrackIndex(long[] sortedNodeIds) {
        this.nodeIds = sortedNodeIds;
        long max = sortedNodeIds.length == 0 ? -1 : sortedNodeIds[sortedNodeIds.length - 1];
        // A table of 4 bytes per possible id is worth it while it is at most ~16 times the sorted array.
        if (max < 16L * sortedNodeIds.length + 1_000_000 && max < Integer.MAX_VALUE - 8) {
            direct = new int[(int) max + 1];
            Arrays.fill(direct, ABSENT);
            for (int i = 0; i < sortedNodeIds.length; i++) {
                direct[(int) sortedNodeIds[i]] = i;
            }
        } else {
            direct = null;
        }
    }

    public static TrackIndex of(long[] nodeIds) {
        long[] sorted = nodeIds.clone();
        Arrays.sort(sorted);
        return new TrackIndex(sorted);
    }

    /** Dense id of the node, or {@link #ABSENT} when it is not a track. */
    public int denseId(long nodeId) {
        if (direct != null) {
            return nodeId >= 0 && nodeId < direct.length ? direct[(int) nodeId] : ABSENT;
        }
        int i = Arrays.binarySearch(nodeIds, nodeId);
        return i >= 0 ? i : ABSENT;
    }

    int size() {
        return nodeIds.length;
    }

    /** Node ids by dense id (the index's own array: do not modify). */
    long[] nodeIds() {
        return nodeIds;
    }
}
