package org.musig.procedures.graph;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.musig.model.nn.TaskLabelDiagnostics;
import org.musig.procedures.progress.TaskRegistry;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code musig.graph.*}: the weighted track co-occurrence graph (MUSIG section 3.1). */
public class GraphProcedures {
    /** The transactions the writer commits, in the caller's name. */
    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    public record BuildRow(String graphName, long nodeCount, long relationshipCount, long playlistsScanned,
                           long pairOccurrences, long minWeight, long isolatedTracks, long excludedMemberships,
                           long relationshipsCreated, long relationshipsUpdated, long relationshipsDeleted,
                           String gdsGraphName, long gdsNodeCount, long gdsRelationshipCount, long readMillis,
                           long computeMillis, long writeMillis, long projectMillis, long memoryBytes,
                           List<String> notices, Map<String, Object> configuration) {
    }

    public record GraphRow(String graphName, long nodeCount, long relationshipCount, long isolatedTracks,
                           long minWeight, String excludedSplit, long excludedMemberships, String relationshipType,
                           String gdsGraphName, List<String> featureGroups, long tracksWithGenre, long genres,
                           long memoryBytes, ZonedDateTime createdAt, Map<String, Object> configuration) {
    }

    public record DropRow(String graphName, boolean dropped, boolean gdsGraphDropped) {
    }

    @Procedure(name = "musig.graph.build", mode = Mode.WRITE)
    @Description("Builds the weighted track co-occurrence graph: counts, for every pair of tracks, the playlists "
            + "containing both, keeps pairs with weight >= minWeight (10), writes them as "
            + "(:Track)-[:CO_OCCURS {weight}]->(:Track), projects them into GDS and keeps them in memory for "
            + "training. Config: graphName ('musig'), minWeight, writeRelationshipType ('CO_OCCURS', null: no "
            + "write), excludeMemberships (a split name), concurrency, batchSize (10000), project (true).")
    public Stream<BuildRow> build(@Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        GraphBuildConfig settings = GraphBuildConfig.parse(config);
        GraphBuilder.Outcome outcome = TaskRegistry.run(db, GraphBuildConfig.OWNER, guard,
                progress -> GraphBuilder.build(db, tx, settings, progress));
        MusigGraph graph = outcome.graph();
        var changes = outcome.changes();
        var projection = outcome.projection();
        return Stream.of(new BuildRow(graph.name(), graph.graph().nodeCount(), graph.graph().relationshipCount(),
                outcome.playlistsScanned(), outcome.pairOccurrences(), settings.minWeight(),
                graph.graph().isolatedNodes(), graph.excludedMemberships(), changes.created(), changes.updated(),
                changes.deleted(), graph.gdsGraphName(), projection.nodeCount(), projection.relationshipCount(),
                outcome.readMillis(), outcome.computeMillis(), outcome.writeMillis(), projection.millis(),
                graph.memoryBytes(), outcome.notices(), settings.echo()));
    }

    public record DiagnosticsRow(String graphName, long nodeCount, long relationshipCount, Map<String, Long> coverage,
                                 long edgesCompared, Map<String, Double> sharedOnEdges,
                                 Map<String, Double> sharedOnRandomPairs, Double audioCosineOnEdges,
                                 Double audioCosineOnRandomPairs, Double weightAudioCorrelation,
                                 List<String> findings) {
    }

    @Procedure(name = "musig.graph.diagnostics", mode = Mode.READ)
    @Description("How a built graph's task labels relate before training (the paper's Fig. 1): tracks per label, the "
            + "share of co-occurring pairs that share a genre, artist or album against random pairs, their audio "
            + "similarity, and the correlation of co-occurrence weight with audio similarity.")
    public Stream<DiagnosticsRow> diagnostics(@Name(value = "graphName", defaultValue = "musig") String graphName) {
        MusigGraph graph = GraphCatalog.of(db).require(graphName);
        TaskLabelDiagnostics.Result r = TaskLabelDiagnostics.of(graph.graph(), graph.features(), 42);
        Map<String, Long> coverage = new java.util.LinkedHashMap<>();
        r.coverage().forEach((label, tracks) -> coverage.put(label, (long) tracks));
        return Stream.of(new DiagnosticsRow(graphName, r.tracks(), r.relationships(), coverage, r.edgesCompared(),
                withoutNaN(r.sharedOnEdges()), withoutNaN(r.sharedOnRandomPairs()), nullable(r.audioCosineOnEdges()),
                nullable(r.audioCosineOnRandomPairs()), nullable(r.weightAudioCorrelation()), findings(r)));
    }

