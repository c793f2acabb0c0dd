package org.musig.model.graph;

import org.musig.common.progress.Progress;

/**
 * Heap a {@link CooccurrenceCounter#count} needs, so a caller can refuse or warn before starting.
 * Everything is exact except the edge count: it is only known after counting, so the estimate uses a
 * hard upper bound, {@code min(P / minWeight, F(F-1)/2)} where {@code P} is the number of pair
 * occurrences among candidate tracks and {@code F} the number of candidates (every kept edge uses at
 * least {@code minWeight} of those occurrences). Real playlists keep far fewer edges (on the synthetic
 * benchmark playlists the bound is 6-8 times the real count), so it is a refusal threshold, not a prediction.
 *
 * <p>Memory model (T tracks, F candidates = tracks in at least minWeight playlists, K memberships of
 * candidates in playlists with two or more candidates, R such playlists, E kept edges, C threads):
 * <ul>
 *   <li>input {@link PlaylistMemberships}: 4 bytes per membership + 4 per playlist (held by the caller);</li>
 *   <li>candidate index: 8 bytes per K (filtered rows + inverted index) + 4 per R (row ends) + 8 per F
 *       (+ 4 per T and 4 per F transiently while it is built);</li>
 *   <li>per thread: 8 bytes per F (a counter and a touched list);</li>
 *   <li>while counting: 8 bytes per kept edge (paged thread buffers) + 4 per F;</li>
 *   <li>while assembling (the index is released first): the 8 bytes per edge of the buffers + 16 per edge
 *       of the result + 8 per T;</li>
 *   <li>result {@link CooccurrenceGraph}: 16 bytes per edge + 4 per track.</li>
 * </ul>
 * The peak is the larger of the counting and the assembling phase, plus the input.
 *
 * @param membershipBytes        the input, already held by the caller
 * @param indexBytes             the candidate index (filtered playlists + inverted index + id map)
 * @param scratchBytesPerThread  each counting thread's scratch arrays
 * @param concurrency            the thread count the estimate is for
 * @param maxRelationships       upper bound on kept undirected edges
 * @param graphBytesUpperBound   the result for {@code maxRelationships} edges
 * @param peakBytesUpperBound    the most heap held at once during the count, input included
 */
public record CooccurrenceMemoryEstimate(long membershipBytes, long indexBytes, long scratchBytesPerThread,
                                         int concurrency, long maxRelationships, long graphBytesUpperBound,
                                         long peakBytesUpperBound) {

    /** Exact sizes from one cheap pass over the memberships (about as costly as reading them once or twice). */
    public static CooccurrenceMemoryEstimate of(PlaylistMemberships memberships, int minWeight, int concurrency) {
        CooccurrenceCounter.validate(minWeight, concurrency);
        CandidateIndex.Shape shape = CandidateIndex.measure(memberships, minWeight, Progress.NONE);
        return compute(memberships.trackCount(), memberships.memoryBytes(), shape, minWeight, concurrency);
    }

    /**
     * Before the memberships are loaded: assumes every track is a candidate and every playlist counts, so
     * only the sizes are needed.
     *
     * @param pairOccurrences the sum over playlists of n(n-1)/2; if only the mean length L is known,
     *                        {@code playlists * L(L-1)/2} is a lower bound of it (longer playlists count more)
     */
    public static CooccurrenceMemoryEstimate worstCase(int trackCount, int playlists, long memberships,
                                                       long pairOccurrences, int minWeight, int concurrency) {
        CooccurrenceCounter.validate(minWeight, concurrency);
        CandidateIndex.Shape shape = new CandidateIndex.Shape(trackCount, playlists,
                (int) Math.min(memberships, PlaylistMemberships.MAX_MEMBERSHIPS), pairOccurrences);
        return compute(trackCount, membershipBytes(playlists, memberships), shape, minWeight, concurrency);
    }

    private static CooccurrenceMemoryEstimate compute(int tracks, long membershipBytes, CandidateIndex.Shape shape,
                                                      int minWeight, int concurrency) {
        long f = shape.candidateCount();
        long k = shape.memberships();
        long maxEdges = Math.min(shape.pairOccurrences() / minWeight, f * (f - 1) / 2);
        long index = intArrayBytes(k + shape.rowCount()) + intArrayBytes(k) + intArrayBytes(f + 1) + intArrayBytes(f);
        long indexBuild = intArrayBytes(tracks) + intArrayBytes(f); // compact-id map and a cursor, freed after
        long scratch = 2 * intArrayBytes(f);
        long counting = index + concurrency * scratch + intArrayBytes(f) + 8 * maxEdges;
        long assembling = 2 * intArrayBytes(f) + 8 * maxEdges + graphBytes(tracks, maxEdges) + intArrayBytes(tracks);
        long peak = membershipBytes + Math.max(index + indexBuild, Math.max(counting, assembling));
        return new CooccurrenceMemoryEstimate(membershipBytes, index, scratch, concurrency, maxEdges,
                graphBytes(tracks, maxEdges), peak);
    }

    /** Heap of a {@link PlaylistMemberships} of this size. */
    public static long membershipBytes(int playlists, long memberships) {
        return intArrayBytes(playlists + 1L) + intArrayBytes(memberships);
    }

    /** Heap of a {@link CooccurrenceGraph} with this many nodes and undirected edges. */
    public static long graphBytes(int nodeCount, long relationships) {
        return intArrayBytes(nodeCount + 1L) + 2 * intArrayBytes(2 * relationships);
    }

    /** An {@code int[length]}: 16-byte header + 4 bytes per element, 8-byte aligned. */
    static long intArrayBytes(long length) {
        return (16 + 4 * length + 7) & ~7L;
    }
}
