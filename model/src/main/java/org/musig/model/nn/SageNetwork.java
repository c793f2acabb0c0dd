package org.musig.model.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shape of MUSIG's network and where each of its tensors lives in one flat parameter vector.
 *
 * <p>Aggregator (paper eq. 1-3, GraphSAGE's mean aggregator): layer k (0-based here) maps
 * {@code [h_v ; mean of h over v's sampled neighbours]} through {@code W_k} (shape
 * {@code [2 * in_k, dimension]}) and a bias, then the activation. The last layer is linear, as in the
 * GraphSAGE reference implementation: a ReLU there would confine every embedding to the positive orthant,
 * where all cosines are >= 0. The output is L2-normalised.
 *
 * <p>Task heads (one per task, over a pair's embeddings z_i, z_j): {@code w_t . (z_i * z_j) + b_t}, a
 * linear layer on the elementwise product. A plain {@code sigmoid(z_i . z_j)} of unit vectors cannot leave
 * [0.27, 0.73], so a BCE on it stalls; the head's own weights give each task its scale. The weights start
 * equal in every dimension (a temperature-scaled cosine), so the heads begin as the cosine the downstream
 * ranking uses.
 *
 * <p>Layout: W_0, b_0, W_1, b_1, ..., then head weights (task-major), then head biases. Layer 0's input
 * h^0 is {@code [dense columns ; one-hot columns]} (see {@link InputFeatures}), so W_0's rows are: self
 * dense, self one-hot, neighbour-mean dense, neighbour-mean one-hot.
 */
public final class SageNetwork {
    public static final int PLAYLIST = 0;
    public static final int GENRE = 1;
    public static final int SIMILARITY = 2;
    public static final int TASKS = 3;
    public static final List<String> TASK_NAMES = List.of("playlist", "genre", "audio");

    /** Initial head weight per dimension: logits of 5 * cosine for the two classification heads. */
    static final float CLASSIFICATION_HEAD_SCALE = 5f;

    private final int inputDimension;
    private final int denseDimension;
    private final int dimension;
    private final int[] sampleSizes;
    private final boolean sigmoid;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int headWeightOffset;
    private final int headBiasOffset;
    private final int parameterCount;

    /**
     * @param denseDimension dense input columns
     * @param oneHotWidth    one-hot input columns (after the dense ones)
     */
    public SageNetwork(int denseDimension, int oneHotWidth, int dimension, int[] sampleSizes, boolean sigmoid) {
        int inputDimension = denseDimension + oneHotWidth;
        if (denseDimension < 0 || oneHotWidth < 0 || inputDimension < 1 || dimension < 1 || sampleSizes.length < 1) {
            throw new IllegalArgumentException("bad network shape: input " + denseDimension + " + " + oneHotWidth
                    + ", dimension " + dimension + ", layers " + sampleSizes.length);
        }
        this.inputDimension = inputDimension;
        this.denseDimension = denseDimension;
        this.dimension = dimension;
        this.sampleSizes = sampleSizes.clone();
        this.sigmoid = sigmoid;
        int layers = sampleSizes.length;
        weightOffsets = new int[layers];
        biasOffsets = new int[layers];
        long offset = 0; // long: a shape read from stored bytes must not wrap around to a small count
        for (int k = 0; k < layers; k++) {
            weightOffsets[k] = checked(offset);
            offset += 2L * layerInput(k) * dimension;
            biasOffsets[k] = checked(offset);
            offset += dimension;
        }
        headWeightOffset = checked(offset);
        offset += (long) TASKS * dimension;
        headBiasOffset = checked(offset);
        offset += TASKS;
        parameterCount = checked(offset);
    }

    public int inputDimension() {
        return inputDimension;
    }

    public int denseDimension() {
        return denseDimension;
    }

    public int oneHotWidth() {
        return inputDimension - denseDimension;
    }

    public int dimension() {
        return dimension;
    }

    public int layers() {
        return sampleSizes.length;
    }

    public int sampleSize(int hop) {
        return sampleSizes[hop];
    }

    public int[] sampleSizes() {
        return sampleSizes.clone();
    }

    public boolean sigmoid() {
        return sigmoid;
    }

    /** Width of layer k's per-node input h^k (before concatenation with the neighbourhood mean). */
    private static int checked(long offset) {
        if (offset > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "network too large: more than " + (Integer.MAX_VALUE - 8) + " parameters");
        }
        return (int) offset;
    }

    public int layerInput(int k) {
        return k == 0 ? inputDimension : dimension;
    }

    public int weightOffset(int k) {
        return weightOffsets[k];
    }

    public int biasOffset(int k) {
        return biasOffsets[k];
    }

    public int headWeightOffset(int task) {
        return headWeightOffset + task * dimension;
    }

    public int headBiasOffset(int task) {
        return headBiasOffset + task;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** Glorot-uniform layer weights, zero biases, heads as a scaled cosine (see the class comment). */
    public float[] initialParameters(SplittableRandom random) {
        float[] p = new float[parameterCount];
        for (int k = 0; k < layers(); k++) {
            int fanIn = 2 * layerInput(k);
            double limit = Math.sqrt(6.0 / (fanIn + dimension));
            for (int i = 0; i < fanIn * dimension; i++) {
                p[weightOffsets[k] + i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
        for (int d = 0; d < dimension; d++) {
            p[headWeightOffset(PLAYLIST) + d] = CLASSIFICATION_HEAD_SCALE;
            p[headWeightOffset(GENRE) + d] = CLASSIFICATION_HEAD_SCALE;
            p[headWeightOffset(SIMILARITY) + d] = 1f;
        }
        return p;
    }

    /** Native copies of the layer weight matrices W_k ({@code [2 * in_k, dimension]}), for the BLAS products. */
    public INDArray[] nativeWeights(float[] parameters) {
        INDArray[] w = new INDArray[layers()];
        for (int k = 0; k < layers(); k++) {
            w[k] = Nd4j.create(DataType.FLOAT, new long[] {Math.max(1, blasRows(k)), dimension}, 'c');
        }
        copyWeights(parameters, w);
        return w;
    }

    /**
     * Rows of W_k that BLAS multiplies: all of them above layer 0; for layer 0 only the dense ones (self dense,
     * then neighbour-mean dense). The one-hot rows are applied in Java as sparse row additions (a row has
     * one self column and a few histogram columns hot), which cut layer 0's matrix products about 4x.
     */
    public int blasRows(int k) {
        return k == 0 ? 2 * denseDimension : 2 * layerInput(k);
    }

    /** Refreshes the native weight copies ({@link #blasRows} rows of each layer) after an update. */
    public void copyWeights(float[] parameters, INDArray[] w) {
        for (int k = 0; k < layers(); k++) {
            java.nio.FloatBuffer buffer = w[k].data().asNio().asFloatBuffer();
            if (k == 0) {
                int fd = denseDimension * dimension;
                buffer.put(parameters, weightOffsets[0], fd);
                buffer.put(parameters, weightOffsets[0] + inputDimension * dimension, fd);
            } else {
                buffer.put(parameters, weightOffsets[k], 2 * layerInput(k) * dimension);
            }
        }
    }
}
