package org.musig.procedures.recommend;

import java.util.List;
import java.util.Map;
import org.musig.model.config.ConfigMap;

/**
 * Settings of {@code musig.recommend}, {@code musig.recommend.fromTracks} and {@code musig.similar}.
 *
 * @param k           how many tracks to return
 * @param property    the Track property holding the embeddings
 * @param excludeSeed leave the seed tracks out of the answer
 */
record RecommendConfig(int k, String property, boolean excludeSeed) {

    static RecommendConfig parse(String owner, Map<String, Object> raw) {
        ConfigMap config = ConfigMap.of(owner, raw, List.of("k", "property", "excludeSeed"));
        int k = config.getInt("k", 10, 1, 10_000);
        String property = config.getString("property", "musig");
        if (property == null || property.isBlank()) {
            throw new IllegalArgumentException(owner + ": property must be a non-empty string");
        }
        return new RecommendConfig(k, property, config.getBoolean("excludeSeed", true));
    }
}
