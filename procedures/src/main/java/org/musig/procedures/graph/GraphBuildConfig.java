package org.musig.procedures.graph;

import java.util.List;
import java.util.Map;
import org.musig.loaders.GraphModel;
import org.musig.model.config.ConfigMap;

/**
 * Settings of {@code musig.graph.build}.
 *
 * @param graphName             name in MUSIG's graph catalog and in GDS's
 * @param minWeight             keep pairs co-appearing in at least this many playlists (the paper: 10)
 * @param writeRelationshipType relationship type written between tracks, or null to write nothing
 * @param excludeMemberships    name of a stored split whose held-out memberships the build must not see, or null
 * @param concurrency           counting threads
 * @param batchSize             relationship changes per write transaction
 * @param project               also project the graph into GDS's catalog when GDS is installed
 */
record GraphBuildConfig(String graphName, int minWeight, String writeRelationshipType, String excludeMemberships,
                        int concurrency, int batchSize, boolean project, Map<String, Object> echo) {
    static final String OWNER = "musig.graph.build";
    static final String DEFAULT_GRAPH = "musig";
    static final String DEFAULT_TYPE = "CO_OCCURS";
    private static final List<String> KEYS = List.of("graphName", "minWeight", "writeRelationshipType",
            "excludeMemberships", "concurrency", "batchSize", "project");

    static GraphBuildConfig parse(Map<String, Object> raw) {
        ConfigMap config = ConfigMap.of(OWNER, raw, KEYS);
        String graphName = config.getString("graphName", DEFAULT_GRAPH);
        if (graphName == null || graphName.isBlank()) {
            throw new IllegalArgumentException(OWNER + ": graphName must be a non-empty string");
        }
        int minWeight = config.getInt("minWeight", 10, 1, Integer.MAX_VALUE);
        // An explicit null means "do not write"; an absent key means the default type.
        boolean skipWrite = raw != null && raw.containsKey("writeRelationshipType") && raw.get("writeRelationshipType") == null;
        String type = skipWrite ? null : config.getIdentifier("writeRelationshipType", DEFAULT_TYPE);
        if (type != null && type.equals(GraphModel.CONTAINS.name())) {
            throw new IllegalArgumentException(OWNER + ": writeRelationshipType must be a non-empty type other than "
                    + GraphModel.CONTAINS.name() + " (or null to write nothing), got '" + type + "'");
        }
        String exclude = config.getString("excludeMemberships", null);
        int concurrency = config.getInt("concurrency", Math.min(4, Runtime.getRuntime().availableProcessors()), 1, 64);
        int batchSize = config.getInt("batchSize", 10_000, 1, 1_000_000);
        boolean project = config.getBoolean("project", true);
        Map<String, Object> echo = new java.util.LinkedHashMap<>(config.echo());
        echo.put("writeRelationshipType", type);
        return new GraphBuildConfig(graphName, minWeight, type, exclude, concurrency, batchSize, project, echo);
    }
}
