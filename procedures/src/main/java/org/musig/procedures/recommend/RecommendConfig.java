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
 * @param useIndex    'auto' (a vector index over the property when one is online), 'true' (required), 'false'
 */
record RecommendConfig(int k, String property, boolean excludeSeed, String useIndex) {

    static RecommendConfig parse(String owner, Map<String, Object> raw) {
        ConfigMap config = ConfigMap.of(owner, raw, List.of("k", "property", "excludeSeed", "useIndex"));
        int k = config.getInt("k", 10, 1, 10_000);
        String property = config.getIdentifier("property", "musig");
        Object index = raw == null ? null : raw.get("useIndex");
        String useIndex;
        if (index == null || "auto".equals(index)) {
            useIndex = "auto";
        } else if (index instanceof Boolean b) {
            useIndex = b ? "true" : "false";
        } else {
            throw new IllegalArgumentException(owner + ": configuration key 'useIndex' must be true, false or 'auto', got " + index);
        }
        return new RecommendConfig(k, property, config.getBoolean("excludeSeed", true), useIndex);
    }
}
