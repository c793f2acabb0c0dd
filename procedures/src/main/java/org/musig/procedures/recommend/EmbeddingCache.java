package org.musig.procedures.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.musig.model.rank.VectorTable;
import org.musig.procedures.state.DatabaseScoped;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * The normalised embedding matrices of a database's Track properties, so a recommendation is one pass over a
 * float[] (milliseconds for tens of thousands of tracks) instead of a property read per track.
 *
 * <ul>
 *   <li><b>Per database instance</b>, released when it stops (matrices hold node ids).</li>
 *   <li><b>Bounded</b>: at most {@link #MAX_PROPERTIES} properties (default 4); building another drops
 *       the least recently used. A build is refused, naming both numbers, when it would not fit in the free heap.</li>
 *   <li><b>Never stale, rebuilt only when needed</b>: a matrix is tagged with its property's version from
 *       {@link PropertyVersions}, which only commits touching that property (or Track labels) change; any
 *       other write leaves it valid.</li>
 * </ul>
 *
 * <p>A property being rewritten is pinned ({@link #pin}): {@code musig.embed.write} commits in batches, so
 * between its first and last commit the store holds old vectors on some tracks and new ones on others. While
 * a pin is held, every reader gets the matrix as it was before the write began (it is never evicted), and the
 * first read after the last pin is released rebuilds from the new vectors: an answer uses old or new vectors,
 * never a mix.
 */
public final class EmbeddingCache implements AutoCloseable {
    /**
     * The JVM option that bounds the cache (neo4j.conf: {@code server.jvm.additional=-Dmusig.recommend.cacheProperties=8}).
     * Neo4j accepts no setting outside its own namespaces in neo4j.conf, so the bound is a system property.
     */
    static final String MAX_PROPERTIES = "musig.recommend.cacheProperties";
    static final int DEFAULT_MAX_PROPERTIES = 4;

    private static final DatabaseScoped<EmbeddingCache> DATABASES = new DatabaseScoped<>(EmbeddingCache.class,
            scope -> new EmbeddingCache(scope.db(), scope.dbms(),
                    Math.max(1, Integer.getInteger(MAX_PROPERTIES, DEFAULT_MAX_PROPERTIES))));

    /** The vectors of one property: row i belongs to node {@code nodeIds[i]} (ascending). */
    public record Embeddings(long version, String property, long[] nodeIds, VectorTable table, long skipped) {
        /** The row of a node, or -1 when it has no vector. */
        public int row(long nodeId) {
            int i = Arrays.binarySearch(nodeIds, nodeId);
            return i >= 0 ? i : -1;
        }
    }

    private final GraphDatabaseService db;
    private final DatabaseManagementService dbms;
    private final int capacity;
    private final PropertyVersions versions = new PropertyVersions();
    /** One build at a time per property; other properties build meanwhile. */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicLong builds = new AtomicLong();
    // Guarded by this; held only for map updates, never during a build.
    private final LinkedHashMap<String, Embeddings> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> pins = new HashMap<>();
    private boolean listening;
    private boolean closed;

    private EmbeddingCache(GraphDatabaseService db, DatabaseManagementService dbms, int capacity) {
        this.db = db;
        this.dbms = dbms;
        this.capacity = capacity;
    }

    /** The cache of the procedure's database. */
    public static EmbeddingCache of(GraphDatabaseService db) {
        return DATABASES.of(db);
    }

    /** The current matrix of {@code property}, built (in {@code tx}) if there is none or it is out of date. */
    public Embeddings get(Transaction tx, String property) {
        synchronized (lock(property)) {
            Embeddings cached = cached(property);
            if (cached != null && isPinned(property)) {
                return cached;
            }
            long version = watch(property);
            if (cached != null && cached.version() == version) {
                return cached;
            }
            return build(tx, property, version);
        }
    }

    /**
     * Freezes what readers of {@code property} see until the returned pin is closed. Call it before the first
     * write to the property: the matrix it keeps (built now, in a transaction of its own, if the cached one is
     * stale) is the committed state before the write.
     */
    public Pin pin(String property) {
        synchronized (lock(property)) {
            if (!isPinned(property)) {
                long version = watch(property);
                Embeddings cached = cached(property);
                if (cached == null || cached.version() != version) {
                    try (Transaction read = db.beginTx()) {
                        build(read, property, version);
                    }
                }
            }
            synchronized (this) {
                pins.merge(property, 1, Integer::sum);
            }
        }
        return new Pin(property);
    }

    /** Whether a write to {@code property} holds a pin, so readers must not look at the store's vectors. */
    public synchronized boolean isPinned(String property) {
        return pins.containsKey(property);
    }

    /** Releases the readers' snapshot; closing twice is harmless. */
    public final class Pin implements AutoCloseable {
        private final String property;
        private boolean closed;

        private Pin(String property) {
            this.property = property;
        }

        @Override
        public void close() {
            synchronized (EmbeddingCache.this) {
                if (!closed) {
                    closed = true;
                    pins.computeIfPresent(property, (k, n) -> n == 1 ? null : n - 1);
                }
            }
        }
    }

    /** How many matrices this cache has built (tests: unrelated writes must not cause one). */
    long builds() {
        return builds.get();
    }

    /** The cached properties, least recently used first. */
    synchronized List<String> properties() {
        return new ArrayList<>(entries.keySet());
    }

    /** At database stop: no listener outlives the database, and the matrices go. */
    @Override
    public synchronized void close() {
        closed = true;
        entries.clear();
        if (listening) {
            listening = false;
            try {
                dbms.unregisterTransactionEventListener(db.databaseName(), versions);
            } catch (RuntimeException e) {
                // The database is going away, and its listeners with it.
            }
        }
    }

    private Embeddings build(Transaction tx, String property, long version) {
        forget(property); // a stale matrix need not stay in the heap while its successor is built
        Embeddings fresh = EmbeddingLoader.load(tx, property, version);
        builds.incrementAndGet();
        store(fresh);
        return fresh;
    }

    /** Its version, watching the property (and listening to commits) from now on. */
    private synchronized long watch(String property) {
        if (!listening && !closed) {
            // Registered at the first build only: a database where no matrix was ever built pays nothing per commit.
            dbms.registerTransactionEventListener(db.databaseName(), versions);
            listening = true;
        }
        return versions.watch(property);
    }

    private synchronized Embeddings cached(String property) {
        return entries.get(property); // counts as a use for the LRU order
    }

    private synchronized void forget(String property) {
        if (!pins.containsKey(property)) {
            entries.remove(property);
        }
    }

    /** Adds the matrix, then drops the least recently used unpinned ones beyond the cap. */
    private synchronized void store(Embeddings fresh) {
        if (closed) {
            return;
        }
        entries.put(fresh.property(), fresh);
        Iterator<String> eldest = entries.keySet().iterator();
        while (entries.size() > capacity && eldest.hasNext()) {
            String property = eldest.next();
            if (!property.equals(fresh.property()) && !pins.containsKey(property)) {
                eldest.remove();
                versions.unwatch(property);
            }
        }
    }

    private Object lock(String property) {
        return locks.computeIfAbsent(property, k -> new Object());
    }
}
