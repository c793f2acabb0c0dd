package org.musig.model.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import org.musig.common.progress.Progress;
import org.musig.model.nn.AggregatorWorkspace;
import org.musig.model.nn.InnerMeans;
import org.musig.model.nn.SageNetwork;
import org.musig.model.nn.TableGradient;
import org.musig.model.nn.TaskLabels;
import org.musig.model.sample.HardNegativeSampler;
import org.musig.model.sample.PositivePairSampler;
import org.musig.model.sample.RandomStreams;

/**
 * The training loop: epochs of batches, each batch's shards run by {@link ShardWorker}s on
 * {@code concurrency} threads, then one Adam step.
 *
 * <p>Per epoch: shuffle the positive pairs, refill the {@link InnerMeans} table (two or more layers), then
 * per batch draw the pairs, their negatives and labels on the calling thread (one stream per batch), run the
 * shards, add their gradients and losses in shard order and step. Every random stream is fixed by the seed
 * and shard size by the configuration, so the result does not depend on the thread count. Stops early when
 * the epoch loss stops improving ({@link LossHistory#endEpoch}), or when the caller's per-epoch check says so.
 */
final class EpochLoop {
    private final TrainConfig config;
    private final SageNetwork net;
    private final ShardWorker.Shared shared;
    private final PositivePairSampler positives;
    private final HardNegativeSampler negativeSampler;
    private final TaskLabels labels;
    private final double[] taskWeights;
    private final int pairsPerEpoch;
    private final AdamOptimizer adam;
    private final float[][] shardGradients;
    private final TableGradient[] shardTables;
    private final double[][] shardLosses;
    private final float[] gradient;
    private final TouchedRowStep touchedRows;
    private final LossHistory history;
    private long innerNanos;
    private long updateNanos;
    private long headNanos;
    private final long[] aggregatorNanos = new long[AggregatorWorkspace.BACKWARD + 1];
    private long trainedPairs;
    private int epochsRun;
    /** Time spent in the caller's per-epoch check, which is not training. */
    private long afterEpochNanos;

    EpochLoop(TrainConfig config, ShardWorker.Shared shared, PositivePairSampler positives,
              HardNegativeSampler negativeSampler, TaskLabels labels, double[] taskWeights) {
        this.config = config;
        this.net = shared.net();
        this.shared = shared;
        this.positives = positives;
        this.negativeSampler = negativeSampler;
        this.labels = labels;
        this.taskWeights = taskWeights;
        pairsPerEpoch = positives.pairsPerEpoch(config.maxPairsPerEpoch());
        adam = new AdamOptimizer(net.parameterCount(), config.learningRate());
        int maxShards = ShardWorker.shards(Math.min(config.batchSize(), pairsPerEpoch));
        // The dense parameters' gradient per shard; the one-hot rows' only for the rows a shard touches.
        shardGradients = new float[maxShards][net.tableOffset()];
        shardTables = new TableGradient[maxShards];
        for (int s = 0; s < maxShards; s++) {
            shardTables[s] = new TableGradient(net);
        }
        shardLosses = new double[maxShards][SageNetwork.TASKS];
        gradient = new float[net.tableOffset()];
        touchedRows = new TouchedRowStep(net);
        history = new LossHistory(taskWeights);
    }

    /** Bytes the loop holds for a network: the optimiser state, the shard gradients and their sum. */
    static long memoryBytes(SageNetwork net, int batchSize, int negativeSamples) {
        int shards = ShardWorker.shards(batchSize);
        long touched = TableGradient.maxTouchedRows(net, ShardWorker.maxRoots(negativeSamples));
        return AdamOptimizer.memoryBytes(net.parameterCount())
                + (4L * net.tableOffset() + 8L * SageNetwork.TASKS + TableGradient.memoryBytes(net, touched)) * shards
                + 4L * net.tableOffset()
                + TouchedRowStep.memoryBytes(net, Math.min(TableGradient.rows(net), touched * shards));
    }

