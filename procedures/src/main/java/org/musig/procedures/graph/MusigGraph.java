package org.musig.procedures.graph;

import java.time.ZonedDateTime;
import java.util.Map;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.TrackFeatures;

/**
 * A built graph as kept in memory for training: the CSR graph, the feature table, and the mapping from
 * dense track ids back to Neo4j nodes. Immutable.
 *
 * @param trackNodeIds        Neo4j node id per dense track id, ascending
 * @param excludedSplit       the split whose held-out memberships were left out, or null
 * @param relationshipType    the type written to the store, or null when nothing was written
 * @param gdsGraphName        the GDS graph projected from it, or null
 */
public record MusigGraph(String databaseName, String name, CooccurrenceGraph graph, TrackFeatures features,
                         long[] trackNodeIds, String excludedSplit, String relationshipType, String gdsGraphName,
                         long excludedMemberships, ZonedDateTime createdAt, Map<String, Object> configuration) {

    public long memoryBytes() {
        long memberships = features.memberships() == null ? 0 : features.memberships().memoryBytes();
        return graph.memoryBytes() + features.memoryBytes() + memberships + 16 + 8L * trackNodeIds.length;
    }
}
