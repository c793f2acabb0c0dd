package org.musig.procedures.evaluate;

import java.util.List;
import java.util.Map;
import org.musig.model.config.ConfigMap;

/**
 * Settings of {@code musig.evaluate}.
 *
 * @param split          the stored split whose held-out tracks are to be found
 * @param properties     embedding properties to evaluate, one result row each
 * @param negatives      where negatives come from: see {@link SplitReader#negativePool}
 * @param fullCatalogue  also rank every track not in the seed (R-precision, NDCG, Recall@100)
 */
record EvaluateConfig(String split, List<String> properties, String negatives, long randomSeed,
                      boolean fullCatalogue, Map<String, Object> echo) {
    static final String OWNER = "musig.evaluate";

    static EvaluateConfig parse(Map<String, Object> raw) {
        ConfigMap config = ConfigMap.of(OWNER, raw, List.of("split", "properties", "negatives", "randomSeed",
                "fullCatalogue"));
        String split = config.getString("split", null);
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException(OWNER + ": 'split' is required: the name of a split made with musig.split.create");
        }
        List<String> properties = config.getIdentifierList("properties", List.of("musig"));
        if (properties.isEmpty()) {
            throw new IllegalArgumentException(OWNER + ": 'properties' must name at least one embedding property");
        }
        String negatives = config.getChoice("negatives", SplitReader.NEGATIVES.get(0), SplitReader.NEGATIVES);
        long seed = config.getLong("randomSeed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        boolean full = config.getBoolean("fullCatalogue", true);
        return new EvaluateConfig(split, properties, negatives, seed, full, config.echo());
    }
}
