package org.musig.procedures.recommend;

import java.util.Map;
import org.musig.common.config.ConfigMap;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;

/**
 * Settings of {@code musig.recommend}, {@code musig.recommend.fromTracks} and {@code musig.similar}; what each
 * means is in its declaration.
 */
record RecommendConfig(int k, String property, boolean excludeSeed, UseIndex useIndex) {

    /** Whether the answer comes from a Neo4j vector index: users write 'auto', true or false. */
    enum UseIndex {
        AUTO, REQUIRED, NEVER
    }

    private static final Setting<Integer> K = Setting.integer("k", 10, 1, 10_000, "tracks returned (1 to 10,000)");
    private static final Setting<String> PROPERTY = Setting.identifier("property", "musig",
            "the Track property holding the embeddings (any float[]/double[] property, e.g. one GDS wrote)");
    private static final Setting<Boolean> EXCLUDE_SEED = Setting.bool("excludeSeed", true, "leave the seed tracks out");
    private static final Setting<UseIndex> USE_INDEX = Setting.of("useIndex", UseIndex.class, UseIndex.AUTO,
            RecommendConfig::useIndex, "`'auto'`: use an online Neo4j vector index over `(:Track).property` "
                    + "when there is one; `true`: require it; `false`: always brute force")
            .shownAs("`'auto'`");
    /** The settings of all three procedures, under musig.recommend's name (each parse names its own). */
    static final Settings SETTINGS = Settings.of("musig.recommend", K, PROPERTY, EXCLUDE_SEED, USE_INDEX);

    static RecommendConfig parse(String owner, Map<String, Object> raw) {
        Settings.Values values = SETTINGS.ownedBy(owner).parse(raw);
        return new RecommendConfig(values.get(K), values.get(PROPERTY), values.get(EXCLUDE_SEED),
                values.get(USE_INDEX));
    }

    private static UseIndex useIndex(ConfigMap config, String key) {
        Object value = config.given(key);
        if (value == null || "auto".equals(value)) {
            return UseIndex.AUTO;
        }
        if (value instanceof Boolean b) {
            return b ? UseIndex.REQUIRED : UseIndex.NEVER;
        }
        throw new IllegalArgumentException(config.owner() + ": configuration key 'useIndex' must be true, false or "
                + "'auto', got " + value);
    }
}
