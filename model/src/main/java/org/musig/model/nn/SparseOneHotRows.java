package org.musig.model.nn;

import java.util.Arrays;

/**
 * Layer 0's one-hot input columns (the genre), kept sparse: per row its own hot column (-1: none) and its
 * neighbour-mean histogram as (column, weight) entries, in order of first appearance. Forward adds the
 * matching rows of W_0 in Java ({@link #addWeightRows}) and backward scatters their gradient
 * ({@link #addWeightRowsGradient}); most of layer 0's columns were one-hot and almost all zero, so this cut
 * its matrix products about 4x.
 *
 * <p>Built row by row: {@link #reset}, then per row {@link #startRow}, {@link #addToMean} per sampled
 * neighbour's column, {@link #endRow}.
 */
final class SparseOneHotRows {
    private final int dim;
    private final int width;
    private final int selfBase;     // W_0's self one-hot rows in the parameter vector
    private final int meanBase;     // W_0's neighbour-mean one-hot rows
    private final int[] selfHot;
    private final int[] hotStart;   // row r's histogram entries: [hotStart[r], hotEnd[r])
    private final int[] hotEnd;
    private final int[] hotColumn;
    private final float[] hotWeight;
    private final float[] hotSum;   // scratch histogram [width], all zero between rows
    private final int[] touched;    // scratch: columns of hotSum in use
    private int touchedCount;
    private int entries;

    SparseOneHotRows(SageNetwork net, WorkspaceSizes sizes) {
        dim = net.dimension();
        width = net.oneHotWidth();
        selfBase = net.weightOffset(0) + net.denseDimension() * dim;
        meanBase = net.weightOffset(0) + (net.inputDimension() + net.denseDimension()) * dim;
        int rows = WorkspaceSizes.length(sizes.layerRows[0]);
        selfHot = new int[rows];
        hotStart = new int[rows];
        hotEnd = new int[rows];
        hotColumn = new int[WorkspaceSizes.length(sizes.oneHotEntries)];
        hotWeight = new float[hotColumn.length];
        hotSum = new float[WorkspaceSizes.length(sizes.oneHotWidth)];
        touched = new int[hotSum.length];
    }

    /** Whether there are one-hot columns at all. */
    boolean present() {
        return width > 0;
    }

    /** Starts over from row 0's entries. */
    void reset() {
        entries = 0;
    }

    /** Starts row {@code row}, whose own one-hot column is {@code selfColumn} (-1: none). */
    void startRow(int row, int selfColumn) {
        hotStart[row] = entries;
        selfHot[row] = selfColumn;
    }

    /** Row {@code row}'s own one-hot column (-1: none). */
    int selfColumn(int row) {
        return selfHot[row];
    }

    /** Adds {@code weight} to the current row's histogram at {@code column} (-1: none, ignored). */
    void addToMean(int column, float weight) {
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

    /** Adds row r's one-hot inputs times their W_0 rows to {@code out[o ..]}: its own hot row, and each entry's weighted row. */
    void addWeightRows(float[] parameters, float[] out, int r, int o) {
        if (selfHot[r] >= 0) {
            int src = selfBase + selfHot[r] * dim;
            for (int d = 0; d < dim; d++) {
                out[o + d] += parameters[src + d];
            }
        }
        for (int e = hotStart[r]; e < hotEnd[r]; e++) {
            int src = meanBase + hotColumn[e] * dim;
            float w = hotWeight[e];
            for (int d = 0; d < dim; d++) {
                out[o + d] += w * parameters[src + d];
            }
        }
    }

    /** Zeroes the one-hot weight rows' gradient, before {@link #addWeightRowsGradient} sums into it. */
    void clearWeightRowsGradient(float[] gradient) {
        Arrays.fill(gradient, selfBase, selfBase + width * dim, 0f);
        Arrays.fill(gradient, meanBase, meanBase + width * dim, 0f);
    }

    /** Adds row r's share of the one-hot weight rows' gradient: the transpose of {@link #addWeightRows}. */
    void addWeightRowsGradient(float[] dPre, int r, int o, float[] gradient) {
        if (selfHot[r] >= 0) {
            int dst = selfBase + selfHot[r] * dim;
            for (int d = 0; d < dim; d++) {
                gradient[dst + d] += dPre[o + d];
            }
        }
        for (int e = hotStart[r]; e < hotEnd[r]; e++) {
            int dst = meanBase + hotColumn[e] * dim;
            float w = hotWeight[e];
            for (int d = 0; d < dim; d++) {
                gradient[dst + d] += w * dPre[o + d];
            }
        }
    }
}
