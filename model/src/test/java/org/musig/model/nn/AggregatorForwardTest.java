package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musig.model.NativeBackend;

/**
 * The forward pass against a direct recursive transcription of the mean aggregator (paper eq. 1-3) over the
 * same laid-out trees: {@code h^{k+1}_v = act(W_k^T [h^k_v ; mean of h^k over v's children] + b_k)}, linear at
 * the last layer, then L2-normalised.
 */
class AggregatorForwardTest {
    private static final int TRACKS = 25;

    @BeforeAll
    static void loadBackend() {
        NativeBackend.ensureLoaded(AggregatorForwardTest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu 4", "relu 3 2", "sigmoid 3 2", "sigmoid 3 2 2", "relu 3 2 denseOnly",
            "sigmoid 3 2 oneHotOnly"})
    void embeddingsAreTheAggregatorAppliedToEachRootsTree(String variant) {
        SageNetwork net = network(variant);
        AggregatorParts parts = new AggregatorParts(net, 6);
        SplittableRandom random = new SplittableRandom(3);
        InputFeatures.Encoded input = AggregatorParts.randomInput(net, TRACKS, random);
        float[] p = parameters(net, random);
        parts.randomTrees(6, TRACKS, random);
        parts.gather.gather(input, null, net.layers(), null);

        parts.forward.run(p, net.nativeWeights(p));

        int dim = net.dimension();
        for (int r = 0; r < 6; r++) {
            double[] h = reference(net, p, parts.layout, input, net.layers(), 0, r);
            double norm = Math.sqrt(java.util.Arrays.stream(h).map(v -> v * v).sum());
            for (int d = 0; d < dim; d++) {
                assertThat(parts.buffers.z[r * dim + d]).as("root %d, dimension %d", r, d)
                        .isCloseTo((float) (h[d] / norm), within(2e-5f));
            }
        }
    }

    static SageNetwork network(String variant) {
        String[] words = variant.split(" ");
        int[] samples =
                java.util.Arrays.stream(words).filter(w -> w.matches("\\d+")).mapToInt(Integer::parseInt).toArray();
        int dense = variant.contains("oneHotOnly") ? 0 : 3;
        int oneHot = variant.contains("denseOnly") ? 0 : 4;
        return new SageNetwork(dense, oneHot, 5, samples, words[0].equals("sigmoid"));
    }

    /** Glorot weights with non-zero biases, so that every term shows. */
    static float[] parameters(SageNetwork net, SplittableRandom random) {
        float[] p = net.initialParameters(random);
        for (int k = 0; k < net.layers(); k++) {
            for (int d = 0; d < net.dimension(); d++) {
                p[net.biasOffset(k) + d] = (float) (0.3 * random.nextGaussian());
            }
        }
        return p;
    }

    /**
     * Where the row of W_k for input column c (of the node itself, or of its neighbour mean) starts: layer 0's dense
     * rows and one-hot rows live apart (see {@link SageNetwork}).
     */
    static int weightAt(SageNetwork net, int k, boolean mean, int c) {
        int dim = net.dimension();
        if (k > 0) {
            return net.weightOffset(k) + ((mean ? net.layerInput(k) : 0) + c) * dim;
        }
        int fd = net.denseDimension();
        return c < fd ? net.weightOffset(0) + ((mean ? fd : 0) + c) * dim
                : net.tableOffset() + ((mean ? net.oneHotWidth() : 0) + c - fd) * dim;
    }

    /** h^level of the node in slot {@code index} of hop {@code hop}, computed from its subtree. */
    static double[] reference(SageNetwork net, float[] p, NeighbourhoodLayout layout, InputFeatures.Encoded input,
                              int level, int hop, int index) {
        if (level == 0) {
            float[] x = InputFeatures.row(input, net.denseDimension(), net.oneHotWidth(),
                    layout.nodes[layout.hopStart[hop] + index]);
            double[] h = new double[x.length];
            for (int c = 0; c < x.length; c++) {
                h[c] = x[c];
            }
            return h;
        }
        int k = level - 1;
        double[] self = reference(net, p, layout, input, k, hop, index);
        int s = net.sampleSize(hop);
        double[] mean = new double[self.length];
        for (int j = 0; j < s; j++) {
            double[] child = reference(net, p, layout, input, k, hop + 1, index * s + j);
            for (int c = 0; c < mean.length; c++) {
                mean[c] += child[c] / s;
            }
        }
        int dim = net.dimension();
        int in = net.layerInput(k);
        double[] out = new double[dim];
        for (int d = 0; d < dim; d++) {
            double sum = p[net.biasOffset(k) + d];
            for (int c = 0; c < in; c++) {
                sum += self[c] * p[weightAt(net, k, false, c) + d] + mean[c] * p[weightAt(net, k, true, c) + d];
            }
            boolean last = k == net.layers() - 1;
            out[d] = last ? sum : net.sigmoid() ? 1 / (1 + Math.exp(-sum)) : Math.max(0, sum);
        }
        return out;
    }
}
