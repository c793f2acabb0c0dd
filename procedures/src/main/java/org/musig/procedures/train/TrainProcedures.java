package org.musig.procedures.train;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.musig.model.train.MusigTrainer;
import org.musig.model.train.TrainConfig;
import org.musig.model.train.TrainedModel;
import org.musig.procedures.PropertyValues;
import org.musig.procedures.graph.GraphCatalog;
import org.musig.procedures.graph.MusigGraph;
import org.musig.procedures.progress.TaskRegistry;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code musig.train}, {@code musig.train.estimate}, {@code musig.model.list/drop}. */
public class TrainProcedures {
    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    public record TrainRow(String modelName, String graphName, long epochs, long trainMillis,
                           Map<String, Object> lossPerEpoch, double pairsPerSecond, long nodeCount,
                           long relationshipCount, List<String> notices, Map<String, Object> configuration) {
    }

    public record EstimateRow(String graphName, long nodeCount, long relationshipCount, long requiredBytes,
                              long freeHeapBytes, boolean fits) {
    }

    /** {@code error}: null, or why the model node's listed properties cannot be read (the other columns are then null). */
    public record ModelRow(String modelName, String graphName, Long epochs, Long embeddingDimension,
                           List<String> featureGroups, Long nodeCount, Long relationshipCount, Long minWeight,
                           String excludedSplit, Long trainMillis, Map<String, Object> lossPerEpoch,
                           Map<String, Object> configuration, ZonedDateTime createdAt, String error) {
    }

    public record DropRow(String modelName, boolean dropped) {
    }

    @Procedure(name = "musig.train", mode = Mode.WRITE)
    @Description("Trains a MUSIG model (multi-task GraphSAGE-style mean aggregator) on a graph built by "
            + "musig.graph.build and stores it as a (:MusigModel) node. Config: graphName ('musig'), modelName "
            + "('musig'), overwrite (false), embeddingDimension (64), sampleSizes ([25, 10]), features, taskWeights, "
            + "learningRate, batchSize, epochs, randomSeed, concurrency, ... (see docs/procedures/training.md).")
    public Stream<TrainRow> train(@Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        TrainProcedureConfig given = TrainProcedureConfig.parse(config);
        if (!given.overwrite() && ModelStore.exists(tx, given.modelName())) {
            throw new IllegalArgumentException("a model named '" + given.modelName() + "' already exists; "
                    + "pass overwrite: true to replace it or choose another modelName");
        }
        MusigGraph graph = GraphCatalog.of(db).require(given.graphName());
        List<String> notices = new ArrayList<>();
        TrainProcedureConfig settings = TrainProcedureConfig.forData(config, graph.features(), notices);
        checkMemory(graph, settings.train());
        try (ModelLeases.Lease training = ModelLeases.of(db).training(settings.modelName())) {
            long start = System.currentTimeMillis();
            TrainedModel model = TaskRegistry.run(db, TrainConfig.OWNER, guard,
                    progress -> MusigTrainer.train(graph.graph(), graph.features(), settings.train(), progress));
            long millis = System.currentTimeMillis() - start;
            StoredModel stored = new StoredModel(settings.modelName(), model, graph.name(), graph.graph().minWeight(),
                    graph.excludedSplit(), graph.graph().nodeCount(), graph.graph().relationshipCount(), millis,
                    ZonedDateTime.now());
            ModelStore.write(tx, stored); // committed with the query: the model is visible only when complete
            return Stream.of(new TrainRow(settings.modelName(), graph.name(), model.epochsRun(), millis,
                    new java.util.LinkedHashMap<String, Object>(model.losses()), model.pairsPerSecond(),
                    graph.graph().nodeCount(),
                    graph.graph().relationshipCount(), Stream.concat(notices.stream(), model.notices().stream())
                            .toList(),
                    settings.echo()));
        }
    }

    @Procedure(name = "musig.train.estimate", mode = Mode.READ)
    @Description("The heap musig.train needs for this config on its graph, besides the graph itself, and whether it fits now.")
    public Stream<EstimateRow> estimate(@Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        MusigGraph graph = GraphCatalog.of(db).require(TrainProcedureConfig.parse(config).graphName());
        TrainProcedureConfig settings = TrainProcedureConfig.forData(config, graph.features(), new ArrayList<>());
        long required = requiredBytes(graph, settings.train());
        long free = PropertyValues.freeHeapBytes();
        return Stream.of(new EstimateRow(graph.name(), graph.graph().nodeCount(), graph.graph().relationshipCount(),
                required, free, required <= free));
    }

    @Procedure(name = "musig.model.list", mode = Mode.READ)
    @Description("Lists the trained models stored in this database, from their stored settings (the parameters are "
            + "not decoded). A model whose settings cannot be read is listed with only its name and the reason in 'error'.")
    public Stream<ModelRow> list(@Name(value = "modelName", defaultValue = "") String modelName) {
        return ModelStore.list(tx).stream().filter(m -> modelName.isEmpty() || m.modelName().equals(modelName));
    }

    @Procedure(name = "musig.model.drop", mode = Mode.WRITE)
    @Description("Deletes a stored model. Embeddings already written stay on the tracks.")
    public Stream<DropRow> drop(@Name("modelName") String modelName,
                                @Name(value = "failIfMissing", defaultValue = "true") boolean failIfMissing) {
        ModelLeases.of(db).requireUnused(modelName);
        boolean dropped = ModelStore.delete(tx, modelName);
        if (!dropped && failIfMissing) {
            ModelStore.require(tx, modelName); // throws, naming the models that exist
        }
        return Stream.of(new DropRow(modelName, dropped));
    }

    private static void checkMemory(MusigGraph graph, TrainConfig config) {
        long required = requiredBytes(graph, config);
        long free = PropertyValues.freeHeapBytes();
        if (required > free) {
            throw new IllegalStateException(String.format("musig.train needs about %,d bytes of heap for this graph "
                    + "and config but only %,d are free; raise the heap, or lower embeddingDimension, batchSize or "
                    + "concurrency", required, free));
        }
    }

    /** The heap a training on this graph needs besides the graph itself (what musig.train.estimate reports). */
    static long requiredBytes(MusigGraph graph, TrainConfig config) {
        return MusigTrainer.estimateBytes(graph.graph(), graph.features(), config);
    }
}
