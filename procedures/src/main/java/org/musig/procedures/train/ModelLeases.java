package org.musig.procedures.train;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which models calls in this JVM are working with, per database: a name being trained can't be trained by a
 * second call at the same time, and a model being trained or applied by {@code musig.embed.write/stream}
 * can't be dropped under it (the drop would succeed while the call goes on writing what it computes from it).
 */
final class ModelLeases {
    private static final Set<String> TRAINING = ConcurrentHashMap.newKeySet();
    private static final Map<String, Integer> EMBEDDING = new ConcurrentHashMap<>();

    private ModelLeases() {
    }

    /** A lease that the caller releases with try-with-resources. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    static Lease training(String database, String model) {
        String key = key(database, model);
        if (!TRAINING.add(key)) {
            throw new IllegalStateException("model '" + model + "' is being trained by another call; "
                    + "wait for it or choose another modelName");
        }
        return () -> TRAINING.remove(key);
    }

    /** Applying the stored model doesn't exclude training the same name: a training replaces it only on commit. */
    static Lease embedding(String database, String model) {
        String key = key(database, model);
        EMBEDDING.merge(key, 1, Integer::sum);
        return new Lease() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    EMBEDDING.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
                }
            }
        };
    }

    /** Fails naming what holds the model, if anything does. */
    static void requireUnused(String database, String model) {
        String key = key(database, model);
        if (TRAINING.contains(key)) {
            throw new IllegalStateException("model '" + model + "' is being trained; drop it when that call has finished");
        }
        Integer embedding = EMBEDDING.get(key);
        if (embedding != null) {
            throw new IllegalStateException("model '" + model + "' is being applied by " + embedding + " musig.embed call"
                    + (embedding == 1 ? "" : "s") + "; drop it when " + (embedding == 1 ? "it has" : "they have") + " finished");
        }
    }

    private static String key(String database, String model) {
        return database + "\u0000" + model;
    }
}
