package org.musig.model.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.musig.common.progress.Progress;
import org.musig.model.NativeBackend;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.nn.AggregatorWorkspace;
import org.musig.model.nn.CategoryFactors;
import org.musig.model.nn.InnerMeans;
import org.musig.model.nn.InputFeatures;
import org.musig.model.nn.MultiTaskLoss;
import org.musig.model.nn.SageNetwork;
import org.musig.model.nn.TaskLabels;
import org.musig.model.nn.TitleEncoder;
import org.musig.model.sample.NegativeSampler;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.sample.PositivePairSampler;
import org.musig.model.sample.RandomStreams;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains MUSIG (paper section 3.3-3.5): a K-layer mean aggregator shared by three task heads (playlist
 * co-occurrence, same genre, audio similarity), on the co-occurrence edges as positive pairs with
 * sampled negatives, minimising {@code c1 Lplaylist + c2 Lgenre + c3 Laudio} with Adam.
 *
 * <p>Per batch: the calling thread draws the pairs, their negatives and labels (one stream per batch);
 * the batch is cut into shards of {@value #SHARD_PAIRS} positive pairs that run on {@code concurrency}
 * threads (sample neighbourhoods, gather features, forward, heads, backward into the shard's own
 * gradient); the calling thread adds the shard gradients in shard order and takes the Adam step. Shard
 * size and every random stream are fixed by the configuration and the seed, so the trained model is the
 * same for any concurrency.
 *
 * <p>With two or more layers, each epoch starts by filling an {@link InnerMeans} table: every node's
 * innermost-hop neighbourhood mean, sampled from a stream of (seed, epoch, node) and shared by all of the
 * node's occurrences in that epoch, so a batch gathers about 50 rows per root instead of about 275.
 *
 * <p>Tasks without labels (no track has a genre, or none has the regression group) are skipped with a
 * notice; so are requested input groups the data lacks. Progress: one stage per epoch, advanced per
 * batch; {@link Progress#checkRunning()} is called before every shard or every 100 ms.
 */
public final class MusigTrainer {
    /** Positive pairs per shard: big enough for efficient matrix products, small enough to split a batch. */
    static final int SHARD_PAIRS = 128;
    /** Inner-mean table rows per parallel work unit. */
    static final int INNER_CHUNK = 1024;

    private MusigTrainer() {
    }

    /** Per thread: the workspace plus the shard-sized scratch arrays. */
    private static final class Worker {
        final AggregatorWorkspace workspace;
        final int[] roots;
        final long[] seeds;
        final float[] dz;
        final boolean[] isolated;
        final int[] partner;

        Worker(SageNetwork net, int maxRoots) {
            workspace = new AggregatorWorkspace(net, maxRoots);
            roots = new int[maxRoots];
            seeds = new long[maxRoots];
            isolated = new boolean[maxRoots];
            partner = new int[maxRoots];
            dz = new float[maxRoots * net.dimension()];
        }
    }

    public static TrainedModel train(CooccurrenceGraph graph, TrackFeatures features, TrainConfig config,
                                     Progress progress) {
        NativeBackend.ensureLoaded(MusigTrainer.class);
        if (graph.nodeCount() != features.trackCount()) {
            throw new IllegalArgumentException("the graph has " + graph.nodeCount() + " nodes but the feature table "
                    + features.trackCount() + " tracks; they must describe the same tracks");
        }
        if (graph.relationshipCount() == 0) {
            throw new IllegalArgumentException("the co-occurrence graph has no relationships, so there are no training "
                    + "pairs; lower minWeight or load more playlists");
        }
        List<String> notices = new ArrayList<>();
        InputFeatures input = InputFeatures.fit(features, config.features(), config.topGenres(),
                config.metadataDimension(), config.titleDimension(), config.randomSeed(), notices);
        InputFeatures.Encoded encoded = input.encode(features);
        TaskLabels labels = TaskLabels.of(features, config.regressionTarget().text());
        double[] taskWeights = activeTaskWeights(config, labels, notices);

        SageNetwork net = network(config, input.denseDimension(), input.oneHotWidth());
        long seed = config.randomSeed();
        float[] parameters = net.initialParameters(RandomStreams.of(seed, RandomStreams.INIT, 0, 0, 0));
        AdamOptimizer adam = new AdamOptimizer(net.parameterCount(), config.learningRate());
        INDArray[] weights = net.nativeWeights(parameters);
        NeighborhoodSampler neighbours = new NeighborhoodSampler(graph, config.sampling() == TrainConfig.Sampling.WEIGHTED);
        NegativeSampler negativeSampler = config.negativeSampler() == TrainConfig.NegativeSampling.DEGREE
                ? NegativeSampler.byDegree(graph, 0.75) : NegativeSampler.uniform(graph.nodeCount());
        PositivePairSampler positives = new PositivePairSampler(graph);
        MultiTaskLoss loss = new MultiTaskLoss(net);

        int pairsPerEpoch = positives.pairsPerEpoch(config.maxPairsPerEpoch());
        int batchSize = config.batchSize();
        int maxShards = (Math.min(batchSize, pairsPerEpoch) + SHARD_PAIRS - 1) / SHARD_PAIRS;
        float[][] shardGradients = new float[maxShards][net.parameterCount()];
        double[][] shardLosses = new double[maxShards][SageNetwork.TASKS];
        float[] gradient = new float[net.parameterCount()];
        int maxRoots = SHARD_PAIRS * (2 + config.negativeSamples());
        InnerMeans inner = net.layers() < 2 ? null
                : new InnerMeans(graph, net.denseDimension(), net.sampleSize(net.layers() - 1), null);

        Map<String, List<Double>> losses = new LinkedHashMap<>();
        for (int t = 0; t < SageNetwork.TASKS; t++) {
            if (taskWeights[t] > 0) {
                losses.put(SageNetwork.TASK_NAMES.get(t), new ArrayList<>());
            }
        }
        losses.put("total", new ArrayList<>());
        long headNanos = 0;
        long innerNanos = 0;
        long updateNanos = 0;
        long trainedPairs = 0;
        int epochsRun = 0;
        long[] stageNanos = new long[4];
        long start = System.nanoTime();
        try (ShardExecutor<Worker> executor = new ShardExecutor<>(config.concurrency(), () -> new Worker(net, maxRoots))) {
            long[] headTime = new long[maxShards];
            double previousTotal = Double.NaN;
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                progress.begin(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, config.epochs()), pairsPerEpoch);
                positives.shuffle(pairsPerEpoch, RandomStreams.of(seed, RandomStreams.PAIR_ORDER, epoch, 0, 0));
                if (inner != null) {
                    long i0 = System.nanoTime();
                    int epochIndex = epoch;
                    executor.runAll((inner.rowCount() + INNER_CHUNK - 1) / INNER_CHUNK, (worker, c) -> inner.fill(
                            c * INNER_CHUNK, Math.min(inner.rowCount(), (c + 1) * INNER_CHUNK), neighbours, encoded,
                            node -> RandomStreams.of(seed, RandomStreams.TRAIN_INNER_NEIGHBOURS, epochIndex, node, 0)),
                            progress);
                    innerNanos += System.nanoTime() - i0;
                }
                double[] epochLoss = new double[SageNetwork.TASKS];
                long[] epochLabelled = new long[SageNetwork.TASKS];
                int batches = (pairsPerEpoch + batchSize - 1) / batchSize;
                for (int b = 0; b < batches; b++) {
                    progress.checkRunning();
                    int from = b * batchSize;
                    int to = Math.min(pairsPerEpoch, from + batchSize);
                    TrainingBatch batch = TrainingBatch.sample(positives, from, to, negativeSampler,
                            config.negativeSamples(), labels,
                            RandomStreams.of(seed, RandomStreams.NEGATIVES, epoch, b, 0));
                    double[] scale = new double[SageNetwork.TASKS];
                    for (int t = 0; t < SageNetwork.TASKS; t++) {
                        scale[t] = batch.labelled[t] == 0 ? 0 : taskWeights[t] / batch.labelled[t];
                    }
                    int shards = (batch.pairs + SHARD_PAIRS - 1) / SHARD_PAIRS;
                    int epochIndex = epoch;
                    int batchIndex = b;
                    executor.runAll(shards, (worker, s) -> {
                        int p0 = s * SHARD_PAIRS;
                        int p1 = Math.min(batch.pairs, p0 + SHARD_PAIRS);
                        int roots = batch.shardRoots(p0, p1, worker.roots);
                        SplittableRandom random = RandomStreams.of(seed, RandomStreams.TRAIN_NEIGHBOURS,
                                epochIndex, batchIndex, s);
                        for (int r = 0; r < roots; r++) {
                            worker.seeds[r] = random.nextLong();
                        }
                        boolean[] isolated = null;
                        if (config.coldStartRate() > 0) {
                            isolated = worker.isolated;
                            SplittableRandom cold = RandomStreams.of(seed, RandomStreams.COLD_START, epochIndex,
                                    batchIndex, s);
                            for (int r = 0; r < roots; r++) {
                                isolated[r] = cold.nextDouble() < config.coldStartRate();
                            }
                        }
                        int[] partner = null;
                        if (config.maskPartner()) { // roots: anchors, their positives, then the negatives
                            partner = worker.partner;
                            int n = p1 - p0;
                            Arrays.fill(partner, 0, roots, -1);
                            for (int r = 0; r < n; r++) {
                                partner[r] = worker.roots[n + r];
                                partner[n + r] = worker.roots[r];
                            }
                        }
                        AggregatorWorkspace ws = worker.workspace;
                        ws.prepare(worker.roots, worker.seeds, roots, neighbours, encoded, inner, isolated, partner);
                        ws.forward(parameters, weights);
                        long h0 = System.nanoTime();
                        float[] g = shardGradients[s];
                        Arrays.fill(g, 0f);
                        Arrays.fill(shardLosses[s], 0);
                        loss.compute(parameters, ws.embeddings(), roots, batch.shardPairs(p0, p1), scale, worker.dz, g,
                                shardLosses[s]);
                        headTime[s] += System.nanoTime() - h0;
                        ws.backward(worker.dz, weights, g);
                    }, progress);
                    long u0 = System.nanoTime();
                    Arrays.fill(gradient, 0f);
                    for (int s = 0; s < shards; s++) {
                        float[] g = shardGradients[s];
                        for (int i = 0; i < gradient.length; i++) {
                            gradient[i] += g[i];
                        }
                        for (int t = 0; t < SageNetwork.TASKS; t++) {
                            epochLoss[t] += shardLosses[s][t];
                        }
                    }
                    adam.step(parameters, gradient);
                    net.copyWeights(parameters, weights);
                    updateNanos += System.nanoTime() - u0;
                    for (int t = 0; t < SageNetwork.TASKS; t++) {
                        epochLabelled[t] += batch.labelled[t];
                    }
                    trainedPairs += batch.pairs;
                    progress.advance(batch.pairs);
                }
                epochsRun++;
                double total = 0;
                for (int t = 0; t < SageNetwork.TASKS; t++) {
                    if (taskWeights[t] > 0) {
                        double mean = epochLabelled[t] == 0 ? Double.NaN : epochLoss[t] / epochLabelled[t];
                        losses.get(SageNetwork.TASK_NAMES.get(t)).add(mean);
                        if (epochLabelled[t] > 0) {
                            total += taskWeights[t] * mean;
                        }
                    }
                }
                losses.get("total").add(total);
                if (!Double.isNaN(previousTotal)
                        && (previousTotal - total) < config.tolerance() * Math.abs(previousTotal)) {
                    break; // improved by less than the tolerance: converged (or diverging)
                }
                previousTotal = total;
            }
            for (long t : headTime) {
                headNanos += t;
            }
            executor.forEachWorker(worker -> {
                long[] n = worker.workspace.nanos();
                for (int i = 0; i < n.length; i++) {
                    stageNanos[i] += n[i];
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> stageMillis = new LinkedHashMap<>();
        stageMillis.put("innerMeans", innerNanos / 1e6); // wall time (parallel)
        stageMillis.put("sampling", stageNanos[AggregatorWorkspace.SAMPLE] / 1e6);
        stageMillis.put("gather", stageNanos[AggregatorWorkspace.GATHER] / 1e6);
        stageMillis.put("forward", stageNanos[AggregatorWorkspace.FORWARD] / 1e6);
        stageMillis.put("heads", headNanos / 1e6);
        stageMillis.put("backward", stageNanos[AggregatorWorkspace.BACKWARD] / 1e6);
        stageMillis.put("update", updateNanos / 1e6);
        TrainedModel.TrainingSummary summary = new TrainedModel.TrainingSummary(epochsRun, losses, trainedPairs,
                trainedPairs / Math.max(seconds, 1e-9), seconds * 1000, stageMillis, notices);
        return new TrainedModel(config, input, net, parameters, summary);
    }

    static SageNetwork network(TrainConfig config, int denseDimension, int oneHotWidth) {
        int[] samples = config.sampleSizes().stream().mapToInt(Integer::intValue).toArray();
        return new SageNetwork(denseDimension, oneHotWidth, config.embeddingDimension(), samples,
                config.activation() == TrainConfig.Activation.SIGMOID);
    }

    /** The configured task weights, with tasks that have no labels in the data set to 0 (and a notice). */
    private static double[] activeTaskWeights(TrainConfig config, TaskLabels labels, List<String> notices) {
        double[] w = new double[SageNetwork.TASKS];
        for (int t = 0; t < SageNetwork.TASKS; t++) {
            w[t] = config.taskWeight(SageNetwork.TASK_NAMES.get(t));
        }
        if (w[SageNetwork.GENRE] > 0 && labels.genreLabelledTracks() < 2) {
            notices.add("task 'genre' skipped: fewer than two tracks have a genre");
            w[SageNetwork.GENRE] = 0;
        }
        if (w[SageNetwork.SIMILARITY] > 0 && labels.similarityLabelledTracks() < 2) {
            notices.add("task 'audio' skipped: fewer than two tracks have the '" + config.regressionTarget().text()
                    + "' feature group");
            w[SageNetwork.SIMILARITY] = 0;
        }
        if (Arrays.stream(w).allMatch(x -> x == 0)) {
            throw new IllegalArgumentException("no task left to train: the tasks with a weight > 0 have no labels in the data "
                    + notices);
        }
        return w;
    }

    /**
     * Bytes a training on this graph and feature table needs besides them: {@link #estimateBytes(int, long,
     * TrainConfig, int)} for the input width {@link InputFeatures#fit} will give, plus the artist and album vectors
     * (their randomized SVD's peak, and the vocabulary and vectors kept) and the title encoder (its fit's peak).
     */
    public static long estimateBytes(CooccurrenceGraph graph, TrackFeatures features, TrainConfig config) {
        int width = InputFeatures.width(features, config.features(), config.topGenres(), config.metadataDimension(),
                config.titleDimension());
        return estimateBytes(graph.nodeCount(), graph.relationshipCount(), config, width)
                + metadataBytes(features, config);
    }

    private static long metadataBytes(TrackFeatures features, TrainConfig config) {
        long bytes = 0;
        PlaylistMemberships memberships = features.memberships();
        for (String group : config.features()) {
            TrackCategory category = features.category(group);
            if (category != null && memberships != null) {
                bytes += CategoryFactors.memoryBytes(category.size(), memberships.membershipCount(),
                        memberships.playlistCount(), config.metadataDimension())
                        + (long) category.size() * (4L * config.metadataDimension() + 60);
            }
        }
        if (config.features().contains(TrackFeatures.TITLE) && features.tracksWithTitle() > 0) {
            bytes += TitleEncoder.fitMemoryBytes(features.trackCount(), config.titleDimension());
        }
        return bytes;
    }

    /**
     * Bytes a training run needs besides the graph and the feature table themselves: the encoded input
     * table, labels, samplers, per-thread workspaces, parameters and optimiser state.
     *
     * @param featureDimension the width of the encoded input h^0 (e.g. 51 genre + 3 popularity + 13 audio columns)
     */
    public static long estimateBytes(int nodeCount, long relationshipCount, TrainConfig config, int featureDimension) {
        SageNetwork net = network(config, Math.max(1, featureDimension), 0); // all dense: an upper bound
        long bytes = InputFeatures.encodedBytes(nodeCount, net.inputDimension());
        bytes += 4L * nodeCount + 4L * nodeCount * 13 + nodeCount; // genre labels, similarity targets, their mask
        bytes += PositivePairSampler.memoryBytes(relationshipCount);
        bytes += NegativeSampler.memoryBytes(nodeCount);
        bytes += NeighborhoodSampler.memoryBytes(relationshipCount, config.sampling() == TrainConfig.Sampling.WEIGHTED);
        if (net.layers() > 1) {
            bytes += InnerMeans.memoryBytes(nodeCount, net.denseDimension(), net.sampleSize(net.layers() - 1));
        }
        int maxRoots = SHARD_PAIRS * (2 + config.negativeSamples());
        bytes += config.concurrency() * AggregatorWorkspace.memoryBytes(net, maxRoots);
        int shards = (config.batchSize() + SHARD_PAIRS - 1) / SHARD_PAIRS;
        bytes += 4L * net.parameterCount() * (3 + shards) + AdamOptimizer.memoryBytes(net.parameterCount());
        return bytes;
    }
}
