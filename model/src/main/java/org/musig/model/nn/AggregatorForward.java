package org.musig.model.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The aggregator's forward pass over gathered trees: per layer, {@code [h_v ; mean of h over v's sampled
 * neighbours]} times W_k (BLAS), plus layer 0's sparse one-hot rows, the bias and the activation (linear at
 * the last layer); then each root's output L2-normalised into {@link AggregatorBuffers#z}.
 */
final class AggregatorForward {
    private final SageNetwork net;
    private final int layers;
    private final int dim;
    private final NeighbourhoodLayout layout;
    private final SparseOneHotRows oneHot;
    private final AggregatorBuffers buffers;

    AggregatorForward(SageNetwork net, NeighbourhoodLayout layout, SparseOneHotRows oneHot, AggregatorBuffers buffers) {
        this.net = net;
        this.layers = net.layers();
        this.dim = net.dimension();
        this.layout = layout;
        this.oneHot = oneHot;
        this.buffers = buffers;
    }

    /** Computes the normalised embeddings of the laid-out roots from the gathered layer-0 input. */
    void run(float[] parameters, INDArray[] weights) {
        for (int k = 0; k < layers; k++) {
            int rows = layout.rows(k);
            if (k > 0) {
                concatenateWithNeighbourMean(k);
            }
            float[] hk = buffers.h[k];
            FloatBuffer product = null; // X_k W_k, read row by row below; none: zero
            if (buffers.xNative[k] != null) {
                NativeGemm.product(buffers.xPointer[k], NativeGemm.pointer(weights[k]), buffers.outPointer[k], rows,
                        net.blasRows(k), dim);
                product = AggregatorBuffers.floats(buffers.outNative[k]);
            }
            // One pass per row (one-hot rows, bias, activation) on a copy of the row at index 0, which C2
            // vectorises; the branches are outside the inner loops.
            float[] b = buffers.rowScratch;
            float[] row = buffers.row;
            System.arraycopy(parameters, net.biasOffset(k), b, 0, dim);
            boolean sparse = k == 0 && oneHot.present();
            boolean last = k == layers - 1;
            boolean sigmoid = net.sigmoid();
            for (int r = 0; r < rows; r++) {
                int o = r * dim;
                if (product != null) {
                    product.get(o, row, 0, dim);
                } else {
                    Arrays.fill(row, 0f);
                }
                if (sparse) {
                    oneHot.addWeightRows(parameters, row, r);
                }
                if (last) {
                    for (int d = 0; d < dim; d++) {
                        row[d] += b[d];
                    }
                } else if (sigmoid) {
                    for (int d = 0; d < dim; d++) {
                        row[d] = (float) (1 / (1 + Math.exp(-(row[d] + b[d]))));
                    }
                } else {
                    for (int d = 0; d < dim; d++) {
                        row[d] = Math.max(0f, row[d] + b[d]);
                    }
                }
                System.arraycopy(row, 0, hk, o, dim);
            }
        }
        normalise();
    }

    /**
     * Layer k's input: {@code [h_v ; mean of h over v's sampled neighbours]} from layer k-1's output. The mean is
     * summed in a scratch row from 0, up to four neighbours' rows (copied to scratch rows) per pass: C2 vectorises
     * loops over arrays indexed from 0 only, and the sum of each element runs in neighbour order as one neighbour
     * per pass would.
     */
    private void concatenateWithNeighbourMean(int k) {
        float[] below = buffers.h[k - 1];
        FloatBuffer xk = AggregatorBuffers.floats(buffers.xNative[k]);
        float[] sum = buffers.row;
        float[] a = buffers.rowB;
        float[] b = buffers.rowC;
        float[] c = buffers.rowD;
        float[] e = buffers.rowE;
        int[] hopStart = layout.hopStart;
        int[] hopSize = layout.hopSize;
        int in2 = 2 * dim;
        for (int t = 0; t < layers - k; t++) {
            int s = layout.sampleSize(t);
            float inv = 1f / s;
            boolean mappedChildren = k == 1 && layout.childrenDeduplicated(t);
            for (int i = 0; i < hopSize[t]; i++) {
                int row = hopStart[t] + i;
                int out = row * in2;
                xk.put(out, below, row * dim, dim);
                Arrays.fill(sum, 0f);
                int firstChild = hopStart[t + 1] + i * s;
                int first = childRow(mappedChildren, firstChild);
                boolean oneRow = true; // e.g. an isolated root's: its row s times, copied once
                for (int j = 1; j < s && oneRow; j++) {
                    oneRow = childRow(mappedChildren, firstChild + j) == first;
                }
                int j = 0;
                if (oneRow) {
                    System.arraycopy(below, first * dim, a, 0, dim);
                    for (; j + 4 <= s; j += 4) {
                        for (int d = 0; d < dim; d++) {
                            sum[d] = sum[d] + a[d] + a[d] + a[d] + a[d];
                        }
                    }
                    for (; j < s; j++) {
                        for (int d = 0; d < dim; d++) {
                            sum[d] += a[d];
                        }
                    }
                }
                for (; j + 4 <= s; j += 4) {
                    System.arraycopy(below, childRow(mappedChildren, firstChild + j) * dim, a, 0, dim);
                    System.arraycopy(below, childRow(mappedChildren, firstChild + j + 1) * dim, b, 0, dim);
                    System.arraycopy(below, childRow(mappedChildren, firstChild + j + 2) * dim, c, 0, dim);
                    System.arraycopy(below, childRow(mappedChildren, firstChild + j + 3) * dim, e, 0, dim);
                    for (int d = 0; d < dim; d++) {
                        sum[d] = sum[d] + a[d] + b[d] + c[d] + e[d];
                    }
                }
                for (; j < s; j++) {
                    System.arraycopy(below, childRow(mappedChildren, firstChild + j) * dim, a, 0, dim);
                    for (int d = 0; d < dim; d++) {
                        sum[d] += a[d];
                    }
                }
                for (int d = 0; d < dim; d++) {
                    sum[d] *= inv;
                }
                xk.put(out + dim, sum, 0, dim);
            }
        }
    }

    private int childRow(boolean mapped, int slot) {
        return mapped ? layout.deepRow(slot) : slot;
    }

    /** z = h^K / |h^K| per root, keeping the norms for backward. */
    private void normalise() {
        float[] top = buffers.h[layers - 1];
        float[] z = buffers.z;
        float[] norms = buffers.norms;
        for (int r = 0; r < layout.roots(); r++) {
            int o = r * dim;
            double sum = 1e-12; // keeps an all-zero output finite (it maps to the zero vector)
            for (int d = 0; d < dim; d++) {
                sum += top[o + d] * top[o + d];
            }
            float norm = (float) Math.sqrt(sum);
            norms[r] = norm;
            for (int d = 0; d < dim; d++) {
                z[o + d] = top[o + d] / norm;
            }
        }
    }
}
