package org.musig.procedures.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.musig.baselines.ContentVectors;
import org.musig.common.progress.Progress;
import org.musig.model.eval.BootstrapStatistics;
import org.musig.model.eval.EmbeddingScorer;
import org.musig.model.eval.PerPlaylist;
import org.musig.model.eval.PlaylistCompletion;
import org.musig.model.eval.TestPlaylist;
import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.nn.InputFeatures;
import org.musig.model.rank.VectorTable;
import org.musig.model.train.TrainConfig;
import org.musig.procedures.evaluate.SplitReader;
import org.musig.procedures.graph.StoreGraph;
import org.musig.procedures.graph.TrackIndex;
import org.musig.procedures.split.StoredSplit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * What the methods of a benchmark see and where their rows go: the view of the store a pass reads (without the
 * held-out memberships of the split it excludes), the playlists it evaluates on, which rows it wants, and how a
 * method's row is fitted, evaluated on the shared candidates and recorded. {@link BenchmarkRun} moves it from the
 * validation pass to the test pass; the method families ({@link MusigRows}, {@link GdsRows},
 * {@link LearnedBaselineRows}, and the count-based baselines in {@link BenchmarkRun}) only add rows to it.
 */
final class BenchmarkPass {
    /** The feature groups in the order 'all' and 'all+metadata' list them. */
    private static final List<String> GROUP_ORDER = Stream.concat(Stream.of("genre", TrackFeatures.POPULARITY,
            TrackFeatures.AUDIO, TrackFeatures.ACOUSTIC, TrackFeatures.YEAR, TrackFeatures.ARTIST, TrackFeatures.ALBUM,
            TrackFeatures.TITLE), InputFeatures.LEARNED_TABLES.stream()).toList();

    final GraphDatabaseService db;
    final Transaction tx;
    final BenchmarkConfig config;
    final Progress progress;
    /** The rows so far, in the order the methods ran. */
    final List<BenchmarkRow> rows = new ArrayList<>();
    /** Per-playlist values of each evaluated row, for the paired tests at the end. */
    final Map<BenchmarkRow, PerPlaylist> perPlaylist = new java.util.IdentityHashMap<>();
    /** Notices every evaluated row carries (e.g. about the split). */
    final List<String> sharedNotices = new ArrayList<>();

    /** 'validation' while variants are compared on validation playlists and for the selected test rows. */
    String selection;
    /** Which rows to fit and evaluate, by label: all while exploring or validating, the selected ones on test. */
    Predicate<String> wanted = label -> true;
    /** The seed methods are fitted with (the benchmark's own, or a repeat's); negatives always use the benchmark's. */
    long methodSeed;
    /** True in the validation pass of a selection, where MUSIG's epoch count is chosen ({@link EpochChoice}). */
    boolean choosingEpochs;

    private StoredSplit split;
    private List<TestPlaylist> playlists;
    private StoreGraph.PlaylistSnapshot data;
    private long[] negativePool;
    private TrackIndex tracks;
    private List<String> available;
    /** Content vectors per feature choice: content cosine, Track2Vec-Feature and GraphSAGE all use them. */
    private final Map<List<String>, float[][]> contentByGroups = new HashMap<>();

    BenchmarkPass(GraphDatabaseService db, Transaction tx, BenchmarkConfig config, Progress progress) {
        this.db = db;
        this.tx = tx;
        this.config = config;
        this.progress = progress;
        this.methodSeed = config.randomSeed();
    }

    /**
     * Reads the view the methods learn from and are evaluated on: the store without {@code excluded}'s held-out
     * memberships, evaluated on {@code evaluated}'s playlists.
     */
    void read(StoredSplit evaluated, StoredSplit excluded) {
        split = evaluated;
        contentByGroups.clear();
        List<String> missing = new ArrayList<>();
        playlists = SplitReader.read(tx, evaluated, missing);
        if (!missing.isEmpty() && evaluated.name().equals(config.split())) {
            sharedNotices.add(missing.size() + " test playlists of the split no longer exist");
        }
        data = StoreGraph.readWithPlaylists(tx, excluded, config.minWeight(), config.concurrency(), sharedNotices,
                progress);
        tracks = TrackIndex.of(trackNodeIds());
        negativePool = SplitReader.negativePool(config.negatives(), playlists, trackNodeIds());
        available = availableGroups(data.graph().features());
    }

    /** The store as this pass's methods may learn from it. */
    StoreGraph.PlaylistSnapshot data() {
        return data;
    }

    /** The split this pass evaluates on. */
    StoredSplit split() {
        return split;
    }

    /** The index of the graph's tracks by node id. */
    TrackIndex tracks() {
        return tracks;
    }

    long[] trackNodeIds() {
        return data.graph().trackNodeIds();
    }

    boolean wants(RowKey key) {
        return wanted.test(key.label());
    }

