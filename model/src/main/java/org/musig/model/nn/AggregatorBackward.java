package org.musig.model.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The aggregator's backward pass, written by hand (checked against numerical gradients in the tests): from
 * the loss gradient w.r.t. the normalised embeddings through the normalisation and each layer's activation,
 * bias, weights (BLAS: {@code X^T dPre} and {@code dPre W^T}) and sparse one-hot rows, down to layer 0. Every
 * sum runs in a fixed order, so the result does not depend on threads.
 */
final class AggregatorBackward {
    private final SageNetwork net;
    private final int layers;
    private final int dim;
    private final NeighbourhoodLayout layout;
    private final SparseOneHotRows oneHot;
    private final AggregatorBuffers buffers;

    AggregatorBackward(SageNetwork net, NeighbourhoodLayout layout, SparseOneHotRows oneHot,
                       AggregatorBuffers buffers) {
        this.net = net;
        this.layers = net.layers();
        this.dim = net.dimension();
        this.layout = layout;
        this.oneHot = oneHot;
        this.buffers = buffers;
    }

    /**
     * Back-propagates {@code dz} ({@code [roots, dim]}) after {@link AggregatorForward#run} and writes the layer
     * weights' and biases' gradients into {@code gradient} (overwriting those positions; the head positions are
     * left alone) and the one-hot rows' into {@code tables} (cleared first).
     */
    void run(float[] dz, INDArray[] weights, float[] gradient, TableGradient tables) {
        throughNormalisation(dz);
        for (int k = layers - 1; k >= 0; k--) {
            int rows = layout.rows(k);
            float[] dPre = buffers.dh[k];
            // One pass per row: the activation's derivative, the bias gradient (summed in row order) and, at
            // layer 0, the one-hot weight rows' gradient.
            float[] biasGradient = buffers.rowScratch;
            Arrays.fill(biasGradient, 0f);
            boolean sparse = k == 0 && oneHot.present();
            if (sparse) {
                tables.clear();
            }
            boolean hidden = k < layers - 1;
            boolean sigmoid = net.sigmoid();
            float[] hk = buffers.h[k];
            float[] g = buffers.row;
            float[] hr = buffers.rowB;
            FloatBuffer dPreOut = AggregatorBuffers.floats(buffers.dPreNative[k]);
            for (int r = 0; r < rows; r++) {
                int o = r * dim;
                // The row's gradient (and output) copied to index 0, where C2 vectorises the loops; the result
                // goes straight to the native copy for BLAS.
                System.arraycopy(dPre, o, g, 0, dim);
                if (hidden && sigmoid) {
                    System.arraycopy(hk, o, hr, 0, dim);
                    for (int d = 0; d < dim; d++) {
                        g[d] *= hr[d] * (1 - hr[d]);
                    }
                } else if (hidden) {
                    // ReLU': 1 where the output is > 0, else 0, as min(1, out * 2^149): exactly 1 for every
                    // positive float (the least is 2^-149) and 0 for an inactive output (exactly 0). Float
                    // arithmetic only, which C2 vectorises; a data-dependent branch mispredicted half the time.
                    System.arraycopy(hk, o, hr, 0, dim);
                    for (int d = 0; d < dim; d++) {
                        g[d] *= Math.min(1f, hr[d] * 0x1p100f * 0x1p49f);
                    }
                }
                for (int d = 0; d < dim; d++) {
                    biasGradient[d] += g[d];
                }
                dPreOut.put(o, g, 0, dim);
                if (sparse) {
                    oneHot.addWeightRowsGradient(g, r, tables);
                }
            }
            System.arraycopy(biasGradient, 0, gradient, net.biasOffset(k), dim);
            if (buffers.xNative[k] != null) {
                weightGradient(k, rows, gradient);
            }
            if (k > 0) {
                NativeGemm.productTransposingB(buffers.dPrePointer[k], NativeGemm.pointer(weights[k]),
                        buffers.dxPointer[k], rows, dim, net.blasRows(k));
                scatterToLayerBelow(k, AggregatorBuffers.floats(buffers.dxNative[k]));
            }
        }
    }

