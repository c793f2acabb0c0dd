package org.musig.procedures.graph;

import java.util.HashMap;
import java.util.Map;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceGraph;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;

/**
 * Makes the stored {@code (:Track)-[:TYPE {weight}]->(:Track)} set equal to a {@link CooccurrenceGraph}:
 * one relationship per undirected edge, from the lower node id to the higher. It changes only what
 * differs - creates missing edges, updates changed weights, deletes edges the graph no longer has (and
 * duplicates or reversed copies) - so rebuilding unchanged data writes nothing, and a rerun after an
 * interrupted write converges to the same set.
 *
 * <p>Commits every {@code batchSize} changes in a transaction of its own (the set can have millions of
 * relationships, more than one transaction should hold); checks for termination between batches.
 */
final class CooccurrenceWriter {
    static final String WEIGHT = "weight";

    /** What a write changed. */
    record Changes(long created, long updated, long deleted, long unchanged) {
    }

    private final GraphDatabaseService db;
    private final RelationshipType type;
    private final int batchSize;
    private final Progress progress;
    private Transaction tx;
    private long pending;
    private long created;
    private long updated;
    private long deleted;
    private long unchanged;

    private CooccurrenceWriter(GraphDatabaseService db, RelationshipType type, int batchSize, Progress progress) {
        this.db = db;
        this.type = type;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    static Changes write(GraphDatabaseService db, String type, int batchSize, CooccurrenceGraph graph,
                         long[] nodeIds, Progress progress) {
        CooccurrenceWriter writer = new CooccurrenceWriter(db, RelationshipType.withName(type), batchSize, progress);
        progress.begin("write " + type + " relationships", graph.nodeCount());
        writer.tx = db.beginTx();
        try {
            for (int source = 0; source < graph.nodeCount(); source++) {
                writer.syncNode(graph, nodeIds, source);
                progress.advance(1);
            }
            writer.tx.commit();
        } finally {
            writer.tx.close();
        }
        return new Changes(writer.created, writer.updated, writer.deleted, writer.unchanged);
    }

    @SuppressWarnings("deprecation")
    private void syncNode(CooccurrenceGraph graph, long[] nodeIds, int source) {
        Node node = tx.getNodeById(nodeIds[source]);
        // Existing outgoing relationships of the type, by target node id; extra copies are deleted at once.
        // Ids, not Relationship objects: a batch may commit in the middle of the node and they would go stale.
        Map<Long, Long> existing = new HashMap<>();
        for (Relationship r : node.getRelationships(Direction.OUTGOING, type)) {
            if (existing.putIfAbsent(r.getEndNode().getId(), r.getId()) != null) {
                r.delete();
                changed(1, 0, 0);
            }
        }
        int end = graph.offset(source + 1);
        for (int i = graph.offset(source); i < end; i++) {
            int target = graph.target(i);
            if (target <= source) {
                continue; // stored once, from the lower id
            }
            long targetId = nodeIds[target];
            long weight = graph.weight(i);
            Long existingId = existing.remove(targetId);
            Relationship r = existingId == null ? null : tx.getRelationshipById(existingId);
            if (r == null) {
                node.createRelationshipTo(tx.getNodeById(targetId), type).setProperty(WEIGHT, weight);
                changed(0, 1, 0);
            } else if (!(r.getProperty(WEIGHT, null) instanceof Number w) || w.longValue() != weight) {
                r.setProperty(WEIGHT, weight);
                changed(0, 0, 1);
            } else {
                unchanged++;
            }
            if (pending >= batchSize) {
                node = commitAndReopen(nodeIds[source]);
            }
        }
        for (long stale : existing.values()) {
            tx.getRelationshipById(stale).delete();
            changed(1, 0, 0);
        }
        if (pending >= batchSize) {
            commitAndReopen(nodeIds[source]);
        } else if (source % 1024 == 0) {
            progress.checkRunning(); // an unchanged rebuild commits nothing, so check here too
        }
    }

    private void changed(long deletions, long creations, long updates) {
        deleted += deletions;
        created += creations;
        updated += updates;
        pending += deletions + creations + updates;
    }

    /** Commits the batch, checks for termination, and returns the node rebound to the new transaction. */
    @SuppressWarnings("deprecation")
    private Node commitAndReopen(long nodeId) {
        tx.commit();
        tx.close();
        pending = 0;
        progress.checkRunning();
        tx = db.beginTx();
        return tx.getNodeById(nodeId);
    }
}