    /** Trains {@code shared.parameters()} in place. */
    void run(Progress progress) {
        run(progress, epoch -> true);
    }

    /**
     * Trains {@code shared.parameters()} in place, calling {@code afterEpoch} with the number of epochs run after
     * each epoch (the parameters and {@link #history()} as that epoch left them, {@link #stageMillis()} up to date);
     * false stops training. The check reads the state only, so training with it gives the same parameters at every
     * epoch as training without it.
     */
    void run(Progress progress, IntPredicate afterEpoch) {
        runTogether(List.of(this), progress, afterEpoch);
    }

    /**
     * Trains several loops (an ensemble's members) side by side: epoch e of every loop that has not stalled, in
     * order, then {@code afterEpoch(e + 1)}, so that the check sees every member after the same epoch. Each loop
     * draws only from its own seed's streams and the state they share is refilled by each loop before use (the inner
     * means, per epoch), so a loop trains the same parameters with or without the others. Stops when every loop has
     * stalled, at {@code epochs}, or when the check says so.
     */
    static void runTogether(List<EpochLoop> loops, Progress progress, IntPredicate afterEpoch) {
        TrainConfig config = loops.get(0).config;
        int maxRoots = ShardWorker.maxRoots(config.negativeSamples());
        List<ShardExecutor<ShardWorker>> executors = new ArrayList<>();
        try {
            for (EpochLoop loop : loops) {
                executors.add(new ShardExecutor<>(config.concurrency(), () -> new ShardWorker(loop.shared, maxRoots)));
            }
            boolean[] stalled = new boolean[loops.size()];
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                boolean allStalled = true;
                for (int m = 0; m < loops.size(); m++) {
                    if (!stalled[m]) {
                        String stage = String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, config.epochs())
                                + (loops.size() == 1 ? "" : String.format(Locale.ROOT, ", member %d/%d", m + 1,
                                        loops.size()));
                        stalled[m] = loops.get(m).runEpoch(executors.get(m), epoch, stage, progress);
                    }
                    allStalled &= stalled[m];
                }
                long c0 = System.nanoTime();
                boolean goOn = afterEpoch.test(epoch + 1);
                long checkNanos = System.nanoTime() - c0;
                loops.forEach(loop -> loop.afterEpochNanos += checkNanos);
                if (allStalled || !goOn) {
                    break;
                }
            }
        } finally {
            for (int m = 0; m < executors.size(); m++) {
                loops.get(m).collectWorkerNanos(executors.get(m));
                executors.get(m).close();
            }
        }
    }

    /** One epoch: shuffle, inner means, every batch. Returns whether the epoch loss stopped improving. */
    private boolean runEpoch(ShardExecutor<ShardWorker> executor, int epoch, String stage, Progress progress) {
        progress.begin(stage, pairsPerEpoch);
        positives.shuffle(pairsPerEpoch, RandomStreams.of(shared.seed(), RandomStreams.PAIR_ORDER, epoch, 0, 0));
        fillInnerMeans(executor, epoch, progress);
        int batches = (pairsPerEpoch + config.batchSize() - 1) / config.batchSize();
        for (int b = 0; b < batches; b++) {
            progress.checkRunning();
            runBatch(executor, epoch, b, progress);
        }
        epochsRun++;
        boolean stalled = history.endEpoch(config.tolerance());
        collectWorkerNanos(executor);
        return stalled;
    }

    /** The workers' thread times so far (each worker's counters are cumulative). */
    private void collectWorkerNanos(ShardExecutor<ShardWorker> executor) {
        headNanos = 0;
        Arrays.fill(aggregatorNanos, 0);
        executor.forEachWorker(worker -> {
            headNanos += worker.headNanos();
            long[] n = worker.aggregatorNanos();
            for (int i = 0; i < n.length; i++) {
                aggregatorNanos[i] += n[i];
            }
        });
    }

    /** Every node's innermost-hop mean for this epoch, from a stream of (seed, epoch, node). */
    private void fillInnerMeans(ShardExecutor<ShardWorker> executor, int epoch, Progress progress) {
        InnerMeans inner = shared.inner();
        if (inner == null) {
            return;
        }
        long i0 = System.nanoTime();
        int chunk = MusigTrainer.INNER_CHUNK;
        executor.runAll((inner.rowCount() + chunk - 1) / chunk, (worker, c) -> inner.fill(
                c * chunk, Math.min(inner.rowCount(), (c + 1) * chunk), shared.neighbours(), shared.encoded(),
                node -> RandomStreams.of(shared.seed(), RandomStreams.TRAIN_INNER_NEIGHBOURS, epoch, node, 0)),
                progress);
        innerNanos += System.nanoTime() - i0;
    }

    /** Batch b of the epoch: draw it, run its shards, add their gradients in shard order, take the Adam step. */
    private void runBatch(ShardExecutor<ShardWorker> executor, int epoch, int b, Progress progress) {
        int from = b * config.batchSize();
        int to = Math.min(pairsPerEpoch, from + config.batchSize());
        TrainingBatch batch = TrainingBatch.sample(positives, from, to, negativeSampler, config.negativeSamples(),
                labels, RandomStreams.of(shared.seed(), RandomStreams.NEGATIVES, epoch, b, 0));
        double[] scale = new double[SageNetwork.TASKS];
        for (int t = 0; t < SageNetwork.TASKS; t++) {
            scale[t] = batch.labelled[t] == 0 ? 0 : taskWeights[t] / batch.labelled[t];
        }
        int shards = ShardWorker.shards(batch.pairs);
        executor.runAll(shards, (worker, s) -> worker.run(batch, epoch, b, s, scale, shardGradients[s],
                shardTables[s], shardLosses[s]), progress);
        long u0 = System.nanoTime();
        Arrays.fill(gradient, 0f);
        for (int s = 0; s < shards; s++) {
            float[] g = shardGradients[s];
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += g[i];
            }
            history.addLoss(shardLosses[s]);
        }
        adam.stepDense(shared.parameters(), gradient, net.tableOffset());
        int chunks = touchedRows.collect(shardTables, shards);
        executor.runAll(chunks, (worker, c) -> touchedRows.stepChunk(c, shardTables, shards, adam,
                shared.parameters()), progress);
        net.copyWeights(shared.parameters(), shared.weights());
        updateNanos += System.nanoTime() - u0;
        history.addLabelled(batch.labelled);
        trainedPairs += batch.pairs;
        progress.advance(batch.pairs);
    }

    int epochsRun() {
        return epochsRun;
    }

    long trainedPairs() {
        return trainedPairs;
    }

    /** Nanoseconds spent in the per-epoch check so far (to leave out of the training time). */
    long afterEpochNanos() {
        return afterEpochNanos;
    }

    LossHistory history() {
        return history;
    }

    /** Milliseconds per stage: the inner means and the update as wall time, the others as thread time. */
    Map<String, Double> stageMillis() {
        Map<String, Double> stageMillis = new LinkedHashMap<>();
        stageMillis.put("innerMeans", innerNanos / 1e6);
        stageMillis.put("sampling", aggregatorNanos[AggregatorWorkspace.SAMPLE] / 1e6);
        stageMillis.put("gather", aggregatorNanos[AggregatorWorkspace.GATHER] / 1e6);
        stageMillis.put("forward", aggregatorNanos[AggregatorWorkspace.FORWARD] / 1e6);
        stageMillis.put("heads", headNanos / 1e6);
        stageMillis.put("backward", aggregatorNanos[AggregatorWorkspace.BACKWARD] / 1e6);
        stageMillis.put("update", updateNanos / 1e6);
        return stageMillis;
    }
}
