package org.musig.procedures.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.loaders.GraphModel;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.TrackFeatures;
import org.neo4j.graphdb.Transaction;

/**
 * The GDS side of a build, through Cypher only ({@code gds.graph.project} on the written relationships),
 * so GDS stays an optional peer: without it a build still succeeds and says the projection was skipped.
 * Tracks are projected with their audio/acoustic vectors (all zeros for tracks without one, as GDS needs a
 * value on every node); the relationships UNDIRECTED with their weight, so GDS counts each edge twice.
 */
public final class GdsProjection {
    /** What the projection produced; {@code projected} false when skipped. */
    record Outcome(boolean projected, long nodeCount, long relationshipCount, long millis) {
        static final Outcome SKIPPED = new Outcome(false, 0, 0, 0);
    }

    private GdsProjection() {
    }

    /**
     * True when the server has GDS's projection procedure. Asked with Cypher ({@code SHOW PROCEDURES}, which
     * every user may run) rather than Neo4j's internal procedure registry, which only an unrestricted
     * procedure could reach.
     */
    public static boolean available(Transaction tx) {
        return hasProcedure(tx, "gds.graph.project");
    }

    /** Whether the server has the procedure {@code name} (e.g. one that only later GDS versions have). */
    public static boolean hasProcedure(Transaction tx, String name) {
        try (var result = tx.execute("SHOW PROCEDURES YIELD name WHERE name = $name RETURN count(*) AS found",
                Map.of("name", name))) {
            return ((Number) result.next().get("found")).longValue() > 0;
        }
    }

    static Outcome project(Transaction tx, String graphName, String relationshipType, TrackFeatures features) {
        long start = System.currentTimeMillis();
        drop(tx, graphName);
        Map<String, Object> nodeProperties = new LinkedHashMap<>();
        for (String group : List.of(TrackFeatures.AUDIO, TrackFeatures.ACOUSTIC)) {
            FeatureGroup values = features.group(group);
            if (values != null) {
                nodeProperties.put(group, Map.of("property", group, "defaultValue", zeros(values.dimension())));
            }
        }
        Map<String, Object> nodes = Map.of(GraphModel.TRACK.name(), Map.of("properties", nodeProperties));
        Map<String, Object> relationships = Map.of(relationshipType, Map.of("type", relationshipType,
                "orientation", "UNDIRECTED", "properties", Map.of(CooccurrenceWriter.WEIGHT,
                        Map.of("property", CooccurrenceWriter.WEIGHT, "defaultValue", 1.0))));
        try (var result = tx.execute("CALL gds.graph.project($name, $nodes, $relationships) "
                + "YIELD nodeCount, relationshipCount RETURN nodeCount, relationshipCount",
                Map.of("name", graphName, "nodes", nodes, "relationships", relationships))) {
            Map<String, Object> row = result.next();
            return new Outcome(true, ((Number) row.get("nodeCount")).longValue(),
                    ((Number) row.get("relationshipCount")).longValue(), System.currentTimeMillis() - start);
        }
    }

    /** Drops the GDS graph of that name if there is one. */
    public static void drop(Transaction tx, String graphName) {
        // Procedure calls are lazy: the result must be consumed for the drop to happen.
        try (var result = tx.execute("CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName",
                Map.of("name", graphName))) {
            result.forEachRemaining(row -> {});
        }
    }

    static boolean exists(Transaction tx, String graphName) {
        try (var result =
                tx.execute("CALL gds.graph.exists($name) YIELD exists RETURN exists", Map.of("name", graphName))) {
            return Boolean.TRUE.equals(result.next().get("exists"));
        }
    }

    private static List<Double> zeros(int n) {
        return java.util.Collections.nCopies(n, 0.0);
    }
}
