package org.musig.procedures.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.musig.common.progress.Progress;
import org.musig.model.train.TrainedModel;
import org.musig.procedures.PropertyValues;
import org.musig.procedures.graph.StoreGraph;
import org.musig.procedures.progress.TaskRegistry;
import org.musig.procedures.recommend.EmbeddingCache;
import org.musig.procedures.recommend.VectorIndexes;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/**
 * {@code musig.embed.write} / {@code musig.embed.stream}: apply a trained model inductively. Each call reads
 * the store as it is now (so tracks and playlists added after training are included), rebuilds the
 * co-occurrence graph in memory with the model's threshold and without its evaluation split's held-out
 * memberships, and runs the aggregators on it - no retraining.
 */
public class EmbedProcedures {
    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    public record WriteRow(String modelName, String writeProperty, long nodeCount, long nodePropertiesWritten,
                           long computeMillis, long writeMillis, String indexName, long indexMillis,
                           List<String> notices, Map<String, Object> configuration) {
    }

    public record EmbeddingRow(long nodeId, String trackId, List<Double> embedding) {
    }

    @Procedure(name = "musig.embed.write", mode = Mode.SCHEMA)
    @Description("Writes a trained model's embeddings to Track nodes as float[] properties. Config: modelName "
            + "('musig'), writeProperty ('musig'), tracks ('all' | 'missing': only tracks without the property), "
            + "batchSize (10000), concurrency, createIndex (false: a cosine vector index over the property).")
    public Stream<WriteRow> write(@Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        EmbedConfig settings = EmbedConfig.parse("musig.embed.write", config, true);
        try (ModelLeases.Lease lease = ModelLeases.of(db).embedding(settings.modelName())) {
            return write(settings, ModelStore.load(db, settings.modelName()));
        }
    }

    private Stream<WriteRow> write(EmbedConfig settings, StoredModel stored) {
        if (settings.createIndex()) { // an index that cannot be made is refused now, not after every vector is written
            VectorIndexes.check(db, settings.writeProperty(), stored.model().embeddingDimension());
        }
        return TaskRegistry.run(db, "musig.embed.write", guard, progress -> {
            long start = System.currentTimeMillis();
            List<String> notices = new ArrayList<>();
            Embedded embedded = embed(stored, settings, notices, progress);
            long computeMillis = System.currentTimeMillis() - start;
            start = System.currentTimeMillis();
            long written = writeVectors(settings, embedded, progress);
            ModelStore.recordWrittenProperty(tx, settings.modelName(), settings.writeProperty());
            long writeMillis = System.currentTimeMillis() - start;
            String index = null;
            start = System.currentTimeMillis();
            if (settings.createIndex()) {
                progress.begin("create vector index", -1);
                index = VectorIndexes.ensure(db, settings.writeProperty(),
                        stored.model().embeddingDimension(), 3600);
            }
            return Stream.of(new WriteRow(settings.modelName(), settings.writeProperty(), embedded.nodeIds().length,
                    written, computeMillis, writeMillis, index, System.currentTimeMillis() - start, notices,
                    settings.echo()));
        });
    }

    @Procedure(name = "musig.embed.stream", mode = Mode.READ)
    @Description("Streams a trained model's embeddings without writing them. Config: modelName ('musig'), "
            + "trackIds (only these), tracks ('all' | 'missing' with writeProperty), concurrency.")
    public Stream<EmbeddingRow> stream(@Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        EmbedConfig settings = EmbedConfig.parse("musig.embed.stream", config, false);
        Embedded embedded;
        try (ModelLeases.Lease lease = ModelLeases.of(db).embedding(settings.modelName())) {
            StoredModel stored = ModelStore.load(db, settings.modelName());
            embedded = TaskRegistry.run(db, "musig.embed.stream", guard,
                    progress -> embed(stored, settings, new ArrayList<>(), progress));
        }
        return IntStream.range(0, embedded.nodeIds().length).mapToObj(i -> {
            Node node = nodeById(embedded.nodeIds()[i]);
            return new EmbeddingRow(embedded.nodeIds()[i], String.valueOf(node.getProperty("id", null)),
                    toList(embedded.vectors()[i]));
        });
    }

