package org.musig.loaders.write;

import org.musig.common.progress.Progress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * A transaction that commits every {@code batchSize} operations and opens the next one, so a load of
 * millions of rows never holds them all in one transaction. Work is idempotent, so a failure or kill
 * between batches is repaired by running the same load again.
 */
public final class BatchTransaction implements AutoCloseable {
    private final GraphDatabaseService db;
    private final int batchSize;
    private final Progress progress;
    private Transaction tx;
    private int operations;

    public BatchTransaction(GraphDatabaseService db, int batchSize, Progress progress) {
        this.db = db;
        this.batchSize = batchSize;
        this.progress = progress;
        this.tx = db.beginTx();
    }

    public Transaction tx() {
        return tx;
    }

    /** Counts one operation; commits and starts a new transaction when the batch is full. */
    public void increment() {
        if (++operations >= batchSize) {
            commit();
        }
    }

    /** Commits what is pending and starts a new transaction (node and relationship ids stay valid). */
    public void commit() {
        progress.checkRunning();
        tx.commit();
        tx.close();
        operations = 0;
        tx = db.beginTx();
    }

    /** Commits what is pending; call once at the successful end. */
    public void finish() {
        progress.checkRunning();
        tx.commit();
        tx.close();
        tx = null;
    }

    /** Rolls back whatever was not committed (after a failure). */
    @Override
    public void close() {
        if (tx != null) {
            tx.close();
            tx = null;
        }
    }
}
