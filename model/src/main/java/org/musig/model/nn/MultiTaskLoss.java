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
 */
public final class MultiTaskLoss {
    private final SageNetwork net;

    public MultiTaskLoss(SageNetwork net) {
        this.net = net;
    }

    /**
     * One shard's pairs. Pair q joins roots {@code left[q]} and {@code right[q]} (rows of {@code z}).
     *
     * @param playlistLabel 1 or 0 per pair
     * @param genreLabel    1, 0, or -1 (masked) per pair
     * @param similarity    target per pair, NaN when masked
     */
    public record Pairs(int count, int[] left, int[] right, byte[] playlistLabel, byte[] genreLabel,
                        float[] similarity) {
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
}