    /** dh^K from dz through z = h / |h|: (dz - z (z . dz)) / |h|, per root. */
    private void throughNormalisation(float[] dz) {
        float[] top = buffers.dh[layers - 1];
        float[] z = buffers.z;
        float[] norms = buffers.norms;
        for (int r = 0; r < layout.roots(); r++) {
            int o = r * dim;
            float dot = 0;
            for (int d = 0; d < dim; d++) {
                dot += z[o + d] * dz[o + d];
            }
            float inv = 1f / norms[r];
            for (int d = 0; d < dim; d++) {
                top[o + d] = (dz[o + d] - z[o + d] * dot) * inv;
            }
        }
    }

    /** dW_k = X_k^T dPre_k (BLAS), copied to W_k's rows in the parameter layout. */
    private void weightGradient(int k, int rows, float[] gradient) {
        int in2 = net.blasRows(k);
        NativeGemm.productTransposingA(buffers.xPointer[k], buffers.dPrePointer[k], buffers.dwPointer[k], in2, rows,
                dim);
        AggregatorBuffers.floats(buffers.dwNative[k]).get(0, gradient, net.weightOffset(k), in2 * dim);
    }

    /**
     * Splits layer k's input gradient into the self part (to the node's row) and the mean part (to its neighbours).
     * Each neighbour's share is added through a scratch row at index 0, where C2 vectorises the loop. A row of the
     * layer below starts from zero in its scratch row when first reached, which spares a pass zeroing them all.
     */
    private void scatterToLayerBelow(int k, FloatBuffer dx) {
        float[] below = buffers.dh[k - 1];
        float[] share = buffers.row;
        float[] child = buffers.rowB;
        boolean[] reached = buffers.rowReached;
        int[] hopStart = layout.hopStart;
        int[] hopSize = layout.hopSize;
        int belowRows = layout.rows(k - 1);
        Arrays.fill(reached, 0, belowRows, false);
        int in2 = 2 * dim;
        for (int t = 0; t < layers - k; t++) {
            int s = layout.sampleSize(t);
            float inv = 1f / s;
            boolean mappedChildren = k == 1 && layout.childrenDeduplicated(t);
            for (int i = 0; i < hopSize[t]; i++) {
                int row = hopStart[t] + i;
                int in = row * in2;
                load(below, row, child);
                dx.get(in, share, 0, dim);
                for (int d = 0; d < dim; d++) {
                    child[d] += share[d];
                }
                System.arraycopy(child, 0, below, row * dim, dim);
                dx.get(in + dim, share, 0, dim);
                for (int d = 0; d < dim; d++) {
                    share[d] *= inv;
                }
                int firstChild = hopStart[t + 1] + i * s;
                int held = -1; // the row whose running sum is in child: repeated neighbours (an isolated root's
                              // own row s times) stay there between additions
                for (int j = 0; j < s; j++) {
                    int at = mappedChildren ? layout.deepRow(firstChild + j) : firstChild + j;
                    if (at != held) {
                        if (held >= 0) {
                            System.arraycopy(child, 0, below, held * dim, dim);
                        }
                        load(below, at, child);
                        held = at;
                    }
                    for (int d = 0; d < dim; d++) {
                        child[d] += share[d];
                    }
                }
                if (held >= 0) {
                    System.arraycopy(child, 0, below, held * dim, dim);
                }
            }
        }
        for (int r = 0; r < belowRows; r++) { // none in the layouts built today; kept zero like the others
            if (!reached[r]) {
                Arrays.fill(below, r * dim, (r + 1) * dim, 0f);
            }
        }
    }

    /** Row {@code row} of {@code below} into {@code scratch}: zero when first reached, else its running sum. */
    private void load(float[] below, int row, float[] scratch) {
        if (buffers.rowReached[row]) {
            System.arraycopy(below, row * dim, scratch, 0, dim);
        } else {
            Arrays.fill(scratch, 0f);
            buffers.rowReached[row] = true;
        }
    }
}