    /**
     * What {@code musig.embed.write({modelName, writeProperty, tracks: 'missing'})} does, outside a procedure
     * call (for {@code musig.embed.auto}): reads the store in a transaction of its own, writes the vectors and
     * returns how many tracks got one.
     */
    public static long writeMissing(GraphDatabaseService db, String modelName, String writeProperty,
                                    Progress progress) {
        EmbedConfig settings = EmbedConfig.parse("musig.embed.auto", Map.of("modelName", modelName,
                "writeProperty", writeProperty, "tracks", "missing"), true);
        EmbedProcedures procedures = new EmbedProcedures();
        procedures.db = db;
        try (ModelLeases.Lease lease = ModelLeases.of(db).embedding(modelName);
             Transaction read = db.beginTx()) {
            StoredModel stored = ModelStore.load(db, modelName);
            procedures.tx = read;
            Embedded embedded = procedures.embed(stored, settings, new ArrayList<>(), progress);
            return procedures.writeVectors(settings, embedded, progress);
        }
    }

    /** Writes the vectors while readers of the property keep seeing the ones from before the write. */
    private long writeVectors(EmbedConfig settings, Embedded embedded, Progress progress) {
        try (EmbeddingCache.Pin readersSeeTheOldVectors = EmbeddingCache.of(db).pin(settings.writeProperty())) {
            return EmbeddingWriter.write(db, settings.writeProperty(), settings.batchSize(), embedded.nodeIds(),
                    embedded.vectors(), progress);
        }
    }

    private record Embedded(long[] nodeIds, float[][] vectors) {
    }

    private Embedded embed(StoredModel stored, EmbedConfig settings, List<String> notices, Progress progress) {
        StoreGraph.Snapshot snapshot = StoreGraph.read(db, tx, stored.excludedSplit(), stored.minWeight(),
                settings.concurrency(), notices, progress);
        int[] nodes = chooseTracks(snapshot.trackNodeIds(), settings);
        TrainedModel model = stored.model();
        // A write also keeps the values it replaces, to put them back if it is stopped.
        long replaced = settings.batchSize() > 0 ? nodes.length * (16L + 4L * model.embeddingDimension()) : 0;
        checkMemory(settings, replaced + model.embedBytes(snapshot.graph().nodeCount(),
                snapshot.graph().relationshipCount(), nodes.length, settings.concurrency()));
        float[][] vectors = model.embed(snapshot.graph(), snapshot.features(), nodes, model.config().randomSeed(),
                settings.concurrency(), progress);
        long[] nodeIds = new long[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            nodeIds[i] = snapshot.trackNodeIds()[nodes[i]];
        }
        return new Embedded(nodeIds, vectors);
    }

    private static void checkMemory(EmbedConfig settings, long required) {
        long free = PropertyValues.freeHeapBytes();
        if (required > free) {
            throw new IllegalStateException(String.format("%s: embedding needs about %,d bytes of heap but only %,d "
                    + "are free (max heap %,d); raise server.memory.heap.max_size or lower concurrency",
                    settings.owner(), required, free, Runtime.getRuntime().maxMemory()));
        }
    }

    /** Dense ids of the tracks to embed, ascending. */
    private int[] chooseTracks(long[] trackNodeIds, EmbedConfig settings) {
        Set<String> only = settings.trackIds().isEmpty() ? null : new HashSet<>(settings.trackIds());
        boolean missingOnly = settings.tracks() == EmbedConfig.Tracks.MISSING;
        if (only == null && !missingOnly) {
            return IntStream.range(0, trackNodeIds.length).toArray();
        }
        return IntStream.range(0, trackNodeIds.length).filter(i -> {
            Node node = nodeById(trackNodeIds[i]);
            if (missingOnly && node.hasProperty(settings.writeProperty())) {
                return false;
            }
            return only == null || only.contains(String.valueOf(node.getProperty("id", "")));
        }).toArray();
    }

    @SuppressWarnings("deprecation")
    private Node nodeById(long id) {
        return tx.getNodeById(id);
    }

    private static List<Double> toList(float[] vector) {
        List<Double> list = new ArrayList<>(vector.length);
        for (float v : vector) {
            list.add((double) v);
        }
        return list;
    }
}
