package org.musig.model.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.musig.model.nn.AggregatorWorkspace;
import org.musig.model.nn.InnerMeans;
import org.musig.model.nn.InputFeatures;
import org.musig.model.nn.MultiTaskLoss;
import org.musig.model.nn.SageNetwork;
import org.musig.model.nn.TableGradient;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.sample.RandomStreams;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One thread's part of a training batch: runs a shard of {@value #SHARD_PAIRS} positive pairs (their roots'
 * neighbourhoods, forward, the task heads' loss, backward) into the shard's own gradient. Holds the thread's
 * {@link AggregatorWorkspace} and the shard-sized scratch arrays, reused for every shard.
 */
final class ShardWorker {
    /** Positive pairs per shard: big enough for efficient matrix products, small enough to split a batch. */
    static final int SHARD_PAIRS = 128;

    /**
     * What every shard of a training run reads. {@code parameters} and {@code weights} are updated in place
     * between batches; {@code inner} is refilled each epoch (null with one layer).
     */
    record Shared(SageNetwork net, float[] parameters, INDArray[] weights, NeighborhoodSampler neighbours,
                  InputFeatures.Encoded encoded, InnerMeans inner, MultiTaskLoss loss, long seed,
                  double coldStartRate, boolean maskPartner) {
    }

    private final Shared shared;
    private final AggregatorWorkspace workspace;
    private final int[] roots;
    private final long[] seeds;
    private final boolean[] isolated;
    private final int[] partner;
    private final float[] dz;
    private long headNanos;

    ShardWorker(Shared shared, int maxRoots) {
        this.shared = shared;
        workspace = new AggregatorWorkspace(shared.net(), maxRoots);
        roots = new int[maxRoots];
        seeds = new long[maxRoots];
        isolated = new boolean[maxRoots];
        partner = new int[maxRoots];
        dz = new float[maxRoots * shared.net().dimension()];
    }

    /** Bytes a worker holds: its workspace and the arrays above. */
    static long memoryBytes(SageNetwork net, int maxRoots) {
        return AggregatorWorkspace.memoryBytes(net, maxRoots) + (4L + 8 + 1 + 4 + 4L * net.dimension()) * maxRoots;
    }

    /** Roots of a full shard: each pair's anchor and positive, and its negatives. */
    static int maxRoots(int negativeSamples) {
        return SHARD_PAIRS * (2 + negativeSamples);
    }

    /** Shards of a batch of {@code pairs} positive pairs. */
    static int shards(int pairs) {
        return (pairs + SHARD_PAIRS - 1) / SHARD_PAIRS;
    }

    /**
     * Runs shard {@code shard} of batch {@code batchIndex} of epoch {@code epoch}: writes its gradient (the
     * layers' and heads', {@code gradient} as long as the parameters before {@link SageNetwork#tableOffset}; the
     * one-hot rows' into {@code tables}) and its per-task loss sums into {@code losses}.
     *
     * @param scale per task, the factor of a labelled pair's loss (task weight / labelled pairs in the batch)
     */
    void run(TrainingBatch batch, int epoch, int batchIndex, int shard, double[] scale, float[] gradient,
             TableGradient tables, double[] losses) {
        int p0 = shard * SHARD_PAIRS;
        int p1 = Math.min(batch.pairs, p0 + SHARD_PAIRS);
        int count = batch.shardRoots(p0, p1, roots);
        drawSeeds(count, epoch, batchIndex, shard);
        boolean[] isolatedRoots = null;
        if (shared.coldStartRate() > 0) {
            isolatedRoots = isolated;
            drawIsolated(RandomStreams.of(shared.seed(), RandomStreams.COLD_START, epoch, batchIndex, shard),
                    shared.coldStartRate(), count, isolatedRoots);
        }
        int[] partners = null;
        if (shared.maskPartner()) {
            partners = partner;
            pairPartners(roots, count, p1 - p0, partners);
        }
        workspace.prepare(roots, seeds, count, shared.neighbours(), shared.encoded(), shared.inner(), isolatedRoots,
                partners);
        workspace.forward(shared.parameters(), shared.weights());
        long h0 = System.nanoTime();
        Arrays.fill(gradient, 0f);
        Arrays.fill(losses, 0);
        shared.loss().compute(shared.parameters(), workspace.embeddings(), count, batch.shardPairs(p0, p1, roots),
                scale, dz,
                gradient, losses);
        headNanos += System.nanoTime() - h0;
        workspace.backward(dz, shared.weights(), gradient, tables);
    }

    /** Each root's neighbourhood stream, from the shard's stream: fixed by the seed, whatever thread runs it. */
    private void drawSeeds(int count, int epoch, int batchIndex, int shard) {
        SplittableRandom random =
                RandomStreams.of(shared.seed(), RandomStreams.TRAIN_NEIGHBOURS, epoch, batchIndex, shard);
        for (int r = 0; r < count; r++) {
            seeds[r] = random.nextLong();
        }
    }

    /** Which of {@code count} roots are embedded as cold tracks (no neighbours), each with probability {@code rate}. */
    static void drawIsolated(SplittableRandom cold, double rate, int count, boolean[] isolated) {
        for (int r = 0; r < count; r++) {
            isolated[r] = cold.nextDouble() < rate;
        }
    }

    /**
     * Each root's pair partner, to be kept out of its sampled first hop: {@code roots} are the {@code pairs}
     * anchors, their positives, then the negatives (which have none: -1).
     */
    static void pairPartners(int[] roots, int count, int pairs, int[] partner) {
        Arrays.fill(partner, 0, count, -1);
        for (int r = 0; r < pairs; r++) {
            partner[r] = roots[pairs + r];
            partner[pairs + r] = roots[r];
        }
    }

    /** Thread time in the task heads since creation. */
    long headNanos() {
        return headNanos;
    }

    /** Thread time per aggregator stage since creation ({@link AggregatorWorkspace#nanos}). */
    long[] aggregatorNanos() {
        return workspace.nanos();
    }
}
