package org.musig.procedures.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.musig.model.eval.EmbeddingScorer;
import org.musig.model.eval.PlaylistCompletion;
import org.musig.model.eval.TestPlaylist;
import org.musig.procedures.progress.TaskRegistry;
import org.musig.procedures.recommend.EmbeddingCache;
import org.musig.procedures.split.SplitStore;
import org.musig.procedures.split.StoredSplit;
import org.musig.procedures.train.ModelStore;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code musig.evaluate}: playlist completion on a stored split, one row per embedding property. */
public class EvaluateProcedures {
    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    public record EvaluationRow(String property, String split, String negatives, long playlists, long skippedPlaylists,
                                long heldOutTracks, long coldTracks, double hitRate, double mrr, double precisionAt1,
                                double precisionAt5, double precisionAt10, double ndcgAt1, double ndcgAt5,
                                double ndcgAt10, Double coldHitRate, Double coldMrr, double randomHitRate,
                                Double fullRPrecision, Double fullNdcg, Double fullRecallAt100, List<String> notices,
                                Map<String, Object> configuration) {
    }

    @Procedure(name = "musig.evaluate", mode = Mode.READ)
    @Description("Playlist completion on a stored split (musig.split.create): for each test playlist, rank its "
            + "held-out tracks among as many negatives by cosine to the mean seed embedding. Config: split "
            + "(required), properties (['musig']), negatives ('exposure' | 'heldout' | 'uniform'), randomSeed (42), fullCatalogue (true).")
    public Stream<EvaluationRow> evaluate(@Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        EvaluateConfig settings = EvaluateConfig.parse(config);
        StoredSplit split = SplitStore.load(db, settings.split());
        List<String> missing = new ArrayList<>();
        List<TestPlaylist> playlists = SplitReader.read(tx, split, missing);
        List<EvaluationRow> rows = TaskRegistry.run(db, EvaluateConfig.OWNER, guard, progress -> {
            List<EvaluationRow> result = new ArrayList<>();
            for (String property : settings.properties()) {
                List<String> notices = new ArrayList<>();
                if (!missing.isEmpty()) {
                    notices.add(missing.size() + " test playlists of the split no longer exist");
                }
                notices.addAll(trainingCheck(property, split.name()));
                EmbeddingCache.Embeddings embeddings = EmbeddingCache.of(db).get(tx, property);
                if (embeddings.table().size() == 0) {
                    throw new IllegalArgumentException(EvaluateConfig.OWNER + ": no track has the property '" + property
                            + "'; write embeddings first (musig.embed.write)");
                }
                progress.begin("evaluate " + property, playlists.size());
                long[] pool = SplitReader.negativePool(settings.negatives(), playlists, embeddings.nodeIds());
                var r = PlaylistCompletion.evaluate(new EmbeddingScorer(embeddings.table()), embeddings::row, playlists,
                        pool, settings.randomSeed(), settings.fullCatalogue(), progress);
                if (r.skippedPlaylists() > 0) {
                    notices.add(r.skippedPlaylists() + " test playlists skipped: no seed track has the property");
                }
                notices.add(
                        String.format("a random ranking scores hitRate %.3f on these candidates", r.randomHitRate()));
                result.add(new EvaluationRow(property, split.name(), settings.negatives().text(), r.playlists(),
                        r.skippedPlaylists(), r.heldOutTracks(), r.coldTracks(), r.hitRate(), r.mrr(), r.precisionAt1(),
                        r.precisionAt5(), r.precisionAt10(), r.ndcgAt1(), r.ndcgAt5(), r.ndcgAt10(),
                        nullable(r.coldHitRate()),
                        nullable(r.coldMrr()), r.randomHitRate(), nullable(r.fullRPrecision()), nullable(r.fullNdcg()),
                        nullable(r.fullRecallAt100()), notices, settings.echo()));
            }
            return result;
        });
        return rows.stream();
    }

    /**
     * A warning when the vectors in {@code property} come from a model whose training graph saw the split's
     * held-out memberships (its numbers are then optimistic), or when no model is recorded as their writer.
     */
    private List<String> trainingCheck(String property, String split) {
        ModelStore.PropertyWriter writer = ModelStore.writerOf(tx, property);
        if (writer == null) {
            return List.of("no musig.embed.write is recorded for '" + property + "', so it cannot be checked that its "
                    + "training left out the held-out memberships of split '" + split + "'");
        }
        if (split.equals(writer.excludedSplit())) {
            return List.of();
        }
        return List.of("WARNING: '" + property + "' was written by model '" + writer.modelName()
                + "', trained on graph '"
                + writer.graphName() + "' built " + (writer.excludedSplit() == null ? "without excluding any split"
                        : "excluding split '" + writer.excludedSplit() + "'")
                + ": the held-out memberships of split '" + split
                + "' were visible to its training, so these numbers are optimistic. Build the graph with "
                + "excludeMemberships: '" + split + "', train and embed again");
    }

    private static Double nullable(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
