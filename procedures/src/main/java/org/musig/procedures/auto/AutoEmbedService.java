package org.musig.procedures.auto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.musig.procedures.state.DatabaseScopes;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.database.NamedDatabaseId;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.InternalLog;

/**
 * The {@code musig.embed.auto} registrations of one database. Created when the database starts (by
 * {@link AutoEmbedExtensionFactory}) and shut down when it stops, so no listener or thread outlives it;
 * the procedures find it by database.
 */
final class AutoEmbedService {
    /**
     * Keyed by database id (name and UUID), as {@link DatabaseScopes} keys the rest of MUSIG's state: a JVM may
     * run several DBMSs with a database of the same name (tests), and a database created again under a
     * dropped one's name has a new UUID.
     */
    private static final Map<NamedDatabaseId, AutoEmbedService> SERVICES = new ConcurrentHashMap<>();

    private final GraphDatabaseAPI db;
    private final DatabaseManagementService dbms;
    private final InternalLog log;
    private final Map<String, AutoEmbedder> byModel = new ConcurrentHashMap<>();
    private volatile boolean shutDown;

    AutoEmbedService(GraphDatabaseAPI db, DatabaseManagementService dbms, InternalLog log) {
        this.db = db;
        this.dbms = dbms;
        this.log = log;
    }

    /** The service of the procedure's database. */
    static AutoEmbedService of(GraphDatabaseService db) {
        AutoEmbedService service = SERVICES.get(DatabaseScopes.idOf(db));
        if (service == null) {
            throw new IllegalStateException("musig.embed.auto is not available in database '" + db.databaseName()
                    + "': its extension (" + AutoEmbedExtensionFactory.class.getName() + ", listed in the plugin "
                    + "jar's META-INF/services) was not loaded");
        }
        return service;
    }

    void open() {
        SERVICES.put(db.databaseId(), this);
    }

    /** Registers the stored registrations (at database start). */
    void restore() {
        List<AutoEmbedConfig> stored;
        try (Transaction tx = db.beginTx()) {
            stored = AutoEmbedStore.list(tx);
        }
        for (AutoEmbedConfig config : stored) {
            synchronized (this) {
                if (!shutDown && !byModel.containsKey(config.modelName())) {
                    register(config);
                    log.info("musig.embed.auto: re-registered model '" + config.modelName() + "' -> "
                            + config.writeProperty());
                }
            }
        }
    }

    /** Registers {@code config}, replacing (after its running job) a registration for the same model. */
    synchronized AutoEmbedder start(AutoEmbedConfig config) {
        if (shutDown) {
            throw new IllegalStateException("database '" + db.databaseName() + "' is shutting down");
        }
        AutoEmbedder old = byModel.remove(config.modelName());
        if (old != null) {
            unregister(old, false);
        }
        return register(config);
    }

    /**
     * Stops the registration of {@code modelName}, or all of them when it is null; returns the stopped ones.
     *
     * @throws IllegalArgumentException naming the registered models when {@code modelName} has none
     */
    synchronized List<AutoEmbedder> stop(String modelName) {
        List<AutoEmbedder> stopped = new ArrayList<>();
        if (modelName == null) {
            stopped.addAll(byModel.values());
            byModel.clear();
        } else {
            AutoEmbedder embedder = byModel.remove(modelName);
            if (embedder == null) {
                throw new IllegalArgumentException("musig.embed.auto.stop: no registration for model '" + modelName
                        + "'; registered: "
                        + (byModel.isEmpty() ? "none" : byModel.keySet().stream().sorted().toList()));
            }
            stopped.add(embedder);
        }
        stopped.forEach(e -> unregister(e, false));
        return stopped;
    }

    List<AutoEmbedder> list() {
        List<AutoEmbedder> all = new ArrayList<>(byModel.values());
        all.sort((a, b) -> a.config().modelName().compareTo(b.config().modelName()));
        return all;
    }

    /** At database stop: unregisters every listener, aborts running jobs and waits for their threads. */
    synchronized void shutdown() {
        shutDown = true;
        SERVICES.remove(db.databaseId(), this);
        byModel.values().forEach(e -> unregister(e, true));
        byModel.clear();
    }

    private AutoEmbedder register(AutoEmbedConfig config) {
        AutoEmbedder embedder = new AutoEmbedder(db, config, log);
        dbms.registerTransactionEventListener(db.databaseName(), embedder);
        byModel.put(config.modelName(), embedder);
        return embedder;
    }

    private void unregister(AutoEmbedder embedder, boolean abort) {
        try {
            dbms.unregisterTransactionEventListener(db.databaseName(), embedder);
        } catch (RuntimeException e) {
            // The database is going away, and its listeners with it.
            log.debug("musig.embed.auto: unregistering a listener: " + e);
        }
        embedder.stop(abort);
    }
}
