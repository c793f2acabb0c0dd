package org.musig.model.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.common.progress.Progress;
import org.musig.model.NativeBackend;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.nn.CategoryFactors;
import org.musig.model.nn.InnerMeans;
import org.musig.model.nn.InputFeatures;
import org.musig.model.nn.MultiTaskLoss;
import org.musig.model.nn.SageNetwork;
import org.musig.model.nn.TaskLabels;
import org.musig.model.nn.TitleEncoder;
import org.musig.model.sample.HardNegativeSampler;
import org.musig.model.sample.NegativeSampler;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.sample.PositivePairSampler;
import org.musig.model.sample.RandomStreams;

/**
 * Trains MUSIG (paper section 3.3-3.5): a K-layer mean aggregator shared by three task heads (playlist
 * co-occurrence, same genre, audio similarity), on the co-occurrence edges as positive pairs with
 * sampled negatives, minimising {@code c1 Lplaylist + c2 Lgenre + c3 Laudio} with Adam.
 *
 * <p>This class checks the inputs, encodes the features, builds the network and the samplers, runs the
 * {@link EpochLoop} and wraps the result. Per batch the loop cuts the pairs into shards of
 * {@value ShardWorker#SHARD_PAIRS} positive pairs that run on {@code concurrency} threads
 * ({@link ShardWorker}); shard size and every random stream are fixed by the configuration and the seed, so
 * the trained model is the same for any concurrency. With {@code ensembleSize} n, n loops (members) train side by
 * side ({@link EpochLoop#runTogether}), each from its own seed ({@link RandomStreams#memberSeed}).
 *
 * <p>With two or more layers, each epoch starts by filling an {@link InnerMeans} table: every node's
 * innermost-hop neighbourhood mean, sampled from a stream of (seed, epoch, node) and shared by all of the
 * node's occurrences in that epoch, so a batch gathers about 50 rows per root instead of about 275.
 *
 * <p>Tasks without labels (no track has a genre, or none has the regression group) are skipped with a
 * notice; so are requested input groups the data lacks. Progress: with walk neighbourhoods first a stage for the
 * walks, advanced per chunk of nodes; then one stage per epoch, advanced per
 * batch; {@link Progress#checkRunning()} is called before every shard or every 100 ms.
 *
 * <p>An {@link EpochListener} sees a snapshot of the model after every epoch (e.g. to score it on validation
 * data) and may stop training; it changes nothing else, so the snapshot after epoch k has the parameters a
 * training of {@code epochs = k} ends with.
 */
public final class MusigTrainer {
    /** Inner-mean table rows per parallel work unit. */
    static final int INNER_CHUNK = 1024;

    private MusigTrainer() {
    }

    /** Watches training epoch by epoch. */
    @FunctionalInterface
    public interface EpochListener {
        /**
         * Called after each epoch, on the training thread, before the next epoch starts.
         *
         * @param epoch    epochs trained so far (1 after the first)
         * @param snapshot the model as this epoch left it: a copy of the parameters, its summary saying
         *                 {@code epoch} epochs; usable after training goes on
         * @return whether to train on; false stops training now (the last epoch is reached either way)
         */
        boolean afterEpoch(int epoch, TrainedModel snapshot);
    }

    public static TrainedModel train(CooccurrenceGraph graph, TrackFeatures features, TrainConfig config,
                                     Progress progress) {
        return train(graph, features, config, progress, null);
    }

