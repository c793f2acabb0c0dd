package org.musig.procedures.train;

import org.musig.model.progress.Progress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/** Writes embeddings as float[] node properties, committing every {@code batchSize} nodes. */
final class EmbeddingWriter {
    private EmbeddingWriter() {
    }

    @SuppressWarnings("deprecation")
    static long write(GraphDatabaseService db, String property, int batchSize, long[] nodeIds, float[][] vectors,
                      Progress progress) {
        progress.begin("write " + property, nodeIds.length);
        long written = 0;
        for (int from = 0; from < nodeIds.length; from += batchSize) {
            int to = Math.min(nodeIds.length, from + batchSize);
            try (Transaction tx = db.beginTx()) {
                for (int i = from; i < to; i++) {
                    tx.getNodeById(nodeIds[i]).setProperty(property, vectors[i]);
                }
                tx.commit();
            }
            written += to - from;
            progress.advance(to - from);
            progress.checkRunning();
        }
        return written;
    }
}