    /** A scorer built from a feature selection, or a skipped row when the data lacks the features. */
    void withGroups(RowKey key, List<String> notices, Function<List<String>, TrackScorer> build) {
        List<String> groups = groupsOf(key.features());
        if (groups == null) {
            skip(key, "no track has '" + key.features() + "' features");
            return;
        }
        timed(key, notices, () -> build.apply(groups));
    }

    /** Fits a scorer (when this pass wants the row), timing the fit, and evaluates it; a bad fit skips the row. */
    void timed(RowKey key, List<String> notices, Supplier<TrackScorer> fit) {
        if (!wants(key)) {
            return;
        }
        progress.checkRunning();
        long start = System.currentTimeMillis();
        TrackScorer scorer;
        try {
            scorer = fit.get();
        } catch (IllegalArgumentException e) {
            skip(key, e.getMessage());
            return;
        }
        evaluate(key, scorer, System.currentTimeMillis() - start, notices);
    }

    /** Evaluates a scorer and adds its row (returned; null when this pass does not want the row). */
    BenchmarkRow evaluate(RowKey key, TrackScorer scorer, long trainMillis, List<String> notices) {
        if (!wants(key)) {
            return null;
        }
        return addRow(key, score(key, scorer, config.fullCatalogue()), trainMillis, notices);
    }

    /** A scorer's metrics on this pass's playlists, and how long they took. */
    record Scored(PlaylistCompletion.Result result, long evaluateMillis) {
    }

    Scored score(RowKey key, TrackScorer scorer, boolean fullCatalogue) {
        progress.begin("benchmark: evaluate " + key.method() + " " + key.features(), playlists.size());
        long start = System.currentTimeMillis();
        PlaylistCompletion.Result r = PlaylistCompletion.evaluate(scorer, tracks::denseId, playlists, negativePool,
                config.randomSeed(), fullCatalogue, progress);
        return new Scored(r, System.currentTimeMillis() - start);
    }

    /** Adds the row of an evaluated method and returns it. */
    BenchmarkRow addRow(RowKey key, Scored scored, long trainMillis, List<String> notices) {
        PlaylistCompletion.Result r = scored.result();
        List<String> all = new ArrayList<>(sharedNotices);
        all.addAll(notices);
        if (r.skippedPlaylists() > 0) {
            all.add(r.skippedPlaylists() + " test playlists skipped: the method could not score their seed");
        }
        BenchmarkRow row = BenchmarkRow.of(key, withCommonColumns(BenchmarkRow.columns("status", "ok", "trainMillis",
                trainMillis, "evaluateMillis", scored.evaluateMillis(), "hitRate", r.hitRate(), "mrr", r.mrr(),
                "precisionAt1", r.precisionAt1(), "precisionAt5", r.precisionAt5(), "precisionAt10", r.precisionAt10(),
                "ndcgAt1", r.ndcgAt1(), "ndcgAt5", r.ndcgAt5(), "ndcgAt10", r.ndcgAt10(), "coldHitRate",
                nullable(r.coldHitRate()), "coldMrr", nullable(r.coldMrr()), "fullRPrecision",
                nullable(r.fullRPrecision()), "fullNdcg", nullable(r.fullNdcg()), "fullRecallAt100",
                nullable(r.fullRecallAt100()), "randomHitRate", r.randomHitRate(), "playlists", r.playlists(),
                "heldOutTracks", r.heldOutTracks(), "coldTracks", r.coldTracks(), "intervals",
                intervals(r.perPlaylist()), "notices", all), key));
        rows.add(row);
        perPlaylist.put(row, r.perPlaylist());
        return row;
    }

    /** Replaces a row by an annotated copy of it, keeping its per-playlist values (no-op for a null row). */
    void replace(BenchmarkRow row, java.util.function.UnaryOperator<BenchmarkRow> annotate) {
        if (row != null) {
            BenchmarkRow annotated = annotate.apply(row);
            rows.set(rows.indexOf(row), annotated);
            perPlaylist.put(annotated, perPlaylist.remove(row));
        }
    }

    /**
     * Whether a stage estimated at {@code bytes} fits in the free heap; if not, the row (when this pass wants it)
     * is skipped with both numbers, and nothing is allocated for it.
     */
    boolean fits(RowKey key, String stage, long bytes) {
        String reason = BenchmarkMemory.shortfall(stage, bytes);
        if (reason == null) {
            return true;
        }
        if (wants(key)) {
            skip(key, reason);
        }
        return false;
    }

    /** Adds the row of a variant that could not run, with the reason. */
    void skip(RowKey key, String reason) {
        rows.add(BenchmarkRow.of(key,
                withCommonColumns(BenchmarkRow.columns("status", "skipped", "reason", reason, "intervals", Map.of(),
                        "notices", List.of()), key)));
    }

    /** The columns every row of this pass has: origin, selection, split, negatives and the call's configuration. */
    private Map<String, Object> withCommonColumns(Map<String, Object> columns, RowKey key) {
        columns.put("origin", originOf(key, config.train()));
        columns.put("selection", selection);
        columns.put("split", split.name());
        columns.put("negatives", config.negatives().text());
        columns.put("configuration", config.echo());
        return columns;
    }

