package org.musig.procedures.graph;

import java.util.List;
import org.musig.model.graph.CooccurrenceMemoryEstimate;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.procedures.PropertyValues;

/** The heap check every co-occurrence count in a procedure makes before it starts. */
public final class CountMemory {
    private CountMemory() {
    }

    /**
     * Refuses before counting when even the parts of the count whose size is known exactly (the candidate
     * index and the per-thread scratch) do not fit in the free heap; the edges' share is only bounded,
     * so exceeding that bound only gives a notice.
     */
    public static void check(String owner, PlaylistMemberships memberships, int minWeight, int concurrency,
                             List<String> notices) {
        CooccurrenceMemoryEstimate estimate = CooccurrenceMemoryEstimate.of(memberships, minWeight, concurrency);
        long required = estimate.indexBytes() + (long) concurrency * estimate.scratchBytesPerThread();
        long free = PropertyValues.freeHeapBytes();
        if (required > free) {
            throw new IllegalStateException(String.format(
                    "%s: counting needs at least %,d bytes of heap but only %,d are free (max heap %,d); raise "
                            + "server.memory.heap.max_size, raise minWeight or lower concurrency",
                    owner, required, free, Runtime.getRuntime().maxMemory()));
        }
        if (estimate.peakBytesUpperBound() - estimate.membershipBytes() > free) {
            notices.add(String.format("memory: the worst case of this count (%,d bytes, if every candidate pair "
                    + "were kept) exceeds the free heap (%,d bytes); real playlists keep far fewer pairs",
                    estimate.peakBytesUpperBound() - estimate.membershipBytes(), free));
        }
    }
}
