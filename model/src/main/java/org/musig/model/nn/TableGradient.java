package org.musig.model.nn;

import java.util.Arrays;

/**
 * The gradient of the one-hot rows of a network ({@link SageNetwork#tableOffset}) for the rows a batch touched,
 * kept compact: a table may have a row per artist or per track, and a batch touches a few thousand of them, so
 * zeroing, summing and stepping every row would cost more than the batch itself.
 *
 * <p>Row r is self one-hot row r for {@code r < oneHotWidth}, else neighbour-mean row {@code r - oneHotWidth} (of
 * {@link SageNetwork#meanOneHotWidth}), as in the parameter vector. Rows are kept in order of first touch; a row's values start at zero. Not thread-safe.
 */
public final class TableGradient {
    private final int dimension;
    private final int[] slotOf;     // row -> its slot, -1 when untouched
    private int[] rows;             // slot -> row
    // slot -> its [dimension] values, each its own array (kept for reuse after clear): the row loops then index
    // every array from 0, which C2 vectorises; rows at different offsets of one array it cannot.
    private float[][] values;
    private int count;

    public TableGradient(SageNetwork net) {
        this.dimension = net.dimension();
        slotOf = new int[Math.addExact(net.oneHotWidth(), net.meanOneHotWidth())];
        Arrays.fill(slotOf, -1);
        rows = new int[16];
        values = new float[16][];
    }

    /**
     * Heap bytes of one holding at most {@code rows} touched rows (its slot arrays double as they grow, so up to
     * twice what they hold; each row's values are an array of their own, with its header).
     */
    public static long memoryBytes(SageNetwork net, long rows) {
        return 64 + 4L * rows(net) + 2 * (4 + 8) * Math.max(16, rows) + (16 + 4L * net.dimension()) * rows;
    }

    /** The most rows one shard of {@code maxRoots} roots can touch: each layer-0 row's own and histogram columns. */
    public static long maxTouchedRows(SageNetwork net, int maxRoots) {
        if (net.oneHotWidth() == 0) {
            return 0;
        }
        WorkspaceSizes sizes = new WorkspaceSizes(net, maxRoots);
        return Math.min(rows(net), sizes.layerRows[0] * sizes.slots + sizes.oneHotEntries);
    }

    /** One-hot rows of the network: self rows, then neighbour-mean rows. */
    public static long rows(SageNetwork net) {
        return (long) net.oneHotWidth() + net.meanOneHotWidth();
    }

    /** Row {@code row}'s values ({@link #dimension()} floats), making it touched (zero) if it was not. */
    public float[] touch(int row) {
        int slot = slotOf[row];
        if (slot < 0) {
            slot = count++;
            if (slot == rows.length) {
                rows = Arrays.copyOf(rows, 2 * rows.length);
                values = Arrays.copyOf(values, 2 * values.length);
            }
            rows[slot] = row;
            if (values[slot] == null) {
                values[slot] = new float[dimension];
            } else {
                Arrays.fill(values[slot], 0f);
            }
            slotOf[row] = slot;
        }
        return values[slot];
    }

    /** Makes every row untouched again. */
    public void clear() {
        for (int i = 0; i < count; i++) {
            slotOf[rows[i]] = -1;
        }
        count = 0;
    }

    /** Row {@code row}'s values, or null when the row is untouched. */
    public float[] valuesOf(int row) {
        int slot = slotOf[row];
        return slot < 0 ? null : values[slot];
    }

    /** Values per row. */
    public int dimension() {
        return dimension;
    }

    /** Touched rows. */
    public int count() {
        return count;
    }

    /** The i-th touched row. */
    public int row(int i) {
        return rows[i];
    }

    /** The i-th touched row's values. */
    public float[] values(int i) {
        return values[i];
    }

    /** Adds these rows into a full-length gradient of {@code net}'s parameters (for checks and tests). */
    public void addTo(float[] gradient, SageNetwork net) {
        for (int i = 0; i < count; i++) {
            int at = net.tableOffset() + rows[i] * dimension;
            for (int d = 0; d < dimension; d++) {
                gradient[at + d] += values[i][d];
            }
        }
    }
}