    /** Per metric, the 95% bootstrap interval of its mean over the test playlists. */
    private Map<String, List<Double>> intervals(PerPlaylist values) {
        Map<String, Function<PerPlaylist, double[]>> metrics = new LinkedHashMap<>();
        metrics.put("hitRate", PerPlaylist::hitRate);
        metrics.put("mrr", PerPlaylist::mrr);
        metrics.put("ndcgAt10", PerPlaylist::ndcgAt10);
        metrics.put("fullRPrecision", PerPlaylist::fullRPrecision);
        metrics.put("fullNdcg", PerPlaylist::fullNdcg);
        Map<String, List<Double>> result = new LinkedHashMap<>();
        metrics.forEach((name, metric) -> {
            BootstrapStatistics.Interval interval = BootstrapStatistics.meanInterval(metric.apply(values),
                    BootstrapStatistics.DEFAULT_RESAMPLES, config.randomSeed());
            if (!Double.isNaN(interval.mean())) {
                result.put(name, List.of(interval.low(), interval.high()));
            }
        });
        return result;
    }

    /**
     * 'paper', 'extension' or 'baseline' (see {@link BenchmarkRow}). A MUSIG row is the paper's when it has the
     * paper's feature groups and its training settings ({@code train} with the row's knobs over it) keep the
     * paper's model ({@link TrainConfig#departuresFromPaper}: no walks, ensembles, ...), except the
     * {@code coldStartRate} knob, which is shown beside it. Budget settings ({@code epochs}, ...) do not count.
     */
    static String originOf(RowKey key, Map<String, Object> train) {
        if (!key.method().startsWith("musig")) {
            return "baseline";
        }
        if (key.method().equals(MusigRows.MUSIG_FEATURE)) {
            return "extension"; // appending the inputs is not the paper's model, whatever they are
        }
        boolean paperGroups = key.features().equals("all")
                || TrainConfig.PAPER_FEATURE_GROUPS.containsAll(List.of(key.features().split("\\+")));
        Map<String, Object> settings = new LinkedHashMap<>(train);
        if (key.knobs() != null) {
            settings.putAll(key.knobs());
        }
        boolean departs = TrainConfig.parse(settings).departuresFromPaper().stream()
                .anyMatch(setting -> !setting.equals(MusigRows.COLD_START_RATE));
        return paperGroups && !departs ? "paper" : "extension";
    }

    /**
     * The groups a feature choice stands for, or null when the data lacks one of them: 'all' is every group of
     * the paper's the data has, 'all+metadata' adds the artist, album, year and title groups (not the learned
     * tables), and 'audio+artist' (any groups joined by '+') is exactly those groups.
     */
    List<String> groupsOf(String feature) {
        if (feature.equals("all") || feature.equals("all+metadata")) {
            List<String> groups = feature.equals("all") ? available.stream()
                    .filter(TrainConfig.PAPER_FEATURE_GROUPS::contains).toList()
                    : available.stream().filter(g -> !InputFeatures.LEARNED_TABLES.contains(g)).toList();
            return groups.isEmpty() ? null : groups;
        }
        List<String> groups = List.of(feature.split("\\+"));
        return available.containsAll(groups) ? groups : null;
    }

    /** Whether the data has this feature group (e.g. 'audio', the regression targets). */
    boolean has(String group) {
        return available.contains(group);
    }

    /** The content vectors of a feature choice's groups, computed once per pass. */
    float[][] content(List<String> groups) {
        return contentByGroups.computeIfAbsent(groups,
                g -> ContentVectors.of(data.graph().features(), g, 50, new ArrayList<>()));
    }

    static TrackScorer embeddingScorer(float[][] vectors) {
        return new EmbeddingScorer(VectorTable.of(vectors));
    }

    /**
     * The vectors of an ensemble of seeded models: each member's rows at unit length, side by side, scaled by
     * 1/sqrt(members) ({@link VectorTable#placeMember}, as MUSIG's {@code ensembleSize} combines its members).
     */
    static float[][] ensembleOf(List<float[][]> members) {
        float[][] ensemble = new float[members.get(0).length][members.size() * members.get(0)[0].length];
        for (int m = 0; m < members.size(); m++) {
            VectorTable.placeMember(ensemble, unitRows(members.get(m)), m, members.size());
        }
        return ensemble;
    }

    /** Rows scaled to unit length (zero rows stay zero), so concatenated parts weigh the same. */
    static float[][] unitRows(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = VectorTable.normalised(rows[r]);
        }
        return out;
    }

    /** The feature groups the data has, in the order 'all' and 'all+metadata' list them. */
    private static List<String> availableGroups(TrackFeatures features) {
        return GROUP_ORDER.stream().filter(g -> InputFeatures.dataHas(features, g)).toList();
    }

    static Double nullable(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
