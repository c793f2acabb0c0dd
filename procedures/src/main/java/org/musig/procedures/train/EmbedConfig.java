package org.musig.procedures.train;

import java.util.List;
import java.util.Map;
import org.musig.model.config.ConfigMap;

/**
 * Settings of {@code musig.embed.write} and {@code musig.embed.stream}.
 *
 * @param owner         the procedure, for messages
 * @param tracks        'all', or 'missing': only tracks without {@code writeProperty} (e.g. added after training)
 * @param trackIds      stream only these Track ids (empty: every track chosen by {@code tracks})
 * @param createIndex   after writing, create (if missing) a cosine vector index over the property and wait for it
 */
record EmbedConfig(String owner, String modelName, String writeProperty, String tracks, List<String> trackIds, int batchSize,
                   int concurrency, boolean createIndex, Map<String, Object> echo) {

    static EmbedConfig parse(String owner, Map<String, Object> raw, boolean write) {
        List<String> keys = write
                ? List.of("modelName", "writeProperty", "tracks", "batchSize", "concurrency", "createIndex")
                : List.of("modelName", "tracks", "writeProperty", "trackIds", "concurrency");
        ConfigMap config = ConfigMap.of(owner, raw, keys);
        String modelName = config.getString("modelName", "musig");
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException(owner + ": modelName must be a non-empty string");
        }
        String property = config.getIdentifier("writeProperty", "musig"); // also names the vector index
        String tracks = config.getChoice("tracks", "all", List.of("all", "missing"));
        List<String> trackIds = write ? List.of() : config.getStringList("trackIds", List.of());
        int batchSize = write ? config.getInt("batchSize", 10_000, 1, 1_000_000) : 0;
        int concurrency = config.getInt("concurrency", Math.min(4, Runtime.getRuntime().availableProcessors()), 1, 64);
        boolean createIndex = write && config.getBoolean("createIndex", false);
        return new EmbedConfig(owner, modelName, property, tracks, trackIds, batchSize, concurrency, createIndex, config.echo());
    }
}
