package org.musig.procedures.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.musig.model.baselines.ContentVectors;
import org.musig.model.baselines.CooccurrenceScorer;
import org.musig.model.baselines.PopularityScorer;
import org.musig.model.baselines.RandomScorer;
import org.musig.model.baselines.Track2Vec;
import org.musig.model.baselines.Track2VecConfig;
import org.musig.model.baselines.WarpConfig;
import org.musig.model.baselines.WarpFactorisation;
import org.musig.model.eval.EmbeddingScorer;
import org.musig.model.eval.PlaylistCompletion;
import org.musig.model.eval.TestPlaylist;
import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.progress.Progress;
import org.musig.model.rank.VectorTable;
import org.musig.model.train.MusigTrainer;
import org.musig.model.train.TrainConfig;
import org.musig.model.train.TrainedModel;
import org.musig.procedures.evaluate.SplitReader;
import org.musig.procedures.graph.GdsProjection;
import org.musig.procedures.graph.StoreGraph;
import org.musig.procedures.graph.TrackIndex;
import org.musig.procedures.split.SplitStore;
import org.musig.procedures.split.StoredSplit;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * The steps of {@code musig.benchmark}: make sure the split exists, read the store without its held-out
 * memberships, then fit every requested method on that same view and evaluate each on the same
 * candidates. Nothing a method learns from includes a held-out membership: the graph, the features
 * (popularity counts, genre votes), the playlists word2vec and CF read, and MUSIG's training pairs all
 * come from the one snapshot read with the split excluded.
 */
final class BenchmarkRun {
    private static final String GDS_GRAPH = "musig-benchmark";

    private final GraphDatabaseAPI db;
    private final Transaction tx;
    private final BenchmarkConfig config;
    private final Progress progress;
    private final List<BenchmarkRow> rows = new ArrayList<>();

    private StoredSplit split;
    private List<TestPlaylist> playlists;
    private StoreGraph.PlaylistSnapshot data;
    private long[] negativePool;
    private TrackIndex tracks;
    private List<String> sharedNotices;
    private List<String> available;
    /** Content vectors per feature choice: content cosine, Track2Vec-Feature and GraphSAGE all use them. */
    private final Map<List<String>, float[][]> contentByGroups = new HashMap<>();

    BenchmarkRun(GraphDatabaseAPI db, Transaction tx, BenchmarkConfig config, Progress progress) {
        this.db = db;
        this.tx = tx;
        this.config = config;
        this.progress = progress;
    }

    List<BenchmarkRow> run() {
        prepare();
        List<String> methods = config.methods();
        if (methods.contains("random")) {
            timed("random", "none", null, null,
                    () -> new RandomScorer(trackNodeIds().length, config.randomSeed()));
        }
        if (methods.contains("popularity")) {
            timed("popularity", "none", null, null, () -> new PopularityScorer(data.memberships()));
        }
        if (methods.contains("cooccurrence")) {
            timed("cooccurrence", "none", null, null, () -> new CooccurrenceScorer(data.memberships()));
        }
        if (methods.contains("content")) {
            for (String f : config.features()) {
                if (f.equals("popularity")) {
                    skip("content", f, null, null, "one popularity value per track has no direction to take a cosine of; "
                            + "see the 'popularity' row");
                    continue;
                }
                withGroups("content", f, null, null, groups -> embeddingScorer(content(groups)));
            }
        }
        if (methods.contains("cf")) {
            timed("cf-warp", "none", null, null, () -> {
                WarpConfig d = WarpConfig.defaults();
                WarpConfig warp = new WarpConfig(config.dimension(), d.epochs(), d.learningRate(), d.maxTrials(),
                        d.regularisation(), config.randomSeed());
                return embeddingScorer(WarpFactorisation.train(data.memberships(), warp, progress).trackVectors());
            });
        }
        if (methods.contains("track2vec")) {
            runTrack2Vec();
        }
        if (methods.contains("node2vec") || methods.contains("graphsage")) {
            runGds();
        }
        if (methods.contains("musig")) {
            runMusig();
        }
        return rows;
    }