    /**
     * {@link #train(CooccurrenceGraph, TrackFeatures, TrainConfig, Progress)} calling {@code listener} (null: none)
     * after each epoch with a snapshot of the model. The listener neither draws from training's random streams nor
     * touches its state, so training gives the same parameters at every epoch with or without it.
     */
    public static TrainedModel train(CooccurrenceGraph graph, TrackFeatures features, TrainConfig config,
                                     Progress progress, EpochListener listener) {
        NativeBackend.ensureLoaded(MusigTrainer.class);
        if (graph.nodeCount() != features.trackCount()) {
            throw new IllegalArgumentException("the graph has " + graph.nodeCount() + " nodes but the feature table "
                    + features.trackCount() + " tracks; they must describe the same tracks");
        }
        boolean fromPlaylists = config.positives() == TrainConfig.PositiveSampling.PLAYLISTS;
        if (!fromPlaylists && graph.relationshipCount() == 0) {
            throw new IllegalArgumentException("the co-occurrence graph has no relationships, so there are no training "
                    + "pairs; lower minWeight, load more playlists, or draw the pairs from the playlists (positives: "
                    + "'playlists')");
        }
        // Each ensemble member draws its own epochs' pairs; made before the fits so that a missing pair fails first.
        PositivePairSampler[] pairs = new PositivePairSampler[config.ensembleSize()];
        for (int m = 0; m < pairs.length; m++) {
            pairs[m] = fromPlaylists ? playlistPairs(features)
                    : new PositivePairSampler(graph, config.positives() == TrainConfig.PositiveSampling.WEIGHTED);
        }
        List<String> notices = new ArrayList<>();
        if (!fromPlaylists) {
            untrainedTracksNotice(graph, features, notices);
        }
        InputFeatures input = InputFeatures.fit(features, config.features(), config.topGenres(),
                config.metadataDimension(), config.titleDimension(), config.randomSeed(), config.concurrency(),
                notices, trainingTracks(graph, features, config));
        InputFeatures.Encoded encoded = input.encodeForTraining(features, config.unknownIdRate(), config.randomSeed(),
                config.concurrency());
        TaskLabels labels = TaskLabels.of(features, config.regressionTarget().text());
        double[] taskWeights = activeTaskWeights(config, labels, notices);

        SageNetwork net = network(config, input.shape());
        NeighborhoodSampler neighbours = neighbourSampler(graph, config, config.concurrency(), progress);
        NegativeSampler ordinary = config.negativeSampler() == TrainConfig.NegativeSampling.UNIFORM
                ? NegativeSampler.uniform(graph.nodeCount())
                // Negatives must look like positives in how often they are trained: by degree for edges, by
                // playlist count when the pairs come from the playlists (degree-0 tracks are positives there).
                : fromPlaylists ? NegativeSampler.byCount(features.memberships().playlistsPerTrack(), 0.75)
                        : NegativeSampler.byDegree(graph, 0.75);
        HardNegativeSampler negativeSampler = new HardNegativeSampler(graph, ordinary, config.hardNegatives());
        // Refilled at the start of every epoch of every member, so the members can share one table.
        InnerMeans inner = net.layers() < 2 ? null
                : new InnerMeans(graph, net.denseDimension(), encoded.slots(), net.meanSlots(),
                        net.sampleSize(net.layers() - 1), null);
        MultiTaskLoss loss = config.playlistLoss() == TrainConfig.PlaylistLoss.SOFTMAX
                ? MultiTaskLoss.inBatchSoftmax(net, config.temperature()) : MultiTaskLoss.pairs(net);
        // Each ensemble member: its own seed, parameters, optimiser and pair order; the inputs and samplers shared.
        float[][] parameters = new float[config.ensembleSize()][];
        List<EpochLoop> loops = new ArrayList<>();
        for (int m = 0; m < parameters.length; m++) {
            long seed = RandomStreams.memberSeed(config.randomSeed(), m);
            parameters[m] = net.initialParameters(RandomStreams.of(seed, RandomStreams.INIT, 0, 0, 0));
            ShardWorker.Shared shared = new ShardWorker.Shared(net, parameters[m], net.nativeWeights(parameters[m]),
                    neighbours, encoded, inner, loss, seed, config.coldStartRate(), config.maskPartner());
            loops.add(new EpochLoop(config, shared, pairs[m], negativeSampler, labels, taskWeights));
        }

        long start = System.nanoTime();
        EpochLoop.runTogether(loops, progress, listener == null ? epoch -> true
                : epoch -> listener.afterEpoch(epoch, model(config, input, net, parameters, loops, start, notices)));
        return model(config, input, net, parameters, loops, start, notices);
    }

