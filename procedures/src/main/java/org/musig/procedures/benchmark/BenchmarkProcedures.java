package org.musig.procedures.benchmark;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.musig.procedures.progress.TaskRegistry;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code musig.benchmark}: the paper's Table 2 (and Table 3) in the user's own database, in one call. */
public class BenchmarkProcedures {
    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    // WRITE: it may create the split (a :MusigSplit node) it evaluates on; it writes nothing else.
    @Procedure(name = "musig.benchmark", mode = Mode.WRITE)
    @Description("Playlist completion for every method on one split: creates the split if needed, reads the store "
            + "without its held-out memberships, fits random, popularity, item co-occurrence, content cosine, CF-WARP, "
            + "Track2Vec(-Feature), GDS Node2Vec/GraphSAGE and MUSIG (the paper's task-weight grid) and yields one "
            + "row per (method, features, task weights, knobs). Config: split, testPlaylists, minTracks, seedFraction, "
            + "minWeight (2), methods, features, taskGrid, regressionTargets, coldStartRates, trainVariants, train, "
            + "embeddingDimension (64), cfEpochs, track2vecWindows, "
            + "maxRelationships (none: the GDS baselines' graph cap), negatives, fullCatalogue, randomSeed, concurrency. "
            + "A stage whose memory estimate exceeds the free heap is a skipped row naming both numbers.")
    public Stream<BenchmarkRow> benchmark(@Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        BenchmarkConfig settings = BenchmarkConfig.parse(config);
        List<BenchmarkRow> rows = TaskRegistry.run(db, BenchmarkConfig.OWNER, guard,
                progress -> new BenchmarkRun(db, tx, settings, progress).run());
        return rows.stream();
    }
}
