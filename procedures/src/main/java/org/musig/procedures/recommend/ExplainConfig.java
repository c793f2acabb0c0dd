package org.musig.procedures.recommend;

import java.util.List;
import java.util.Map;
import org.musig.model.config.ConfigMap;

/**
 * Settings of {@code musig.explain}.
 *
 * @param k                 how many seed tracks to show (those contributing most)
 * @param property          the Track property holding the embeddings
 * @param relationshipType  the co-occurrence relationship written by musig.graph.build
 */
record ExplainConfig(int k, String property, String relationshipType) {
    static final String OWNER = "musig.explain";

    static ExplainConfig parse(Map<String, Object> raw) {
        ConfigMap config = ConfigMap.of(OWNER, raw, List.of("k", "property", "relationshipType"));
        int k = config.getInt("k", 5, 1, 1000);
        String property = config.getIdentifier("property", "musig");
        String type = config.getIdentifier("relationshipType", "CO_OCCURS");
        return new ExplainConfig(k, property, type);
    }
}
