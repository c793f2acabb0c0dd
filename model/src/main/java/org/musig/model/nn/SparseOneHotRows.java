package org.musig.model.nn;

/**
 * Layer 0's one-hot input columns (the genre, and the artist, album and track tables), kept sparse: per row its
 * own hot column in each one-hot group (-1: none) and the neighbour-mean histogram of the groups that enter the mean
 * ({@link SageNetwork#meanSlots}: the genre) as (column, weight) entries, in order of first appearance. Forward adds the matching one-hot rows of the network in Java ({@link #addWeightRows})
 * and backward gathers their gradient row by row into a {@link TableGradient} ({@link #addWeightRowsGradient}):
 * almost all one-hot columns are zero in a row, so this is far cheaper than matrix products over them.
 *
 * <p>A row of a root treated as a cold track ({@code cold}) takes, in each group that has one, the group's
 * cold column instead of its own (the track table's "unknown" row: a cold track has no row of its own).
 *
 * <p>Built row by row: {@link #reset}, then per row {@link #startRow}, {@link #addToMean} or {@link #addRowToMean}
 * per sampled neighbour (or {@link #setMeanRuns} once), {@link #endRow}.
 */
final class SparseOneHotRows {
    private final int dim;
    private final int width;
    private final int slots;
    private final int meanSlots;
    private final int selfBase;     // the self one-hot rows in the parameter vector
    private final int meanBase;     // the neighbour-mean one-hot rows
    private final int[] selfHot;    // [rows * slots]
    private final int[] hotStart;   // row r's histogram entries: [hotStart[r], hotEnd[r])
    private final int[] hotEnd;
    private final int[] hotColumn;
    private final float[] hotWeight;
    private final float[] hotSum;   // scratch histogram [width], all zero between rows
    private final int[] touched;    // scratch: columns of hotSum in use
    private final int[] termStart;  // scratch: a row's one-hot terms (own rows, then histogram entries) forward
    private final float[] termWeight;
    private final float[] termA;    // scratch: up to four terms' rows, copied from the parameters
    private final float[] termB;
    private final float[] termC;
    private final float[] termD;
    private int[] coldColumn;       // per group: the column a cold root takes, -1: its own
    private int touchedCount;
    private int entries;

    SparseOneHotRows(SageNetwork net, WorkspaceSizes sizes) {
        dim = net.dimension();
        width = net.oneHotWidth();
        slots = net.hotSlots();
        meanSlots = net.meanSlots();
        selfBase = net.tableOffset();
        meanBase = net.tableOffset() + width * dim;
        int rows = WorkspaceSizes.length(sizes.layerRows[0]);
        selfHot = new int[WorkspaceSizes.length(sizes.layerRows[0] * slots)];
        hotStart = new int[rows];
        hotEnd = new int[rows];
        hotColumn = new int[WorkspaceSizes.length(sizes.oneHotEntries)];
        hotWeight = new float[hotColumn.length];
        hotSum = new float[WorkspaceSizes.length(sizes.meanOneHotWidth)];
        touched = new int[hotSum.length];
        termStart = new int[WorkspaceSizes.length(sizes.rowOneHotTerms)];
        termWeight = new float[termStart.length];
        termA = new float[dim];
        termB = new float[dim];
        termC = new float[dim];
        termD = new float[dim];
    }

    /** Whether there are one-hot columns at all. */
    boolean present() {
        return width > 0;
    }

    /** Starts over from row 0's entries, for an input whose per-group cold columns are {@code coldColumn}. */
    void reset(int[] coldColumn) {
        if (present() && coldColumn.length != slots) {
            throw new IllegalArgumentException("the input has " + coldColumn.length + " one-hot groups, the network "
                    + slots);
        }
        for (int g = 0; g < Math.min(meanSlots, coldColumn.length); g++) {
            if (coldColumn[g] >= 0) {
                throw new IllegalArgumentException("one-hot group " + g + " enters the neighbour mean and has a cold "
                        + "column; only the learned tables, which do not, have one");
            }
        }
        this.coldColumn = coldColumn;
        entries = 0;
    }

    /** Starts row {@code row}, whose own columns are {@code hot[at .. at + slots)} (-1: none). */
    void startRow(int row, int[] hot, int at, boolean cold) {
        hotStart[row] = entries;
        int o = row * slots;
        for (int g = 0; g < slots; g++) {
            selfHot[o + g] = cold && coldColumn[g] >= 0 ? coldColumn[g] : hot[at + g];
        }
    }

    /** Starts row {@code row} from an {@link InnerMeans} table row, whose own columns are {@code table[at ..]}. */
    void startRow(int row, float[] table, int at) {
        hotStart[row] = entries;
        int o = row * slots;
        for (int g = 0; g < slots; g++) {
            selfHot[o + g] = (int) table[at + g];
        }
    }

    /**
     * Adds {@code weight} to the current row's histogram at the mean groups' columns of {@code hot[at ..]}. The mean
     * groups (the genre) have no cold column, so a cold root's neighbour mean is that of its own columns.
     */
    void addToMean(int[] hot, int at, float weight) {
        for (int g = 0; g < meanSlots; g++) {
            add(hot[at + g], weight);
        }
    }

