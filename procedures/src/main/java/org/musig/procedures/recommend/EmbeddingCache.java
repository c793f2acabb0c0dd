package org.musig.procedures.recommend;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.musig.loaders.GraphModel;
import org.musig.model.rank.VectorTable;
import org.musig.procedures.PropertyValues;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.storageengine.api.TransactionIdStore;

/**
 * The normalised embedding matrix of one Track property, cached per database and property so a
 * recommendation is one pass over a float[] (milliseconds for tens of thousands of tracks) instead of a
 * property read per track. The cache is tagged with the database's last committed transaction id and
 * rebuilt when anything has been committed since, so it is never stale (a write anywhere costs the next
 * query a rebuild: about a second per 500K tracks).
 *
 * <p>A property being rewritten is pinned ({@link #pin}): {@code musig.embed.write} commits in batches, so
 * between its first and last commit the store holds old vectors on some tracks and new ones on others. While
 * a pin is held, every reader gets the matrix as it was before the write began, and the first read after the
 * last pin is released rebuilds from the new vectors: an answer uses old or new vectors, never a mix.
 */
public final class EmbeddingCache {
    private static final Map<String, Embeddings> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Integer> PINS = new ConcurrentHashMap<>();
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

    /** The vectors of one property: row i belongs to node {@code nodeIds[i]} (ascending). */
    public record Embeddings(long version, String property, long[] nodeIds, VectorTable table, long skipped) {
        /** The row of a node, or -1 when it has no vector. */
        public int row(long nodeId) {
            int i = Arrays.binarySearch(nodeIds, nodeId);
            return i >= 0 ? i : -1;
        }
    }

    private EmbeddingCache() {
    }

    public static Embeddings get(GraphDatabaseAPI db, Transaction tx, String property) {
        String key = key(db, property);
        synchronized (lock(key)) {
            Embeddings cached = CACHE.get(key);
            if (cached != null && PINS.containsKey(key)) {
                return cached;
            }
            long version = lastCommitted(db);
            if (cached != null && cached.version() == version) {
                return cached;
            }
            Embeddings fresh = load(tx, property, version);
            CACHE.put(key, fresh);
            return fresh;
        }
    }

    /**
     * Freezes what readers of {@code property} see until the returned pin is closed. Call it before the first
     * write to the property: the matrix it keeps (built now, in a transaction of its own, if the cached one is
     * stale) is the committed state before the write.
     */
    public static Pin pin(GraphDatabaseAPI db, String property) {
        String key = key(db, property);
        synchronized (lock(key)) {
            Embeddings cached = CACHE.get(key);
            if (!PINS.containsKey(key)) {
                long version = lastCommitted(db);
                if (cached == null || cached.version() != version) {
                    try (Transaction read = db.beginTx()) {
                        CACHE.put(key, load(read, property, version));
                    }
                }
            }
            PINS.merge(key, 1, Integer::sum);
        }
        return new Pin(key);
    }

    /** Whether a write to {@code property} holds a pin, so readers must not look at the store's vectors. */
    public static boolean isPinned(GraphDatabaseAPI db, String property) {
        return PINS.containsKey(key(db, property));
    }

    /** Releases the readers' snapshot; closing twice is harmless. */
    public static final class Pin implements AutoCloseable {
        private final String key;
        private boolean closed;

        private Pin(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            synchronized (lock(key)) {
                if (!closed) {
                    closed = true;
                    PINS.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
                }
            }
        }
    }

    private static Object lock(String key) {
        return LOCKS.computeIfAbsent(key, k -> new Object());
    }

    private static String key(GraphDatabaseAPI db, String property) {
        return db.databaseName() + "\u0000" + property;
    }

    private static long lastCommitted(GraphDatabaseAPI db) {
        return db.getDependencyResolver().resolveDependency(TransactionIdStore.class).getLastCommittedTransactionId();
    }

    @SuppressWarnings("deprecation")
    private static Embeddings load(Transaction tx, String property, long version) {
        long[] ids = new long[1024];
        float[][] vectors = new float[1024][];
        int n = 0;
        int dimension = -1;
        long skipped = 0;
        try (ResourceIterator<Node> tracks = tx.findNodes(GraphModel.TRACK)) {
            while (tracks.hasNext()) {
                Node track = tracks.next();
                float[] vector = PropertyValues.floatVector(track.getProperty(property, null));
                if (vector == null) {
                    continue;
                }
                if (dimension < 0) {
                    dimension = vector.length;
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
        return new Embeddings(version, property, sortedIds, VectorTable.of(sortedVectors), skipped);
    }
}
