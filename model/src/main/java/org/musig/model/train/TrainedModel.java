package org.musig.model.train;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.common.progress.Progress;
import org.musig.model.NativeBackend;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.io.BoundedInput;
import org.musig.model.nn.AggregatorWorkspace;
import org.musig.model.nn.InnerMeans;
import org.musig.model.nn.InputFeatures;
import org.musig.model.nn.SageNetwork;
import org.musig.model.rank.VectorTable;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.sample.RandomStreams;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained MUSIG model: the configuration, the input encoding with its normalisation statistics, the
 * aggregator and head parameters, and what training reported. Immutable; {@link #embed} may be called
 * from several threads at once.
 *
 * <p>Inductive: {@link #embed} works on any co-occurrence graph and feature table with the same feature
 * groups (e.g. one built later, with new tracks), because nothing in the model is per track except the learned
 * tables' rows (artistId, albumId, track), and a value without one takes its table's "unknown" row.
 */
public final class TrainedModel {
    /** Nodes per embedding chunk (the unit of parallel work). */
    static final int EMBED_CHUNK = 256;
    private static final int MAGIC = 0x4D555347; // "MUSG"
    private static final int FORMAT_VERSION = 5;
    /** The format before ensembles: one parameter array, nothing after it; still read. */
    private static final int FORMAT_VERSION_WITHOUT_ENSEMBLES = 4;
    /** The format before the learned tables existed, with the one-hot rows inside W_0; still read. */
    private static final int FORMAT_VERSION_WITHOUT_TABLES = 3;
    /** The format before the title group existed. */
    private static final int FORMAT_VERSION_WITHOUT_TITLE = 2;
    /** Version 1: no artist or album groups in the input encoding; still read. */
    private static final int FORMAT_VERSION_WITHOUT_FACTORS = 1;

    /**
     * What training reported.
     *
     * @param losses       mean loss per epoch per task (unweighted), plus "total" (the weighted sum)
     * @param stageMillis  time per stage summed over threads: sampling, gather, forward, heads, backward, update;
     *                     and innerMeans, the wall time of filling the per-epoch inner-mean tables
     */
    public record TrainingSummary(int epochsRun, Map<String, List<Double>> losses, long trainedPairs,
                                  double pairsPerSecond, double trainMillis, Map<String, Double> stageMillis,
                                  List<String> notices) {
        public TrainingSummary {
            Map<String, List<Double>> copy = new LinkedHashMap<>();
            losses.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            losses = Collections.unmodifiableMap(copy);
            stageMillis = Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
            notices = List.copyOf(notices);
        }
    }

    private final TrainConfig config;
    private final InputFeatures input;
    private final SageNetwork net;
    /** Per ensemble member ({@code config.ensembleSize()} of them), its parameters in the network's layout. */
    private final float[][] members;
    private final TrainingSummary summary;

    TrainedModel(TrainConfig config, InputFeatures input, SageNetwork net, float[][] members,
                 TrainingSummary summary) {
        if (members.length != config.ensembleSize()) {
            throw new IllegalArgumentException(members.length + " parameter sets for an ensemble of "
                    + config.ensembleSize());
        }
        this.config = config;
        this.input = input;
        this.net = net;
        this.members = new float[members.length][];
        for (int m = 0; m < members.length; m++) {
            this.members[m] = members[m].clone();
        }
        this.summary = summary;
    }

    public TrainConfig config() {
        return config;
    }

    public int epochsRun() {
        return summary.epochsRun();
    }

    /** Mean loss per epoch per trained task ("playlist", "genre", "audio") and "total". */
    public Map<String, List<Double>> losses() {
        return summary.losses();
    }

    public double pairsPerSecond() {
        return summary.pairsPerSecond();
    }

    public List<String> notices() {
        return summary.notices();
    }

    public TrainingSummary summary() {
        return summary;
    }

    /** Width of the embeddings {@link #embed} returns: every ensemble member's vector, side by side. */
    public int embeddingDimension() {
        return config.outputDimension();
    }

    /** The input feature groups the model uses, in column order. */
    public List<String> featureGroups() {
        return input.groups();
    }

    /** Width of the encoded input h^0. */
    public int inputDimension() {
        return input.dimension();
    }

    /**
     * Ensemble member 0's trained parameters (a single model's), a copy, in the network's layout
     * ({@link SageNetwork}).
     */
    float[] parameters() {
        return parameters(0);
    }

    /** Ensemble member {@code member}'s trained parameters, a copy. */
    float[] parameters(int member) {
        return members[member].clone();
    }

    public int parameterCount() {
        return net.parameterCount();
    }

    /** The network's shape and parameter layout. */
    public SageNetwork network() {
        return net;
    }

    /**
     * L2-normalised embeddings of {@code nodes} in {@code graph}, sampling each node's neighbourhood with
     * the training sample sizes from a stream derived from {@code seed} and the node id - so the same
     * seed gives the same vectors, whatever the thread count. As in training, the innermost hop's mean comes
     * from a per-node sample ({@link InnerMeans}, streams of the seed and the node id), computed once per call
     * for the nodes the requested ones can reach; a node's vector does not depend on which others are requested.
     * With {@code embedDraws} d > 1 the vector is the normalised mean of d such embeddings, draw i from streams of
     * the seed, the node id and i (draw 0 is the single-draw embedding). An ensemble's vector is its members' unit
     * vectors side by side, scaled by 1/sqrt(members): a unit vector whose cosine to another is the members' mean
     * cosine (member m embeds exactly as a single model with its parameters would).
     *
     * @param graph    any co-occurrence graph over the tracks of {@code features} (new tracks included)
     * @param features the feature table for the same tracks; its groups must have the training widths
     */
    public float[][] embed(CooccurrenceGraph graph, TrackFeatures features, int[] nodes, long seed) {
        return embed(graph, features, nodes, seed, config.concurrency(), Progress.NONE);
    }

    /** {@link #embed(CooccurrenceGraph, TrackFeatures, int[], long)} with a thread count and progress. */
    public float[][] embed(CooccurrenceGraph graph, TrackFeatures features, int[] nodes, long seed, int concurrency,
                           Progress progress) {
        NativeBackend.ensureLoaded(TrainedModel.class);
        if (graph.nodeCount() != features.trackCount()) {
            throw new IllegalArgumentException("the graph has " + graph.nodeCount() + " nodes but the feature table "
                    + features.trackCount() + " tracks");
        }
        for (int node : nodes) {
            if (node < 0 || node >= graph.nodeCount()) {
                throw new IllegalArgumentException(
                        "node " + node + " is not in the graph (0.." + (graph.nodeCount() - 1) + ")");
            }
        }
        InputFeatures.Encoded encoded = input.encode(features, concurrency);
        NeighborhoodSampler sampler = MusigTrainer.neighbourSampler(graph, config, concurrency, progress);
        progress.begin("embed", (long) nodes.length * members.length);
        float[][] result = embedMember(graph, encoded, sampler, members[0], nodes, seed, concurrency, progress);
        if (members.length > 1) {
            float[][] wide = new float[nodes.length][members.length * net.dimension()];
            for (int m = 0; m < members.length; m++) {
                float[][] member = m == 0 ? result
                        : embedMember(graph, encoded, sampler, members[m], nodes, seed, concurrency, progress);
                VectorTable.placeMember(wide, member, m, members.length);
            }
            result = wide;
        }
        return result;
    }

    /** {@link #embed} with one member's parameters: unit vectors of the network's width. */
    private float[][] embedMember(CooccurrenceGraph graph, InputFeatures.Encoded encoded, NeighborhoodSampler sampler,
                                  float[] parameters, int[] nodes, long seed, int concurrency, Progress progress) {
        INDArray[] weights = net.nativeWeights(parameters);
        int dim = net.dimension();
        float[][] result = new float[nodes.length][];
        int chunks = (nodes.length + EMBED_CHUNK - 1) / EMBED_CHUNK;
        int threads = Math.max(1, Math.min(concurrency, chunks));
        int draws = config.embedDraws();
        try (ShardExecutor<EmbedWorker> executor = new ShardExecutor<>(threads, () -> new EmbedWorker(net))) {
            InnerMeans inner = net.layers() < 2 ? null : new InnerMeans(graph, net.denseDimension(), encoded.slots(),
                    net.meanSlots(), net.sampleSize(net.layers() - 1), reachable(graph, nodes, net.layers() - 1));
            for (int draw = 0; draw < draws; draw++) {
                int d = draw;
                if (inner != null) {
                    int rows = inner.rowCount();
                    executor.runAll((rows + MusigTrainer.INNER_CHUNK - 1) / MusigTrainer.INNER_CHUNK,
                            (worker, c) -> inner.fill(
                                    c * MusigTrainer.INNER_CHUNK, Math.min(rows, (c + 1) * MusigTrainer.INNER_CHUNK),
                                    sampler, encoded,
                                    node -> RandomStreams.of(seed, RandomStreams.EMBED_INNER_NEIGHBOURS, node, d, 0)),
                            progress);
                }
                executor.runAll(chunks, (worker, c) -> {
                    int from = c * EMBED_CHUNK;
                    int count = Math.min(nodes.length, from + EMBED_CHUNK) - from;
                    for (int i = 0; i < count; i++) {
                        worker.seeds[i] = RandomStreams.of(seed, RandomStreams.EMBED_NEIGHBOURS, nodes[from + i], d, 0)
                                .nextLong();
                    }
                    System.arraycopy(nodes, from, worker.roots, 0, count);
                    worker.workspace.prepare(worker.roots, worker.seeds, count, sampler, encoded, inner);
                    worker.workspace.forward(parameters, weights);
                    float[] z = worker.workspace.embeddings();
                    for (int i = 0; i < count; i++) {
                        if (d == 0) {
                            result[from + i] = java.util.Arrays.copyOfRange(z, i * dim, (i + 1) * dim);
                        } else {
                            float[] row = result[from + i];
                            for (int k = 0; k < dim; k++) {
                                row[k] += z[i * dim + k];
                            }
                        }
                    }
                }, progress);
            }
        }
        if (draws > 1) {
            for (float[] row : result) {
                float[] unit = VectorTable.normalised(row);
                System.arraycopy(unit, 0, row, 0, dim);
            }
        }
        progress.advance(nodes.length);
        return result;
    }

    /** The nodes within {@code hops} hops of {@code nodes} (themselves included): those a sample can reach. */
    static boolean[] reachable(CooccurrenceGraph graph, int[] nodes, int hops) {
        boolean[] seen = new boolean[graph.nodeCount()];
        int[] frontier = nodes.clone();
        int size = frontier.length;
        for (int node : frontier) {
            seen[node] = true;
        }
        for (int h = 0; h < hops && size > 0; h++) {
            int[] next = new int[16];
            int nextSize = 0;
            for (int i = 0; i < size; i++) {
                int node = frontier[i];
                for (int e = graph.offset(node); e < graph.offset(node + 1); e++) {
                    int t = graph.target(e);
                    if (!seen[t]) {
                        seen[t] = true;
                        if (nextSize == next.length) {
                            next = java.util.Arrays.copyOf(next, 2 * nextSize);
                        }
                        next[nextSize++] = t;
                    }
                }
            }
            frontier = next;
            size = nextSize;
        }
        return seen;
    }

    private static final class EmbedWorker {
        final AggregatorWorkspace workspace;
        final int[] roots = new int[EMBED_CHUNK];
        final long[] seeds = new long[EMBED_CHUNK];

        EmbedWorker(SageNetwork net) {
            workspace = new AggregatorWorkspace(net, EMBED_CHUNK);
        }

        /** Bytes a worker holds: its workspace and the arrays above. */
        static long memoryBytes(SageNetwork net) {
            return AggregatorWorkspace.memoryBytes(net, EMBED_CHUNK) + (4L + 8) * EMBED_CHUNK;
        }
    }

    /**
     * Bytes {@link #embed} needs besides the graph and the feature table: the encoded inputs, the neighbour
     * sampler, the inner means, each thread's workspace and the result rows.
     */
    public long embedBytes(int nodeCount, long relationshipCount, int nodesToEmbed, int concurrency) {
        long bytes = InputFeatures.encodedBytes(nodeCount, input.shape());
        bytes += MusigTrainer.neighbourSamplerBytes(nodeCount, relationshipCount, config, concurrency);
        if (net.layers() > 1) {
            bytes += InnerMeans.memoryBytes(nodeCount, net.denseDimension(), Math.max(1, net.hotSlots()),
                    net.meanSlots(), net.sampleSize(net.layers() - 1));
        }
        bytes += (long) Math.max(1, concurrency) * EmbedWorker.memoryBytes(net);
        bytes += (long) nodesToEmbed * (16 + 4L * net.dimension());
        if (members.length > 1) { // the members' rows and the wide result rows
            bytes += (long) nodesToEmbed * ((16 + 4L * net.dimension()) + (16 + 4L * embeddingDimension()));
        }
        return bytes;
    }

    /**
     * Bytes a training run needs besides the graph and feature table (see {@link MusigTrainer#estimateBytes}).
     *
     * @param featureDimension width of the encoded input h^0
     */
    public static long estimateBytes(int nodeCount, long relationshipCount, TrainConfig config, int featureDimension) {
        return MusigTrainer.estimateBytes(nodeCount, relationshipCount, config, featureDimension);
    }

    /**
     * The model as bytes: a versioned format (magic, version, configuration, training summary, input
     * encoding with its statistics, parameters), written with {@link DataOutputStream}.
     */
    public byte[] serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            ModelCodec.writeValue(out, config.toMap());
            out.writeInt(summary.epochsRun());
            ModelCodec.writeValue(out, new LinkedHashMap<>(summary.losses()));
            out.writeLong(summary.trainedPairs());
            out.writeDouble(summary.pairsPerSecond());
            out.writeDouble(summary.trainMillis());
            ModelCodec.writeValue(out, new LinkedHashMap<>(summary.stageMillis()));
            ModelCodec.writeValue(out, summary.notices());
            input.write(out);
            out.writeInt(members.length);
            for (float[] parameters : members) {
                out.writeInt(parameters.length);
                for (float p : parameters) {
                    out.writeFloat(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads {@link #serialize()}'s bytes. The bytes may have been overwritten by anyone who can write to the
     * database, so nothing read is trusted: every length is checked against the bytes left before anything is
     * allocated (at most about as much as {@code data} is long), nesting is capped, and any failure - truncated
     * data, a wrong length, a value of the wrong type, another format version - is a {@link CorruptModelException}
     * saying what, never an {@link OutOfMemoryError} or a {@link StackOverflowError}.
     */
    @SuppressWarnings("unchecked")
    public static TrainedModel deserialize(byte[] data) {
        if (data == null || data.length < 8) {
            throw new CorruptModelException("not a MUSIG model (" + (data == null ? "no" : data.length) + " bytes)",
                    null);
        }
        try (BoundedInput in = new BoundedInput(data)) {
            if (in.readInt() != MAGIC) {
                throw new CorruptModelException("not a MUSIG model", null);
            }
            int version = in.readInt();
            if (version < FORMAT_VERSION_WITHOUT_FACTORS || version > FORMAT_VERSION) {
                throw new CorruptModelException(
                        "MUSIG model format version " + version + " is not supported (this build reads "
                                + FORMAT_VERSION + ")",
                        null);
            }
            TrainConfig config = TrainConfig.parseStored((Map<String, Object>) ModelCodec.readValue(in));
            int epochs = in.readInt();
            Map<String, List<Double>> losses = new LinkedHashMap<>();
            ((Map<String, Object>) ModelCodec.readValue(in)).forEach((k, v) -> {
                List<Double> values = new ArrayList<>();
                for (Object o : (List<Object>) v) {
                    values.add(((Number) o).doubleValue());
                }
                losses.put(k, values);
            });
            long pairs = in.readLong();
            double pairsPerSecond = in.readDouble();
            double millis = in.readDouble();
            Map<String, Double> stages = new LinkedHashMap<>();
            ((Map<String, Object>) ModelCodec.readValue(in))
                    .forEach((k, v) -> stages.put(k, ((Number) v).doubleValue()));
            List<String> notices = new ArrayList<>();
            for (Object o : (List<Object>) ModelCodec.readValue(in)) {
                notices.add((String) o);
            }
            InputFeatures input = InputFeatures.read(in, version >= FORMAT_VERSION_WITHOUT_TITLE,
                    version >= FORMAT_VERSION_WITHOUT_TABLES, version >= FORMAT_VERSION_WITHOUT_ENSEMBLES);
            SageNetwork net = MusigTrainer.network(config, input.shape());
            int memberCount = version <= FORMAT_VERSION_WITHOUT_ENSEMBLES ? 1 : in.readInt();
            if (memberCount != config.ensembleSize()) {
                throw new IOException(memberCount + " parameter sets, the configuration says ensembleSize "
                        + config.ensembleSize());
            }
            float[][] parameters = new float[memberCount][];
            for (int m = 0; m < memberCount; m++) {
                int count = in.readInt();
                if (count != net.parameterCount()) {
                    throw new IOException(count + " parameters, the network needs " + net.parameterCount());
                }
                in.requireEntries("the parameters", count, Float.BYTES);
                parameters[m] = new float[count];
                for (int i = 0; i < count; i++) {
                    parameters[m][i] = in.readFloat();
                }
                if (version <= FORMAT_VERSION_WITHOUT_TABLES) {
                    parameters[m] = net.fromLegacyLayout(parameters[m]);
                }
            }
            return new TrainedModel(config, input, net, parameters,
                    new TrainingSummary(epochs, losses, pairs, pairsPerSecond, millis, stages, notices));
        } catch (CorruptModelException e) {
            throw e;
        } catch (EOFException e) {
            throw new CorruptModelException("the data ends early (truncated)", e);
        } catch (IOException | RuntimeException e) {
            // RuntimeException: a decoded value of the wrong type or a stored configuration that no longer parses.
            throw new CorruptModelException(e.getClass() == IOException.class ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
