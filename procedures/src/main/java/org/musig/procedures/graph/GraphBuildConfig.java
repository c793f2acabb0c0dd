package org.musig.procedures.graph;

import java.util.Map;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;
import org.musig.loaders.GraphModel;

/**
 * Settings of {@code musig.graph.build}; what each means is in its declaration.
 *
 * @param writeRelationshipType relationship type written between tracks, or null to write nothing
 * @param excludeMemberships    name of a stored split whose held-out memberships the build must not see, or null
 */
record GraphBuildConfig(String graphName, int minWeight, String writeRelationshipType, String excludeMemberships,
                        int concurrency, int batchSize, boolean project, Map<String, Object> echo) {
    static final String OWNER = "musig.graph.build";
    static final String DEFAULT_GRAPH = "musig";
    static final String DEFAULT_TYPE = "CO_OCCURS";
    private static final Setting<String> GRAPH_NAME = Setting.nonEmptyString("graphName", DEFAULT_GRAPH,
            "name in MUSIG's and GDS's catalogs (an existing graph of that name is replaced)");
    private static final Setting<Integer> MIN_WEIGHT = Setting.integer("minWeight", 10, 1, Integer.MAX_VALUE,
            "keep pairs co-appearing in at least this many playlists (the paper's 10)");
    // An explicit null means "do not write"; an absent key means the default type.
    private static final Setting<String> WRITE_RELATIONSHIP_TYPE = Setting.of("writeRelationshipType", String.class,
            DEFAULT_TYPE, (config, key) -> config.givenAsNull(key) ? null : config.getIdentifier(key, DEFAULT_TYPE),
            "type written between tracks; `null` writes nothing (and so projects nothing into GDS)")
            .check(type -> GraphModel.CONTAINS.name().equals(type) ? "writeRelationshipType must be a non-empty type "
                    + "other than " + GraphModel.CONTAINS.name() + " (or null to write nothing), got '" + type + "'"
                    : null);
    private static final Setting<String> EXCLUDE_MEMBERSHIPS = Setting.string("excludeMemberships", null,
            "a split name: its held-out memberships count for nothing - no edge weight, no popularity, no genre vote")
            .shownAs("none");
    private static final Setting<Integer> CONCURRENCY = Setting.integer("concurrency",
            Math.min(4, Runtime.getRuntime().availableProcessors()), 1, 64, "counting threads")
            .shownAs("min(4, cores)");
    private static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize", 10_000, 1, 1_000_000,
            "relationship changes per write transaction");
    private static final Setting<Boolean> PROJECT = Setting.bool("project", true,
            "project into GDS when it is installed");
    static final Settings SETTINGS = Settings.of(OWNER, GRAPH_NAME, MIN_WEIGHT, WRITE_RELATIONSHIP_TYPE,
            EXCLUDE_MEMBERSHIPS, CONCURRENCY, BATCH_SIZE, PROJECT);

    static GraphBuildConfig parse(Map<String, Object> raw) {
        Settings.Values values = SETTINGS.parse(raw);
        return new GraphBuildConfig(values.get(GRAPH_NAME), values.get(MIN_WEIGHT), values.get(WRITE_RELATIONSHIP_TYPE),
                values.get(EXCLUDE_MEMBERSHIPS), values.get(CONCURRENCY), values.get(BATCH_SIZE), values.get(PROJECT),
                values.echo());
    }
}