    /** One plain sentence per label the graph has: does it separate co-occurring pairs from random ones? */
    private static List<String> findings(TaskLabelDiagnostics.Result r) {
        List<String> lines = new java.util.ArrayList<>();
        r.sharedOnEdges().forEach((label, onEdges) -> {
            double onRandom = r.sharedOnRandomPairs().get(label);
            if (Double.isNaN(onEdges) || Double.isNaN(onRandom)) {
                lines.add(label + ": too few tracks carry it to compare");
            } else {
                lines.add(String.format(java.util.Locale.ROOT,
                        "%s: %.3f of co-occurring pairs share one, %.3f of random "
                                + "pairs (%s)",
                        label, onEdges, onRandom, onEdges > 1.5 * onRandom + 0.01
                                ? "a label that follows the playlists" : "it barely follows the playlists"));
            }
        });
        if (!Double.isNaN(r.audioCosineOnEdges())) {
            lines.add(String.format(java.util.Locale.ROOT,
                    "audio: mean cosine %.3f on co-occurring pairs, %.3f on random "
                            + "pairs; correlation with co-occurrence weight %.3f",
                    r.audioCosineOnEdges(),
                    r.audioCosineOnRandomPairs(), r.weightAudioCorrelation()));
        } else {
            lines.add("audio: no track pair with audio vectors, so the audio similarity task has no labels");
        }
        return lines;
    }

    private static Map<String, Double> withoutNaN(Map<String, Double> values) {
        Map<String, Double> map = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, nullable(v)));
        return map;
    }

    private static Double nullable(double value) {
        return Double.isNaN(value) ? null : value;
    }

    @Procedure(name = "musig.graph.list", mode = Mode.READ)
    @Description("Lists the co-occurrence graphs built in this database (kept in memory until dropped or restart).")
    public Stream<GraphRow> list(@Name(value = "graphName", defaultValue = "") String graphName) {
        return GraphCatalog.of(db).list().stream()
                .filter(g -> graphName.isEmpty() || g.name().equals(graphName))
                .map(GraphProcedures::row);
    }

    @Procedure(name = "musig.graph.drop", mode = Mode.READ)
    @Description("Drops a co-occurrence graph from memory, and its GDS projection. The written relationships stay "
            + "(delete them with Cypher if wanted).")
    public Stream<DropRow> drop(@Name("graphName") String graphName,
                                @Name(value = "failIfMissing", defaultValue = "true") boolean failIfMissing) {
        MusigGraph removed = GraphCatalog.of(db).remove(graphName);
        if (removed == null && failIfMissing) {
            GraphCatalog.of(db).require(graphName); // throws, naming the graphs that exist
        }
        boolean gdsDropped = false;
        if (removed != null && removed.gdsGraphName() != null && GdsProjection.available(tx)
                && GdsProjection.exists(tx, removed.gdsGraphName())) {
            GdsProjection.drop(tx, removed.gdsGraphName());
            gdsDropped = true;
        }
        return Stream.of(new DropRow(graphName, removed != null, gdsDropped));
    }

    private static GraphRow row(MusigGraph g) {
        return new GraphRow(g.name(), g.graph().nodeCount(), g.graph().relationshipCount(), g.graph().isolatedNodes(),
                g.graph().minWeight(), g.excludedSplit(), g.excludedMemberships(), g.relationshipType(),
                g.gdsGraphName(), List.copyOf(g.features().groups().keySet()), g.features().tracksWithGenre(),
                g.features().genreNames().size(), g.memoryBytes(), g.createdAt(), g.configuration());
    }
}
