package org.musig.procedures.recommend;

import java.util.Map;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;

/** Settings of {@code musig.explain}; what each means is in its declaration. */
record ExplainConfig(int k, String property, String relationshipType) {
    static final String OWNER = "musig.explain";
    private static final Setting<Integer> K = Setting.integer("k", 5, 1, 1000,
            "how many playlist tracks to show (those contributing most)");
    private static final Setting<String> PROPERTY = Setting.identifier("property", "musig",
            "the embedding property (as in `musig.recommend`)");
    private static final Setting<String> RELATIONSHIP_TYPE = Setting.identifier("relationshipType", "CO_OCCURS",
            "the co-occurrence relationship `musig.graph.build` wrote");
    static final Settings SETTINGS = Settings.of(OWNER, K, PROPERTY, RELATIONSHIP_TYPE);

    static ExplainConfig parse(Map<String, Object> raw) {
        Settings.Values values = SETTINGS.parse(raw);
        return new ExplainConfig(values.get(K), values.get(PROPERTY), values.get(RELATIONSHIP_TYPE));
    }
}