    /**
     * The model as the loops have left it (the parameters copied), its summary up to now: the epochs of the member
     * that ran most, member 0's losses (the one a single model of this seed has), and every member's pairs and time.
     */
    private static TrainedModel model(TrainConfig config, InputFeatures input, SageNetwork net, float[][] parameters,
                                      List<EpochLoop> loops, long start, List<String> notices) {
        EpochLoop first = loops.get(0);
        double seconds = (System.nanoTime() - start - first.afterEpochNanos()) / 1e9;
        long trainedPairs = loops.stream().mapToLong(EpochLoop::trainedPairs).sum();
        Map<String, Double> stageMillis = new LinkedHashMap<>();
        loops.forEach(loop -> loop.stageMillis().forEach((stage, millis) -> stageMillis.merge(stage, millis,
                Double::sum)));
        TrainedModel.TrainingSummary summary = new TrainedModel.TrainingSummary(
                loops.stream().mapToInt(EpochLoop::epochsRun).max().orElse(0), first.history().losses(), trainedPairs,
                trainedPairs / Math.max(seconds, 1e-9), seconds * 1000, stageMillis, notices);
        return new TrainedModel(config, input, net, parameters, summary);
    }

    static SageNetwork network(TrainConfig config, SageNetwork.InputShape input) {
        int[] samples = config.sampleSizes().stream().mapToInt(Integer::intValue).toArray();
        return new SageNetwork(input, config.embeddingDimension(), samples,
                config.activation() == TrainConfig.Activation.SIGMOID);
    }

    /** The pairs drawn from the graph's playlists; an error when there are none. */
    private static PositivePairSampler playlistPairs(TrackFeatures features) {
        if (features.memberships() == null) {
            throw new IllegalArgumentException("positives 'playlists' needs the playlist memberships, and this graph "
                    + "kept none; use positives 'edges'");
        }
        PositivePairSampler pairs = PositivePairSampler.fromPlaylists(features.memberships());
        if (pairs.pairCount() == 0) {
            throw new IllegalArgumentException("no training playlist holds two tracks, so there are no training "
                    + "pairs; load more playlists");
        }
        return pairs;
    }

    /**
     * The tracks training reaches as roots: those with an edge, or with pairs from the playlists those some training
     * playlist holds (null). Only their artists, albums and ids get rows of their own in the learned tables.
     */
    private static boolean[] trainingTracks(CooccurrenceGraph graph, TrackFeatures features, TrainConfig config) {
        return config.positives() == TrainConfig.PositiveSampling.PLAYLISTS && features.memberships() != null ? null
                : connected(graph);
    }

    /**
     * Pairs from the graph's edges leave out every track without one: on a sparse collection at a useful minWeight
     * (the Million Playlist Dataset's shape, where most tracks are in a single playlist) that is most of the tracks of
     * the training playlists, and the ones most like the new releases a playlist gets next. Said when it is most.
     */
    private static void untrainedTracksNotice(CooccurrenceGraph graph, TrackFeatures features, List<String> notices) {
        if (features.memberships() == null) {
            return;
        }
        int[] perTrack = features.memberships().playlistsPerTrack();
        int inPlaylists = 0;
        int withoutEdge = 0;
        for (int t = 0; t < perTrack.length; t++) {
            if (perTrack[t] > 0) {
                inPlaylists++;
                withoutEdge += graph.degree(t) == 0 ? 1 : 0;
            }
        }
        if (2L * withoutEdge > inPlaylists) {
            notices.add(withoutEdge + " of " + inPlaylists + " tracks of the training playlists have no co-occurrence "
                    + "edge, so the playlist task never trains on them; positives: 'playlists' draws the pairs from "
                    + "the playlists and trains on every one");
        }
    }

