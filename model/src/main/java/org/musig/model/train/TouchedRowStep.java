package org.musig.model.train;

import java.util.Arrays;
import org.musig.model.nn.SageNetwork;
import org.musig.model.nn.TableGradient;

/**
 * The Adam step of the one-hot rows (the learned tables) that a batch's shards touched: the union of their rows, each
 * row's gradient summed from zero over the shards in shard order (so the result does not depend on the threads) and
 * stepped, in chunks of rows on the training's threads. Rows are independent under Adam, so the chunks may run in
 * any order.
 *
 * <p>Why in parallel: with a row per track most of a table's rows are touched by every batch, and summing and
 * stepping them on the calling thread while the workers waited was a large share of a batch's wall time
 * (docs/performance.md).
 */
final class TouchedRowStep {
    /** Rows per chunk: enough to outweigh a task's hand-over, few enough to split a batch's rows between threads. */
    static final int CHUNK_ROWS = 2048;

    private final int chunkRows;
    private final int dimension;
    private final int rowOffset;
    private final boolean[] listed; // row -> in rows[0 .. count); all false between batches
    private int[] rows = new int[16];
    private int count;

    TouchedRowStep(SageNetwork net) {
        this(net, CHUNK_ROWS);
    }

    TouchedRowStep(SageNetwork net, int chunkRows) {
        this.chunkRows = chunkRows;
        dimension = net.dimension();
        rowOffset = net.tableOffset();
        listed = new boolean[Math.toIntExact(TableGradient.rows(net))];
    }

    /** Heap bytes of one for {@code net} whose batches touch at most {@code touched} rows. */
    static long memoryBytes(SageNetwork net, long touched) {
        return 64 + TableGradient.rows(net) + 2 * 4 * Math.max(16, touched);
    }

    /** Lists the rows any of {@code shards[0 .. shardCount)} touched; returns the number of chunks to step. */
    int collect(TableGradient[] shards, int shardCount) {
        count = 0;
        for (int s = 0; s < shardCount; s++) {
            TableGradient shard = shards[s];
            for (int i = 0; i < shard.count(); i++) {
                int row = shard.row(i);
                if (!listed[row]) {
                    listed[row] = true;
                    if (count == rows.length) {
                        rows = Arrays.copyOf(rows, 2 * rows.length);
                    }
                    rows[count++] = row;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            listed[rows[i]] = false;
        }
        return (count + chunkRows - 1) / chunkRows;
    }

    /** Rows listed by the last {@link #collect}. */
    int count() {
        return count;
    }

    /**
     * Sums chunk {@code chunk}'s rows over the shards and moves them one step of {@code adam} (whose dense step for
     * this batch has been taken). Chunks touch disjoint rows, so they may run on several threads at once.
     */
    void stepChunk(int chunk, TableGradient[] shards, int shardCount, AdamOptimizer adam, float[] parameters) {
        float[] sum = new float[dimension];
        AdamOptimizer.RowScratch scratch = new AdamOptimizer.RowScratch(dimension);
        for (int i = chunk * chunkRows; i < Math.min(count, (chunk + 1) * chunkRows); i++) {
            int row = rows[i];
            // The first shard's values are taken as they are, not added to zero: the same floats (0 + x is x for
            // every x but -0, and a -0 gradient moves Adam as a 0 does), and a row one shard touched is not copied.
            float[] gradient = null;
            for (int s = 0; s < shardCount; s++) {
                float[] values = shards[s].valuesOf(row);
                if (values == null) {
                    continue;
                }
                if (gradient == null) {
                    gradient = values;
                } else {
                    if (gradient != sum) {
                        System.arraycopy(gradient, 0, sum, 0, dimension);
                        gradient = sum;
                    }
                    for (int d = 0; d < dimension; d++) {
                        sum[d] += values[d];
                    }
                }
            }
            adam.stepRow(parameters, rowOffset + row * dimension, gradient, scratch);
        }
    }
}