    private void prepare() {
        sharedNotices = new ArrayList<>();
        progress.begin("benchmark: split", -1);
        boolean created = ensureSplit();
        split = SplitStore.load(db, config.split());
        if (!created && config.splitSettings().size() > 1) {
            sharedNotices.add("split '" + split.name() + "' already existed; its stored settings were used, not "
                    + "testPlaylists / minTracks / seedFraction");
        }
        List<String> missing = new ArrayList<>();
        playlists = SplitReader.read(tx, split, missing);
        if (!missing.isEmpty()) {
            sharedNotices.add(missing.size() + " test playlists of the split no longer exist");
        }
        data = StoreGraph.readWithPlaylists(tx, split, config.minWeight(), config.concurrency(), sharedNotices,
                progress);
        tracks = TrackIndex.of(trackNodeIds());
        negativePool = config.negatives().equals("heldout") ? SplitReader.allHeldOut(playlists) : trackNodeIds();
        available = availableGroups(data.graph().features());
    }

    /** Creates the split in a transaction of its own (so it is committed before it is read); true if created. */
    private boolean ensureSplit() {
        if (SplitStore.exists(tx, config.split())) {
            return false;
        }
        db.executeTransactionally("CALL musig.split.create($name, $settings) YIELD splitName RETURN splitName",
                Map.of("name", config.split(), "settings", config.splitSettings()));
        return true;
    }

    private void runTrack2Vec() {
        long start = System.currentTimeMillis();
        Track2VecConfig settings = Track2VecConfig.parse(Map.of("dimension", config.dimension(),
                "randomSeed", config.randomSeed()));
        float[][] vectors = Track2Vec.train(trackNodeIds().length, data.sequences(), settings, progress).trackVectors();
        long trainMillis = System.currentTimeMillis() - start;
        evaluate("track2vec", "none", null, null, embeddingScorer(vectors), trainMillis, List.of());
        for (String f : config.features()) {
            withGroups("track2vec-feature", f, null, null,
                    groups -> embeddingScorer(Track2Vec.withFeatures(vectors, unitRows(content(groups)))));
        }
    }

    private void runGds() {
        boolean node2vec = config.methods().contains("node2vec");
        boolean graphSage = config.methods().contains("graphsage");
        if (!GdsProjection.available(db)) {
            String reason = "Graph Data Science is not installed on this server";
            if (node2vec) {
                skip("node2vec", "none", null, null, reason);
            }
            if (graphSage) {
                config.features().forEach(f -> skip("graphsage", f, null, null, reason));
            }
            return;
        }
        Map<String, float[][]> tables = new LinkedHashMap<>();
        if (graphSage) {
            for (String f : config.features()) {
                List<String> groups = groupsOf(f);
                if (groups != null) {
                    tables.put(propertyOf(f), content(groups));
                }
            }
        }
        progress.begin("benchmark: project into GDS", -1);
        long start = System.currentTimeMillis();
        try (GdsBaselines gds = new GdsBaselines(tx, GDS_GRAPH, data.graph().graph(), trackNodeIds(), tracks, tables)) {
            long projectMillis = System.currentTimeMillis() - start;
            List<String> notices = List.of("includes " + projectMillis + " ms to project the graph into GDS");
            if (node2vec) {
                progress.begin("benchmark: node2vec", -1);
                long t0 = System.currentTimeMillis();
                float[][] vectors = gds.node2vec(config.dimension(), config.randomSeed(), config.concurrency(),
                        config.node2vec());
                evaluate("node2vec", "none", null, null, embeddingScorer(vectors),
                        System.currentTimeMillis() - t0 + projectMillis, notices);
            }
            if (graphSage) {
                for (String f : config.features()) {
                    withGroups("graphsage", f, null, null, groups -> {
                        progress.begin("benchmark: graphsage " + f, -1);
                        return embeddingScorer(gds.graphSage(propertyOf(f), config.dimension(), config.randomSeed(),
                                config.concurrency(), config.graphSage()));
                    });
                }
            }
        }
    }

    private void runMusig() {
        for (String target : config.regressionTargets()) {
            if (!available.contains(target)) {
                skip("musig", "-", null, target, "no track has '" + target + "' features to regress");
                continue;
            }
            // Table 3 varies the regression target over the audio/acoustic inputs only.
            List<String> features = target.equals("audio") ? config.features()
                    : config.features().stream().filter(f -> f.equals("audio") || f.equals("acoustic")).toList();
            for (String f : features) {
                for (List<Double> weights : config.taskGrid()) {
                    String method = weights.get(1) == 0 && weights.get(2) == 0 ? "musig-single-task" : "musig";
                    withGroups(method, f, weights, target, groups -> {
                        TrainConfig settings = config.musigConfig(groups, weights, target);
                        TrainedModel model = MusigTrainer.train(data.graph().graph(), data.graph().features(),
                                settings, progress);
                        int[] all = java.util.stream.IntStream.range(0, trackNodeIds().length).toArray();
                        return embeddingScorer(model.embed(data.graph().graph(), data.graph().features(), all,
                                settings.randomSeed(), settings.concurrency(), progress));
                    });
                }
            }
        }
    }

