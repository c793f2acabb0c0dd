package org.musig.model.train;

import java.util.SplittableRandom;
import org.musig.model.nn.MultiTaskLoss;
import org.musig.model.nn.SageNetwork;
import org.musig.model.nn.TaskLabels;
import org.musig.model.sample.HardNegativeSampler;
import org.musig.model.sample.PositivePairSampler;

/**
 * One batch of training examples: positive pairs (co-occurrence edges, in a random orientation), their
 * negatives (a share of them hard, see {@link HardNegativeSampler}), and every pair's labels for the three
 * tasks. Loss pair {@code q = p * (1 + m) + k} is (anchor p, positive p) for k = 0 and (anchor p, negative
 * k-1 of p) otherwise.
 *
 * <p>Drawn on one thread from one stream per batch; the heavy per-root work is split into shards
 * ({@link #shardRoots}, {@link #shardPairs}) of consecutive positive pairs.
 */
final class TrainingBatch {
    final int pairs;
    final int negatives;
    final int[] anchor;
    final int[] positive;
    final int[] negative;
    final byte[] genreLabel;
    final float[] similarity;
    /** Unmasked loss pairs per task. */
    final int[] labelled = new int[SageNetwork.TASKS];

    private TrainingBatch(int pairs, int negatives) {
        this.pairs = pairs;
        this.negatives = negatives;
        anchor = new int[pairs];
        positive = new int[pairs];
        negative = new int[pairs * negatives];
        genreLabel = new byte[pairs * (1 + negatives)];
        similarity = new float[pairs * (1 + negatives)];
    }

    static TrainingBatch sample(PositivePairSampler positives, int from, int to, HardNegativeSampler negativeSampler,
                                int negatives, TaskLabels labels, SplittableRandom random) {
        TrainingBatch batch = new TrainingBatch(to - from, negatives);
        for (int p = 0; p < batch.pairs; p++) {
            int s = positives.source(from + p);
            int t = positives.target(from + p);
            boolean flip = random.nextBoolean();
            int a = flip ? t : s;
            int b = flip ? s : t;
            batch.anchor[p] = a;
            batch.positive[p] = b;
            batch.label(p * (1 + negatives), a, b, labels);
            for (int k = 0; k < negatives; k++) {
                int n = negativeSampler.next(a, random);
                batch.negative[p * negatives + k] = n;
                batch.label(p * (1 + negatives) + 1 + k, a, n, labels);
            }
        }
        batch.labelled[SageNetwork.PLAYLIST] = batch.pairs * (1 + negatives);
        return batch;
    }

    private void label(int q, int a, int b, TaskLabels labels) {
        int genre = labels.sameGenre(a, b);
        genreLabel[q] = (byte) genre;
        if (genre >= 0) {
            labelled[SageNetwork.GENRE]++;
        }
        if (labels.hasSimilarity(a, b)) {
            similarity[q] = labels.similarity(a, b);
            labelled[SageNetwork.SIMILARITY]++;
        } else {
            similarity[q] = Float.NaN;
        }
    }

    /** Roots of positive pairs [p0, p1): their anchors, then their positives, then their negatives. */
    int shardRoots(int p0, int p1, int[] roots) {
        int n = p1 - p0;
        System.arraycopy(anchor, p0, roots, 0, n);
        System.arraycopy(positive, p0, roots, n, n);
        System.arraycopy(negative, p0 * negatives, roots, 2 * n, n * negatives);
        return n * (2 + negatives);
    }

    /**
     * The loss pairs of positive pairs [p0, p1), as root indices into {@link #shardRoots}' order; {@code roots} is
     * what {@link #shardRoots} wrote for them (each root's track).
     */
    MultiTaskLoss.Pairs shardPairs(int p0, int p1, int[] roots) {
        int n = p1 - p0;
        int per = 1 + negatives;
        int count = n * per;
        int[] left = new int[count];
        int[] right = new int[count];
        byte[] playlist = new byte[count];
        byte[] genre = new byte[count];
        float[] sim = new float[count];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < per; k++) {
                int q = i * per + k;
                left[q] = i;
                right[q] = k == 0 ? n + i : 2 * n + i * negatives + (k - 1);
                playlist[q] = (byte) (k == 0 ? 1 : 0);
                genre[q] = genreLabel[(p0 + i) * per + k];
                sim[q] = similarity[(p0 + i) * per + k];
            }
        }
        return new MultiTaskLoss.Pairs(count, left, right, playlist, genre, sim, roots);
    }
}
