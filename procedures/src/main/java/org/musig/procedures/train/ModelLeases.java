package org.musig.procedures.train;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.musig.procedures.state.DatabaseScoped;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Which models calls are working with in one database (per database instance, so a database created again
 * under the same name starts with none): a name being trained can't be trained by a second call at the
 * same time, and a model being trained or applied by {@code musig.embed.write/stream}
 * can't be dropped under it (the drop would succeed while the call goes on writing what it computes from it).
 */
final class ModelLeases {
    private static final DatabaseScoped<ModelLeases> DATABASES = new DatabaseScoped<>(ModelLeases.class,
            scope -> new ModelLeases());

    private final Set<String> training = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> embedding = new ConcurrentHashMap<>();

    private ModelLeases() {
    }

    /** The leases of the procedure's database. */
    static ModelLeases of(GraphDatabaseService db) {
        return DATABASES.of(db);
    }

    /** A lease that the caller releases with try-with-resources. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    Lease training(String model) {
        if (!training.add(model)) {
            throw new IllegalStateException("model '" + model + "' is being trained by another call; "
                    + "wait for it or choose another modelName");
        }
        return () -> training.remove(model);
    }

    /** Applying the stored model doesn't exclude training the same name: a training replaces it only on commit. */
    Lease embedding(String model) {
        embedding.merge(model, 1, Integer::sum);
        return new Lease() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    embedding.computeIfPresent(model, (k, n) -> n <= 1 ? null : n - 1);
                }
            }
        };
    }

    /** Fails naming what holds the model, if anything does. */
    void requireUnused(String model) {
        if (training.contains(model)) {
            throw new IllegalStateException(
                    "model '" + model + "' is being trained; drop it when that call has finished");
        }
        Integer applying = embedding.get(model);
        if (applying != null) {
            throw new IllegalStateException(
                    "model '" + model + "' is being applied by " + applying + " musig.embed call"
                            + (applying == 1 ? "" : "s") + "; drop it when " + (applying == 1 ? "it has" : "they have")
                            + " finished");
        }
    }
}
