package org.musig.procedures.benchmark;

import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.musig.baselines.ItemFeatures;
import org.musig.procedures.PropertyValues;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The heap check before each benchmark stage that hands data to GDS, DL4J, the CF baseline or MUSIG: one call
 * that runs out of heap takes the whole server down, so a stage whose estimate exceeds the free heap is a
 * skipped row naming both numbers, and the benchmark goes on. Estimates are GDS's own ({@code .estimate}
 * procedures on a fictive graph of the same size) where they exist, else computed from the sizes; they count
 * what the stage adds, and the heap the JVM already holds is left out by comparing with the free heap.
 */
final class BenchmarkMemory {
    /** The free heap the estimates are compared with; a test lowers it to see rows skipped (the work is not faked). */
    static LongSupplier freeHeap = PropertyValues::freeHeapBytes;

    /** One relationship as a Cypher parameter row: a 5-element list, boxed ids and weight, then Cypher's own copy. */
    static final long PROJECTION_ROW_BYTES = 320;
    /** One float of a feature table as a Cypher parameter: a boxed Double and a reference, twice (Java, then Cypher). */
    static final long PARAMETER_VALUE_BYTES = 48;

    private BenchmarkMemory() {
    }

    /** Null when {@code estimatedBytes} fits in the free heap, else the reason to skip, with both numbers. */
    static String shortfall(String stage, long estimatedBytes) {
        long free = freeHeap.getAsLong();
        if (estimatedBytes <= free) {
            return null;
        }
        return String.format(Locale.ROOT, "not run: %s needs about %,d bytes of heap (estimated) but only %,d bytes "
                + "are free; raise server.memory.heap.max_size, lower embeddingDimension, raise minWeight or set "
                + "maxRelationships", stage, estimatedBytes, free);
    }

    /**
     * CF (WARP): factors and Adagrad sums for playlists and feature rows (the tracks; for the hybrid also its artists
     * and albums), each track's feature list, the sampling arrays, the scored vectors.
     */
    static long warpBytes(int tracks, long featureRows, int categories, int playlists, long memberships,
                          int dimension) {
        return 2L * (featureRows + (long) playlists) * dimension * Float.BYTES + 9L * tracks + 8L * memberships
                + ItemFeatures.memoryBytes(tracks, categories) + vectorBytes(tracks, dimension);
    }

    /**
     * Track2Vec (DL4J word2vec): input and output vectors per track, the vocabulary (a word object, its token and
     * Huffman code per track), the sentences (one token per membership) and the scored vectors.
     */
    static long track2vecBytes(int tracks, long memberships, int dimension) {
        return 2L * tracks * dimension * Float.BYTES + 400L * tracks + 16L * memberships
                + vectorBytes(tracks, dimension);
    }

    /** The rows and feature tables the Cypher projection hands GDS (see {@link GdsBaselines}). */
    static long projectionParameterBytes(long relationships, int nodes, long featureValues) {
        return PROJECTION_ROW_BYTES * (relationships + nodes) + PARAMETER_VALUE_BYTES * featureValues;
    }

    /**
     * What an ensemble of a seeded baseline adds to one model's figure: {@code copies} copies of each member's
     * vectors kept until the ensemble is scored, and the ensemble's vectors ({@code members} x {@code dimension}
     * wide); nothing for a single model.
     */
    static long ensembleBytes(int tracks, int dimension, int members, int copies) {
        return members <= 1 ? 0
                : (long) members * copies * vectorBytes(tracks, dimension) + vectorBytes(tracks, members * dimension);
    }

    /** A float vector per track as the evaluation scores them: the rows, then the scorer's table. */
    static long vectorBytes(int tracks, int dimension) {
        return 2L * tracks * (16L + (long) Float.BYTES * dimension);
    }

    /**
     * GDS's own estimate ({@code bytesMax}) of a procedure on a fictive graph of {@code nodes} nodes and
     * {@code relationships} undirected relationships (stored twice), or -1 when GDS cannot estimate it. Run in a
     * transaction of its own: a failing call must not mark the benchmark's transaction for rollback.
     */
    static long gdsEstimate(GraphDatabaseService db, String procedure, int nodes, long relationships,
                            Map<String, Object> graphSettings, Map<String, Object> config) {
        Map<String, Object> graph = new java.util.LinkedHashMap<>(graphSettings);
        graph.put("nodeCount", (long) nodes);
        graph.put("relationshipCount", 2 * relationships);
        graph.putIfAbsent("nodeProjection", "*");
        graph.putIfAbsent("relationshipProjection", "*");
        try {
            return db.executeTransactionally("CALL " + procedure + "($graph, $config) YIELD bytesMax RETURN bytesMax",
                    Map.of("graph", graph, "config", config),
                    r -> r.hasNext() ? ((Number) r.next().get("bytesMax")).longValue() : -1L);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** GDS's estimate of holding the projected graph (nodes, both directions of each relationship, the weight). */
    static long gdsGraphEstimate(GraphDatabaseService db, int nodes, long relationships) {
        try {
            return db.executeTransactionally("CALL gds.graph.project.estimate('*', '*', {nodeCount: $n, "
                    + "relationshipCount: $m, relationshipProperties: 'weight'}) YIELD bytesMax RETURN bytesMax",
                    Map.of("n", (long) nodes, "m", 2 * relationships),
                    r -> r.hasNext() ? ((Number) r.next().get("bytesMax")).longValue() : -1L);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
