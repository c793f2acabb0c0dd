package org.musig.procedures.train;

import java.util.Arrays;
import org.musig.common.progress.Progress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Transaction;

/**
 * Writes embeddings as float[] node properties, committing every {@code batchSize} nodes (one transaction
 * for 572K vectors would hold them all in transaction state twice). All or nothing for the caller: when a
 * batch fails or the call is terminated, the values the committed batches replaced are put back before the
 * error goes on, so a stopped write leaves the property as it was. Only a crash of the process itself can
 * leave part of the tracks with new vectors; running the write again completes it.
 */
final class EmbeddingWriter {
    private EmbeddingWriter() {
    }

    @SuppressWarnings("deprecation")
    static long write(GraphDatabaseService db, String property, int batchSize, long[] nodeIds, float[][] vectors,
                      Progress progress) {
        progress.begin("write " + property, nodeIds.length);
        Object[] previous = new Object[nodeIds.length]; // what each committed batch replaced (null: no value)
        int committed = 0;
        try {
            for (int from = 0; from < nodeIds.length; from += batchSize) {
                int to = Math.min(nodeIds.length, from + batchSize);
                try (Transaction tx = db.beginTx()) {
                    for (int i = from; i < to; i++) {
                        Node node = tx.getNodeById(nodeIds[i]);
                        previous[i] = node.getProperty(property, null);
                        node.setProperty(property, vectors[i]);
                    }
                    tx.commit();
                }
                committed = to;
                progress.advance(to - from);
                progress.checkRunning();
            }
            return committed;
        } catch (RuntimeException | Error e) {
            restore(db, property, batchSize, nodeIds, previous, committed);
            throw e;
        }
    }

    /** Puts back the first {@code count} nodes' previous values; a node deleted meanwhile is skipped. */
    @SuppressWarnings("deprecation")
    private static void restore(GraphDatabaseService db, String property, int batchSize, long[] nodeIds,
                                Object[] previous, int count) {
        for (int from = 0; from < count; from += batchSize) {
            int to = Math.min(count, from + batchSize);
            try (Transaction tx = db.beginTx()) {
                for (int i = from; i < to; i++) {
                    Node node;
                    try {
                        node = tx.getNodeById(nodeIds[i]);
                    } catch (NotFoundException deleted) {
                        continue;
                    }
                    if (previous[i] == null) {
                        node.removeProperty(property);
                    } else {
                        node.setProperty(property, previous[i]);
                    }
                }
                tx.commit();
            }
        }
        Arrays.fill(previous, null);
    }
}