    private static boolean[] connected(CooccurrenceGraph graph) {
        boolean[] connected = new boolean[graph.nodeCount()];
        for (int node = 0; node < connected.length; node++) {
            connected[node] = graph.degree(node) > 0;
        }
        return connected;
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
            throw new IllegalArgumentException(
                    "no task left to train: the tasks with a weight > 0 have no labels in the data "
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
        SageNetwork.InputShape shape = InputFeatures.shape(features, config.features(), config.topGenres(),
                config.metadataDimension(), config.titleDimension(), trainingTracks(graph, features, config));
        long playlistPairs = config.positives() != TrainConfig.PositiveSampling.PLAYLISTS
                || features.memberships() == null ? 0
                        : PositivePairSampler.playlistMemoryBytes(features.memberships().membershipCount(),
                                config.maxPairsPerEpoch()) * config.ensembleSize();
        return estimateBytes(graph.nodeCount(), graph.relationshipCount(), config, shape) + playlistPairs
                + metadataBytes(features, config) + InputFeatures.tableVocabularyBytes(shape.oneHot());
    }

    private static long metadataBytes(TrackFeatures features, TrainConfig config) {
        long bytes = 0;
        PlaylistMemberships memberships = features.memberships();
        for (String group : config.features()) {
            // Only the factor groups are fitted; a learned table's rows ('track' also names a category) are counted
            // with the parameters.
            TrackCategory category = InputFeatures.FACTOR_GROUPS.contains(group) ? features.category(group) : null;
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
     * @param featureDimension the width of the encoded input h^0 (e.g. 51 genre + 3 popularity + 13 audio columns),
     *                         all counted as dense (an upper bound without learned tables)
     */
    public static long estimateBytes(int nodeCount, long relationshipCount, TrainConfig config, int featureDimension) {
        int width = Math.max(1, featureDimension);
        return estimateBytes(nodeCount, relationshipCount, config,
                new SageNetwork.InputShape(width, 0, 0, 0, 0, width));
    }

    /** {@link #estimateBytes(int, long, TrainConfig, int)} for an input of this shape. */
    public static long estimateBytes(int nodeCount, long relationshipCount, TrainConfig config,
                                     SageNetwork.InputShape shape) {
        SageNetwork net = network(config, shape);
        long bytes = InputFeatures.encodedBytes(nodeCount, shape);
        bytes += 4L * nodeCount + 4L * nodeCount * 13 + nodeCount; // genre labels, similarity targets, their mask
        bytes += NegativeSampler.memoryBytes(nodeCount);
        bytes += neighbourSamplerBytes(nodeCount, relationshipCount, config, config.concurrency());
        if (net.layers() > 1) {
            bytes += InnerMeans.memoryBytes(nodeCount, net.denseDimension(), Math.max(1, net.hotSlots()),
                    net.meanSlots(), net.sampleSize(net.layers() - 1));
        }
        // Per ensemble member: its pair order, workers, optimiser, gradients, parameters and their native copies.
        // Pairs drawn from the playlists are counted by the caller, which knows the memberships.
        long member = config.positives() == TrainConfig.PositiveSampling.PLAYLISTS ? 0
                : PositivePairSampler.memoryBytes(relationshipCount,
                        config.positives() == TrainConfig.PositiveSampling.WEIGHTED);
        member += config.concurrency() * ShardWorker.memoryBytes(net, ShardWorker.maxRoots(config.negativeSamples()));
        member += EpochLoop.memoryBytes(net, config.batchSize(), config.negativeSamples());
        member += 4L * net.parameterCount() * 2;
        return bytes + member * config.ensembleSize();
    }

    /** The neighbour sampler {@code config.sampling()} asks for, on {@code graph} (walks report to progress). */
    static NeighborhoodSampler neighbourSampler(CooccurrenceGraph graph, TrainConfig config, int threads,
                                                Progress progress) {
        return switch (config.sampling()) {
            case UNIFORM -> new NeighborhoodSampler(graph, false);
            case WEIGHTED -> new NeighborhoodSampler(graph, true);
            case WALK -> NeighborhoodSampler.byWalks(graph, config.randomSeed(), Math.max(1, threads), progress);
        };
    }

    /** Heap bytes of {@link #neighbourSampler} on {@code threads} threads for a graph of this size. */
    static long neighbourSamplerBytes(long nodeCount, long relationshipCount, TrainConfig config, int threads) {
        return switch (config.sampling()) {
            case UNIFORM -> 0;
            case WEIGHTED -> NeighborhoodSampler.memoryBytes(relationshipCount, true);
            case WALK -> NeighborhoodSampler.walkMemoryBytes(nodeCount, relationshipCount, threads);
        };
    }
}
