package org.musig.procedures.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.common.config.ConfigMap;
import org.musig.model.graph.CooccurrenceGraph;
import org.neo4j.graphdb.Transaction;

/**
 * Projects an in-memory co-occurrence graph into GDS with vectors as node properties, through a Cypher aggregation
 * over parameters (node ids, weights, vectors): nothing is read from or written to the store, so a caller's vectors
 * (content vectors, MUSIG's input rows) reach GDS without becoming properties of the user's data. Relationships are
 * undirected with their weight, as {@code musig.graph.build}'s own projection has them; each vector table travels
 * with only the rows of the tracks projected.
 */
public final class GdsVectorProjection {
    private GdsVectorProjection() {
    }

    /** What GDS holds after a projection. */
    public record Projected(long nodeCount, long relationshipCount) {
    }

    /**
     * @param trackNodeIds    the Neo4j node id of each dense track id
     * @param vectorTables    property name (an identifier: it goes into the statement's text) -> one vector per dense
     *                        track id
     * @param owner           the procedure or command to name in an error about a property name
     * @param includeIsolated whether tracks without an edge are projected too (as nodes without relationships)
     */
    public static Projected project(Transaction tx, String graphName, CooccurrenceGraph graph, long[] trackNodeIds,
                                    Map<String, float[][]> vectorTables, String owner, boolean includeIsolated) {
        GdsProjection.drop(tx, graphName);
        int[] row = new int[graph.nodeCount()]; // dense track id -> its row in the vector parameters, -1: none
        Arrays.fill(row, -1);
        List<Integer> projected = new ArrayList<>();
        // Each entry: [source node id, target node id or null, source row, target row, weight].
        List<List<Object>> entries = new ArrayList<>();
        graph.forEachRelationship((a, b, weight) -> entries.add(Arrays.asList(trackNodeIds[a], trackNodeIds[b],
                rowOf(a, row, projected), rowOf(b, row, projected), (double) weight)));
        if (includeIsolated) {
            for (int t = 0; t < row.length; t++) {
                if (row[t] < 0) {
                    entries.add(Arrays.asList(trackNodeIds[t], null, rowOf(t, row, projected), -1, 0.0));
                }
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", graphName);
        params.put("rows", entries);
        StringBuilder source = new StringBuilder();
        StringBuilder target = new StringBuilder();
        for (Map.Entry<String, float[][]> table : vectorTables.entrySet()) {
            String p = ConfigMap.requireIdentifier(owner, "a GDS feature property", table.getKey());
            List<double[]> values = new ArrayList<>(projected.size());
            for (int t : projected) {
                values.add(toDoubles(table.getValue()[t]));
            }
            params.put(p, values);
            source.append(source.isEmpty() ? "" : ", ").append(p).append(": $").append(p).append("[r[2]]");
            target.append(target.isEmpty() ? "" : ", ").append(p).append(": $").append(p).append("[r[3]]");
        }
        String query = "UNWIND $rows AS r WITH gds.graph.project($name, r[0], r[1], {"
                + "sourceNodeProperties: {" + source + "}, "
                + "targetNodeProperties: CASE WHEN r[1] IS NULL THEN null ELSE {" + target + "} END, "
                + "relationshipProperties: CASE WHEN r[1] IS NULL THEN null ELSE {weight: r[4]} END}, "
                + "{undirectedRelationshipTypes: ['*']}) AS g RETURN g.nodeCount AS nodes, "
                + "g.relationshipCount AS relationships";
        try (var result = tx.execute(query, params)) {
            Map<String, Object> counts = result.next();
            return new Projected(((Number) counts.get("nodes")).longValue(),
                    ((Number) counts.get("relationships")).longValue());
        }
    }

    /** Track t's row in the vector parameters, given on its first appearance. */
    private static int rowOf(int t, int[] row, List<Integer> projected) {
        if (row[t] < 0) {
            row[t] = projected.size();
            projected.add(t);
        }
        return row[t];
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
