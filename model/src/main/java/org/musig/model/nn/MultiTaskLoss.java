package org.musig.model.nn;

import java.util.Arrays;

/**
 * The three task heads and the paper's combined loss (eq. 6): {@code L = c1 Lplaylist + c2 Lgenre + c3 Laudio}.
 * Each head scores a pair (z_i, z_j) as {@code w_t . (z_i * z_j) + b_t} (see {@link SageNetwork}):
 * <ul>
 *   <li>playlist: binary cross-entropy on that logit; label 1 for a co-occurrence edge, 0 for a negative;</li>
 *   <li>genre: binary cross-entropy; label "same genre"; pairs with an unknown genre are masked out;</li>
 *   <li>audio: squared error between the score and the pairs' audio similarity; masked where unknown.</li>
 * </ul>
 * Each task's loss is the mean over its unmasked pairs of the whole batch, so a shard's gradient is
 * scaled by {@code c_t / (unmasked pairs of t in the batch)} and the shards' gradients simply add up.
 *
 * <p>{@link #inBatchSoftmax} replaces the playlist head's pairs (our extension): each anchor's positive is scored
 * against every other positive and negative of its shard, a softmax over the cosines (the score ranking uses)
 * divided by a temperature. With positives drawn from the playlists, the shard's other positives are tracks drawn in
 * proportion to how many playlists hold them, as the evaluation's negatives are. The genre and audio tasks keep their
 * pairs.
 */
public final class MultiTaskLoss {
    private final SageNetwork net;
    private final double temperature; // 0: the playlist head's pairs

    private MultiTaskLoss(SageNetwork net, double temperature) {
        this.net = net;
        this.temperature = temperature;
    }

    /** The paper's loss: every task on its pairs. */
    public static MultiTaskLoss pairs(SageNetwork net) {
        return new MultiTaskLoss(net, 0);
    }