    /**
     * Sets the current row's histogram from {@code count} columns at {@code table[at ..]} that have equal columns
     * adjacent and the -1s (none) last ({@link InnerMeans}), each weighing {@code weight}: the entries
     * {@link #addToMean} gives column by column, in the same order and with the same sums, read as runs without the
     * scratch histogram. Only for a row whose histogram has no other input.
     */
    void setMeanRuns(float[] table, int at, int count, float weight) {
        int previous = -1;
        for (int j = 0; j < count; j++) {
            int c = (int) table[at + j];
            if (c < 0) {
                break;
            }
            if (c == previous) {
                hotWeight[entries - 1] += weight;
            } else {
                hotColumn[entries] = c;
                hotWeight[entries++] = weight;
                previous = c;
            }
        }
    }

    /** Adds {@code weight} to the current row's histogram at row {@code childRow}'s own columns. */
    void addRowToMean(int childRow, float weight) {
        addToMean(selfHot, childRow * slots, weight);
    }

    private void add(int column, float weight) {
        if (column < 0) {
            return;
        }
        if (hotSum[column] == 0f) {
            touched[touchedCount++] = column;
        }
        hotSum[column] += weight;
    }

    /** Ends row {@code row}: moves the histogram to its entries. */
    void endRow(int row) {
        for (int i = 0; i < touchedCount; i++) {
            int c = touched[i];
            hotColumn[entries] = c;
            hotWeight[entries++] = hotSum[c];
            hotSum[c] = 0f;
        }
        touchedCount = 0;
        hotEnd[row] = entries;
    }

    /**
     * Adds row r's one-hot inputs times their rows to {@code row} (its {@code dim} values from index 0): its own hot
     * rows, then each entry's weighted row. Up to four terms per pass over the row (an own row's weight 1 multiplies
     * exactly): each element is summed in the same order as with one pass per term, so the bits are the same, with
     * fewer loads and stores of the row. The terms' rows are copied to scratch rows first: C2 vectorises a loop whose
     * arrays are all indexed from the same offset, not one over rows at different offsets of the parameters.
     */
    void addWeightRows(float[] parameters, float[] row, int r) {
        int n = 0;
        for (int g = 0; g < slots; g++) {
            int c = selfHot[r * slots + g];
            if (c >= 0) {
                termStart[n] = selfBase + c * dim;
                termWeight[n++] = 1f;
            }
        }
        for (int e = hotStart[r]; e < hotEnd[r]; e++) {
            termStart[n] = meanBase + hotColumn[e] * dim;
            termWeight[n++] = hotWeight[e];
        }
        float[] ta = termA;
        float[] tb = termB;
        float[] tc = termC;
        float[] te = termD;
        int t = 0;
        for (; t + 4 <= n; t += 4) {
            System.arraycopy(parameters, termStart[t], ta, 0, dim);
            System.arraycopy(parameters, termStart[t + 1], tb, 0, dim);
            System.arraycopy(parameters, termStart[t + 2], tc, 0, dim);
            System.arraycopy(parameters, termStart[t + 3], te, 0, dim);
            float wa = termWeight[t];
            float wb = termWeight[t + 1];
            float wc = termWeight[t + 2];
            float we = termWeight[t + 3];
            for (int d = 0; d < dim; d++) {
                row[d] = row[d] + wa * ta[d] + wb * tb[d] + wc * tc[d] + we * te[d];
            }
        }
        if (t + 2 <= n) {
            System.arraycopy(parameters, termStart[t], ta, 0, dim);
            System.arraycopy(parameters, termStart[t + 1], tb, 0, dim);
            float wa = termWeight[t];
            float wb = termWeight[t + 1];
            for (int d = 0; d < dim; d++) {
                row[d] = row[d] + wa * ta[d] + wb * tb[d];
            }
            t += 2;
        }
        if (t < n) {
            System.arraycopy(parameters, termStart[t], ta, 0, dim);
            float wa = termWeight[t];
            for (int d = 0; d < dim; d++) {
                row[d] += wa * ta[d];
            }
        }
    }

    /**
     * Adds row r's share of the one-hot rows' gradient, {@code dRow} being its {@code dim} values from index 0: the
     * transpose of {@link #addWeightRows}.
     */
    void addWeightRowsGradient(float[] dRow, int r, TableGradient gradient) {
        for (int g = 0; g < slots; g++) {
            int c = selfHot[r * slots + g];
            if (c >= 0) {
                float[] values = gradient.touch(c);
                for (int d = 0; d < dim; d++) {
                    values[d] += dRow[d];
                }
            }
        }
        for (int e = hotStart[r]; e < hotEnd[r]; e++) {
            float[] values = gradient.touch(width + hotColumn[e]);
            float w = hotWeight[e];
            for (int d = 0; d < dim; d++) {
                values[d] += w * dRow[d];
            }
        }
    }
}
