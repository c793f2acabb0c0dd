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
 * <p>Layer 0's input h^0 is {@code [dense columns ; one-hot columns]} (see {@link InputFeatures}): W_0 has a row per
 * column for the node itself, and one for its neighbour mean (every dense column, the genre's one-hot columns). The one-hot rows are embedding tables (the genre
 * columns, and an artist's, album's or track's own learned row): a node has one hot column per one-hot group
 * ({@link InputShape#hotSlots}), so a batch touches few of them, and they sit at the end of the parameter vector
 * so that gradients and Adam can treat them row by row ({@link TableGradient}).
 *
 * <p>Layout: W_0's dense rows (self dense, then neighbour-mean dense), b_0, W_1, b_1, ..., then head weights
 * (task-major), head biases, and last the one-hot rows (self one-hot, then neighbour-mean one-hot), from
 * {@link #tableOffset()}. Models stored before format 4 kept the one-hot rows inside W_0
 * ({@link #fromLegacyLayout}).
 */
public final class SageNetwork {
    public static final int PLAYLIST = 0;
    public static final int GENRE = 1;
    public static final int SIMILARITY = 2;
    public static final int TASKS = 3;
    public static final List<String> TASK_NAMES = List.of("playlist", "genre", "audio");

    /** Initial head weight per dimension: logits of 5 * cosine for the two classification heads. */
    static final float CLASSIFICATION_HEAD_SCALE = 5f;

    /**
     * Layer 0's input: dense columns; one-hot columns and hot columns per node (one per one-hot group); the leading
     * one-hot groups whose columns also enter the neighbour mean ({@code meanSlots} groups, {@code meanOneHot}
     * columns: the genre; a learned table's rows reach a node's neighbours through the layers above instead, which
     * spares a row per sampled neighbour and table); and the columns Glorot's initialisation counts as layer 0's
     * fan-in.
     */
    public record InputShape(int dense, int oneHot, int hotSlots, int meanOneHot, int meanSlots, int initFanIn) {
        /** A single one-hot group (or none), every column counted in the fan-in: the shape before tables existed. */
        public static InputShape singleOneHot(int dense, int oneHot) {
            int slots = oneHot > 0 ? 1 : 0;
            return new InputShape(dense, oneHot, slots, oneHot, slots, dense + oneHot);
        }
    }

    /** One-hot columns at most: the inner-mean table keeps column indices as exact integers in floats. */
    public static final int MAX_ONE_HOT = 1 << 24;

    private final int inputDimension;
    private final int denseDimension;
    private final int hotSlots;
    private final int meanOneHot;
    private final int meanSlots;
    private final int initFanIn;
    private final int dimension;
    private final int[] sampleSizes;
    private final boolean sigmoid;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int headWeightOffset;
    private final int headBiasOffset;
    private final int tableOffset;
    private final int parameterCount;

    /**
     * @param denseDimension dense input columns
     * @param oneHotWidth    one-hot input columns (after the dense ones), a single group
     */
    public SageNetwork(int denseDimension, int oneHotWidth, int dimension, int[] sampleSizes, boolean sigmoid) {
        this(InputShape.singleOneHot(denseDimension, oneHotWidth), dimension, sampleSizes, sigmoid);
    }

    public SageNetwork(InputShape input, int dimension, int[] sampleSizes, boolean sigmoid) {
        long inputDimension = (long) input.dense() + input.oneHot();
        if (input.dense() < 0 || input.oneHot() < 0 || inputDimension < 1 || dimension < 1 || sampleSizes.length < 1
                || input.hotSlots() < (input.oneHot() > 0 ? 1 : 0) || input.hotSlots() > Math.max(1, input.oneHot())
                || input.meanOneHot() < 0 || input.meanOneHot() > input.oneHot() || input.meanSlots() < 0
                || input.meanSlots() > input.hotSlots() || (input.meanSlots() > 0) != (input.meanOneHot() > 0)
                || input.initFanIn() < 1) {
            throw new IllegalArgumentException("bad network shape: input " + input + ", dimension " + dimension
                    + ", layers " + sampleSizes.length);
        }
        if (input.oneHot() > MAX_ONE_HOT) {
            throw new IllegalArgumentException("a one-hot input of " + input.oneHot() + " columns: at most "
                    + MAX_ONE_HOT
                    + " (the learned tables have a row per artist, album or track of the training graph; leave out "
                    + "'track' on a graph with more tracks than that)");
        }
        this.inputDimension = checked(inputDimension);
        this.denseDimension = input.dense();
        this.hotSlots = input.hotSlots();
        this.meanOneHot = input.meanOneHot();
        this.meanSlots = input.meanSlots();
        this.initFanIn = input.initFanIn();
        this.dimension = dimension;
        this.sampleSizes = sampleSizes.clone();
        this.sigmoid = sigmoid;
        int layers = sampleSizes.length;
        weightOffsets = new int[layers];
        biasOffsets = new int[layers];
        long offset = 0; // long: a shape read from stored bytes must not wrap around to a small count
        for (int k = 0; k < layers; k++) {
            weightOffsets[k] = checked(offset);
            offset += (long) blasRows(k) * dimension;
            biasOffsets[k] = checked(offset);
            offset += dimension;
        }
        headWeightOffset = checked(offset);
        offset += (long) TASKS * dimension;
        headBiasOffset = checked(offset);
        offset += TASKS;
        tableOffset = checked(offset);
        offset += ((long) input.oneHot() + input.meanOneHot()) * dimension;
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

    /** Hot one-hot columns per node: one per one-hot group. */
    public int hotSlots() {
        return hotSlots;
    }

    /** The leading one-hot groups that also enter the neighbour mean (see {@link InputShape}). */
    public int meanSlots() {
        return meanSlots;
    }

    /** Their columns: the neighbour-mean one-hot rows. */
    public int meanOneHotWidth() {
        return meanOneHot;
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

    /**
     * Where the one-hot rows start: self one-hot row c at {@code tableOffset() + c * dimension}, neighbour-mean
     * row c (c below {@link #meanOneHotWidth()}) at {@code tableOffset() + (oneHotWidth() + c) * dimension};
     * everything before is updated densely.
     */
    public int tableOffset() {
        return tableOffset;
    }

    /**
     * Glorot-uniform layer weights (layer 0's fan-in is {@link InputShape#initFanIn}: a table's columns count as
     * one, since a node has one of them hot), zero biases, heads as a scaled cosine (see the class comment). Drawn
     * in the order of the layout before format 4, so a network without tables starts exactly as it did then.
     */
    public float[] initialParameters(SplittableRandom random) {
        float[] p = new float[parameterCount];
        for (int k = 0; k < layers(); k++) {
            int rows = k == 0 ? inputDimension + denseDimension + meanOneHot : 2 * layerInput(k);
            double limit = Math.sqrt(6.0 / (2.0 * (k == 0 ? initFanIn : layerInput(k)) + dimension));
            for (int row = 0; row < rows; row++) {
                int at = k == 0 ? weightRowOffset(row) : weightOffsets[k] + row * dimension;
                for (int d = 0; d < dimension; d++) {
                    p[at + d] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
        }
        for (int d = 0; d < dimension; d++) {
            p[headWeightOffset(PLAYLIST) + d] = CLASSIFICATION_HEAD_SCALE;
            p[headWeightOffset(GENRE) + d] = CLASSIFICATION_HEAD_SCALE;
            p[headWeightOffset(SIMILARITY) + d] = 1f;
        }
        return p;
    }

    /**
     * Where row {@code row} of W_0 (counted as {@code [self dense ; self one-hot ; mean dense ; mean one-hot]}, the
     * last {@link #meanOneHotWidth()} rows) starts in the parameter vector.
     */
    private int weightRowOffset(int row) {
        int oneHot = oneHotWidth();
        boolean mean = row >= inputDimension;
        int column = mean ? row - inputDimension : row;
        if (column < denseDimension) {
            return weightOffsets[0] + ((mean ? denseDimension : 0) + column) * dimension;
        }
        return tableOffset + ((mean ? oneHot : 0) + column - denseDimension) * dimension;
    }

    /**
     * The parameters of a model stored before format 4, whose W_0 kept its rows in column order
     * ({@code [self dense ; self one-hot ; mean dense ; mean one-hot]}), moved to this layout.
     */
    public float[] fromLegacyLayout(float[] legacy) {
        if (legacy.length != parameterCount || meanOneHot != oneHotWidth()) {
            throw new IllegalArgumentException(legacy.length + " parameters in the layout before format 4 for a "
                    + "network of " + parameterCount + " whose one-hot columns " + (meanOneHot == oneHotWidth()
                            ? "all" : "not all")
                    + " enter the neighbour mean");
        }
        float[] p = new float[parameterCount];
        int w0 = 2 * inputDimension * dimension;
        for (int row = 0; row < 2 * inputDimension; row++) {
            System.arraycopy(legacy, row * dimension, p, weightRowOffset(row), dimension);
        }
        // Everything after W_0 kept its order; it moved forward by the one-hot rows' length.
        System.arraycopy(legacy, w0, p, biasOffsets[0], tableOffset - biasOffsets[0]);
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
            buffer.put(parameters, weightOffsets[k], blasRows(k) * dimension);
        }
    }
}