    /** The playlist task as an in-batch softmax over cosines / {@code temperature}; the other tasks on their pairs. */
    public static MultiTaskLoss inBatchSoftmax(SageNetwork net, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("softmax temperature must be > 0, got " + temperature);
        }
        return new MultiTaskLoss(net, temperature);
    }

    /**
     * One shard's pairs. Pair q joins roots {@code left[q]} and {@code right[q]} (rows of {@code z}). The roots are
     * laid out as the training lays them out: the n anchors, their n positives, then the negatives; the positive
     * pairs are (i, n + i).
     *
     * @param playlistLabel 1 or 0 per pair
     * @param genreLabel    1, 0, or -1 (masked) per pair
     * @param similarity    target per pair, NaN when masked
     * @param track         each root's track, so that the softmax never counts a track as its own negative
     */
    public record Pairs(int count, int[] left, int[] right, byte[] playlistLabel, byte[] genreLabel,
                        float[] similarity, int[] track) {
    }

    /**
     * Adds the heads' gradients to {@code gradient} (head positions, which the caller zeroed), writes
     * {@code dz = dL/dz} (zeroed here) and adds each task's summed, unweighted loss to {@code lossSums}.
     *
     * @param scale per task, {@code c_t / unmasked pairs of t in the batch}; 0 switches a task off
     */
    public void compute(float[] parameters, float[] z, int roots, Pairs pairs, double[] scale, float[] dz,
                        float[] gradient, double[] lossSums) {
        int dim = net.dimension();
        Arrays.fill(dz, 0, roots * dim, 0f);
        if (temperature > 0 && scale[SageNetwork.PLAYLIST] != 0) {
            playlistSoftmax(z, roots, pairs, scale[SageNetwork.PLAYLIST], dz, lossSums);
            scale = scale.clone();
            scale[SageNetwork.PLAYLIST] = 0; // done: the pairs below are the other tasks'
        }
        // The rows a pair touches are copied to scratch rows at index 0 (C2 vectorises loops whose arrays are all
        // indexed from the same offset), and each head's weight gradient is summed in a row of its own from zero,
        // in pair order, then added to the zeroed gradient: the same sums, the same bits.
        float[] left = new float[dim];
        float[] right = new float[dim];
        float[] product = new float[dim];
        float[] dProduct = new float[dim];
        float[] dzRow = new float[dim];
        float[][] headWeights = new float[SageNetwork.TASKS][];
        float[][] headGradients = new float[SageNetwork.TASKS][dim];
        boolean[] headUsed = new boolean[SageNetwork.TASKS];
        for (int task = 0; task < SageNetwork.TASKS; task++) {
            int w = net.headWeightOffset(task);
            headWeights[task] = Arrays.copyOfRange(parameters, w, w + dim);
        }
        for (int q = 0; q < pairs.count(); q++) {
            int a = pairs.left()[q] * dim;
            int b = pairs.right()[q] * dim;
            System.arraycopy(z, a, left, 0, dim);
            System.arraycopy(z, b, right, 0, dim);
            for (int d = 0; d < dim; d++) {
                product[d] = left[d] * right[d];
            }
            Arrays.fill(dProduct, 0f);
            boolean any = false;
            for (int task = 0; task < SageNetwork.TASKS; task++) {
                if (scale[task] == 0) {
                    continue;
                }
                double label;
                if (task == SageNetwork.PLAYLIST) {
                    label = pairs.playlistLabel()[q];
                } else if (task == SageNetwork.GENRE) {
                    label = pairs.genreLabel()[q];
                    if (label < 0) {
                        continue;
                    }
                } else {
                    label = pairs.similarity()[q];
                    if (Double.isNaN(label)) {
                        continue;
                    }
                }
                float[] weights = headWeights[task];
                double score = parameters[net.headBiasOffset(task)];
                for (int d = 0; d < dim; d++) {
                    score += weights[d] * product[d];
                }
                double dScore;
                if (task == SageNetwork.SIMILARITY) {
                    double error = score - label;
                    lossSums[task] += error * error;
                    dScore = 2 * error;
                } else {
                    // BCE with logits, in the overflow-free form softplus(s) - y s.
                    lossSums[task] += Math.max(score, 0) + Math.log1p(Math.exp(-Math.abs(score))) - label * score;
                    dScore = 1 / (1 + Math.exp(-score)) - label;
                }
                float g = (float) (dScore * scale[task]);
                gradient[net.headBiasOffset(task)] += g;
                float[] headGradient = headGradients[task];
                for (int d = 0; d < dim; d++) {
                    headGradient[d] += g * product[d];
                    dProduct[d] += g * weights[d];
                }
                headUsed[task] = true;
                any = true;
            }
            if (any) {
                System.arraycopy(dz, a, dzRow, 0, dim);
                for (int d = 0; d < dim; d++) {
                    dzRow[d] += dProduct[d] * right[d];
                }
                System.arraycopy(dzRow, 0, dz, a, dim);
                System.arraycopy(dz, b, dzRow, 0, dim);
                for (int d = 0; d < dim; d++) {
                    dzRow[d] += dProduct[d] * left[d];
                }
                System.arraycopy(dzRow, 0, dz, b, dim);
            }
        }
        for (int task = 0; task < SageNetwork.TASKS; task++) {
            if (headUsed[task]) {
                int w = net.headWeightOffset(task);
                for (int d = 0; d < dim; d++) {
                    gradient[w + d] += headGradients[task][d];
                }
            }
        }
    }

    /**
     * Anchor i's loss: {@code -log softmax(z_i . z_c / T)} at its positive {@code c = n + i}, over the candidates c =
     * every root from n on (the shard's positives and negatives) but those of the anchor's or the positive's own
     * track. The anchors' losses are weighted as the pairs' would be: {@code scale} is {@code c1 / loss pairs of the
     * batch}, so an anchor's weight is {@code c1 / positive pairs of the batch}; its loss is added to {@code lossSums}
     * at that weight relative to a pair's, so the reported loss is the mean over anchors.
     */
    private void playlistSoftmax(float[] z, int roots, Pairs pairs, double scale, float[] dz, double[] lossSums) {
        int dim = net.dimension();
        int n = 0;
        for (int q = 0; q < pairs.count(); q++) {
            n += pairs.playlistLabel()[q];
        }
        double perAnchor = (double) pairs.count() / n;
        int candidates = roots - n;
        double[] weight = new double[candidates];
        for (int i = 0; i < n; i++) {
            int a = i * dim;
            int anchorTrack = pairs.track()[i];
            int positiveTrack = pairs.track()[n + i];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < candidates; c++) {
                int t = pairs.track()[n + c];
                if (c != i && (t == positiveTrack || t == anchorTrack)) {
                    weight[c] = Double.NEGATIVE_INFINITY; // the same track again: not a negative
                    continue;
                }
                int b = (n + c) * dim;
                double dot = 0;
                for (int d = 0; d < dim; d++) {
                    dot += z[a + d] * z[b + d];
                }
                weight[c] = dot / temperature;
                max = Math.max(max, weight[c]);
            }
            double positiveLogit = weight[i];
            double sum = 0;
            for (int c = 0; c < candidates; c++) {
                weight[c] = Math.exp(weight[c] - max);
                sum += weight[c];
            }
            lossSums[SageNetwork.PLAYLIST] += perAnchor * (Math.log(sum) + max - positiveLogit);
            for (int c = 0; c < candidates; c++) {
                double g = (weight[c] / sum - (c == i ? 1 : 0)) * perAnchor * scale / temperature;
                if (g == 0) {
                    continue;
                }
                int b = (n + c) * dim;
                for (int d = 0; d < dim; d++) {
                    dz[a + d] += (float) (g * z[b + d]);
                    dz[b + d] += (float) (g * z[a + d]);
                }
            }
        }
    }
}