    /** A scorer built from a feature selection, or a skipped row when the data lacks the features. */
    private void withGroups(String method, String feature, List<Double> weights, String target,
                            java.util.function.Function<List<String>, TrackScorer> build) {
        List<String> groups = groupsOf(feature);
        if (groups == null) {
            skip(method, feature, weights, target, "no track has '" + feature + "' features");
            return;
        }
        timed(method, feature, weights, target, () -> build.apply(groups));
    }

    private void timed(String method, String feature, List<Double> weights, String target, Supplier<TrackScorer> fit) {
        progress.checkRunning();
        long start = System.currentTimeMillis();
        TrackScorer scorer;
        try {
            scorer = fit.get();
        } catch (IllegalArgumentException e) {
            skip(method, feature, weights, target, e.getMessage());
            return;
        }
        evaluate(method, feature, weights, target, scorer, System.currentTimeMillis() - start, List.of());
    }

    private void evaluate(String method, String feature, List<Double> weights, String target, TrackScorer scorer,
                          long trainMillis, List<String> notices) {
        progress.begin("benchmark: evaluate " + method + " " + feature, playlists.size());
        long start = System.currentTimeMillis();
        PlaylistCompletion.Result r = PlaylistCompletion.evaluate(scorer, tracks::denseId, playlists, negativePool,
                config.randomSeed(), config.fullCatalogue(), progress);
        List<String> all = new ArrayList<>(sharedNotices);
        all.addAll(notices);
        if (r.skippedPlaylists() > 0) {
            all.add(r.skippedPlaylists() + " test playlists skipped: the method could not score their seed");
        }
        rows.add(new BenchmarkRow(method, feature, weights, target, "ok", null, trainMillis,
                System.currentTimeMillis() - start, r.hitRate(), r.mrr(), r.precisionAt1(), r.precisionAt5(),
                r.precisionAt10(), r.ndcgAt1(), r.ndcgAt5(), r.ndcgAt10(), nullable(r.coldHitRate()),
                nullable(r.coldMrr()), nullable(r.fullRPrecision()), nullable(r.fullNdcg()),
                nullable(r.fullRecallAt100()), r.randomHitRate(), r.playlists(), r.heldOutTracks(), r.coldTracks(),
                split.name(), config.negatives(), all, config.echo()));
    }

    private void skip(String method, String feature, List<Double> weights, String target, String reason) {
        rows.add(new BenchmarkRow(method, feature, weights, target, "skipped", reason, 0, 0, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, 0, 0, 0, split.name(), config.negatives(),
                List.of(), config.echo()));
    }

    /** The groups a feature choice stands for, or null when the data has none of them. */
    private List<String> groupsOf(String feature) {
        if (feature.equals("all")) {
            return available.isEmpty() ? null : available;
        }
        return available.contains(feature) ? List.of(feature) : null;
    }

    private float[][] content(List<String> groups) {
        return contentByGroups.computeIfAbsent(groups,
                g -> ContentVectors.of(data.graph().features(), g, 50, new ArrayList<>()));
    }

    private long[] trackNodeIds() {
        return data.graph().trackNodeIds();
    }

    private static TrackScorer embeddingScorer(float[][] vectors) {
        return new EmbeddingScorer(VectorTable.of(vectors));
    }

    /** Rows scaled to unit length (zero rows stay zero), so concatenated parts weigh the same. */
    private static float[][] unitRows(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = VectorTable.normalised(rows[r]);
        }
        return out;
    }

    private static List<String> availableGroups(TrackFeatures features) {
        List<String> groups = new ArrayList<>();
        if (features.tracksWithGenre() > 0) {
            groups.add("genre");
        }
        for (String g : List.of(TrackFeatures.POPULARITY, TrackFeatures.AUDIO, TrackFeatures.ACOUSTIC)) {
            if (features.group(g) != null) {
                groups.add(g);
            }
        }
        return groups;
    }

    private static String propertyOf(String feature) {
        return "f_" + feature;
    }

    private static Double nullable(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
