package org.musig.procedures.recommend;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.musig.loaders.GraphModel;
import org.musig.model.rank.VectorTable;
import org.musig.procedures.PropertyValues;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/** Reads the embedding matrix of one Track property from the store, after checking that it fits in the heap. */
final class EmbeddingLoader {
    /** The free heap the estimate is compared with; a test lowers it to see the refusal (the work is not faked). */
    static LongSupplier freeHeap = PropertyValues::freeHeapBytes;

    /**
     * Peak heap per track besides its vector's floats (counted twice: the vectors read, then the table): the
     * array header and reference of each vector read, its id (before and after sorting, with the growth
     * slack) and its boxed sort index.
     */
    private static final long BYTES_PER_TRACK = 96;

    private EmbeddingLoader() {
    }

    /**
     * The matrix of {@code property}, tagged with {@code version}.
     *
     * @throws IllegalStateException naming both numbers when building it would not fit in the free heap
     */
    @SuppressWarnings("deprecation")
    static EmbeddingCache.Embeddings load(Transaction tx, String property, long version) {
        int dimension = firstDimension(tx, property);
        if (dimension > 0) {
            requireHeap(property, trackCount(tx), dimension);
        }
        long[] ids = new long[1024];
        float[][] vectors = new float[1024][];
        int n = 0;
        long skipped = 0;
        try (ResourceIterator<Node> tracks = tx.findNodes(GraphModel.TRACK)) {
            while (dimension > 0 && tracks.hasNext()) {
                Node track = tracks.next();
                float[] vector = PropertyValues.floatVector(track.getProperty(property, null));
                if (vector == null) {
                    continue;
                }
                if (vector.length != dimension) {
                    skipped++;
                    continue;
                }
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                    vectors = Arrays.copyOf(vectors, n * 2);
                }
                ids[n] = track.getId();
                vectors[n++] = vector;
            }
        }
        // Rows by ascending node id, so row lookup is a binary search.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final long[] unsorted = ids;
        Arrays.sort(order, (a, b) -> Long.compare(unsorted[a], unsorted[b]));
        long[] sortedIds = new long[n];
        float[][] sortedVectors = new float[n][];
        for (int i = 0; i < n; i++) {
            sortedIds[i] = unsorted[order[i]];
            sortedVectors[i] = vectors[order[i]];
        }
        return new EmbeddingCache.Embeddings(version, property, sortedIds, VectorTable.of(sortedVectors), skipped);
    }

    /** Heap a build holds at its peak for this many tracks of this dimension (every track counted as having one). */
    static long estimateBytes(long tracks, int dimension) {
        return tracks * (2L * Float.BYTES * dimension + BYTES_PER_TRACK);
    }

    private static void requireHeap(String property, long tracks, int dimension) {
        long required = estimateBytes(tracks, dimension);
        long free = freeHeap.getAsLong();
        if (required > free) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the embedding matrix of property '%s' "
                    + "(%,d tracks, %d dimensions) needs about %,d bytes of heap to build but only %,d are free; raise "
                    + "server.memory.heap.max_size, lower %s, or create a vector index on :Track(%s) "
                    + "(musig.embed.write with createIndex: true) so that queries need no matrix", property, tracks,
                    dimension, required, free, EmbeddingCache.MAX_PROPERTIES, property));
        }
    }

    /** The length of the first vector found in {@code property}, or -1 when no track has one. */
    private static int firstDimension(Transaction tx, String property) {
        try (ResourceIterator<Node> tracks = tx.findNodes(GraphModel.TRACK)) {
            while (tracks.hasNext()) {
                float[] vector = PropertyValues.floatVector(tracks.next().getProperty(property, null));
                if (vector != null) {
                    return vector.length;
                }
            }
        }
        return -1;
    }

    /** From Neo4j's count store: no scan. */
    private static long trackCount(Transaction tx) {
        try (var result = tx.execute("MATCH (t:" + GraphModel.TRACK.name() + ") RETURN count(t) AS n")) {
            return ((Number) result.next().get("n")).longValue();
        }
    }
}
