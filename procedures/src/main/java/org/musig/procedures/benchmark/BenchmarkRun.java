package org.musig.procedures.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.musig.baselines.BackoffCooccurrenceScorer;
import org.musig.baselines.CategoryCooccurrenceScorer;
import org.musig.baselines.CategoryCooccurrenceScorer.Weighting;
import org.musig.baselines.ContentVectors;
import org.musig.baselines.CooccurrenceScorer;
import org.musig.baselines.ItemFeatures;
import org.musig.baselines.PopularityScorer;
import org.musig.baselines.RandomScorer;
import org.musig.baselines.Track2Vec;
import org.musig.baselines.Track2VecConfig;
import org.musig.baselines.WarpConfig;
import org.musig.baselines.WarpFactorisation;
import org.musig.common.progress.Progress;
import org.musig.model.eval.BootstrapStatistics;
import org.musig.model.eval.EmbeddingScorer;
import org.musig.model.eval.PerPlaylist;
import org.musig.model.eval.PlaylistCompletion;
import org.musig.model.eval.TestPlaylist;
import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.nn.InputFeatures;
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
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * The steps of {@code musig.benchmark}: make sure the split exists, read the store without its held-out
 * memberships, then fit every requested method on that same view and evaluate each on the same
 * candidates. Nothing a method learns from includes a held-out membership: the graph, the features
 * (popularity counts, genre votes), the playlists word2vec and CF read, and MUSIG's training pairs all
 * come from the one snapshot read with the split excluded.
 */
final class BenchmarkRun {
    private static final String GDS_GRAPH = "musig-benchmark";
    /** MUSIG's embedding with the track's content vector appended, as Track2Vec-Feature does to word2vec's. */
    static final String MUSIG_FEATURE = "musig-feature";
    /** CF-WARP with the artist and album as item features: a model of its own, so a family of its own. */
    static final String CF_WARP_FEATURE = "cf-warp-feature";

    private final GraphDatabaseService db;
    private final Transaction tx;
    private final BenchmarkConfig config;
    private final Progress progress;
    private final List<BenchmarkRow> rows = new ArrayList<>();
    /** Per-playlist values of each evaluated row, for the paired tests at the end. */
    private final Map<BenchmarkRow, PerPlaylist> perPlaylist = new java.util.IdentityHashMap<>();

    private StoredSplit split;
    /** 'validation' while variants are compared on validation playlists and for the selected test rows. */
    private String selection;
    /** Which rows to train and evaluate, by label: all while exploring or validating, the selected ones on test. */
    private java.util.function.Predicate<String> wanted = label -> true;
    /** The seed methods are fitted with (the benchmark's own, or a repeat's); negatives always use the benchmark's. */
    private long methodSeed;
    private List<TestPlaylist> playlists;
    private StoreGraph.PlaylistSnapshot data;
    private long[] negativePool;
    private TrackIndex tracks;
    private List<String> sharedNotices;
    private List<String> available;
    /** True in the validation pass of a selection, where MUSIG's epoch count is chosen ({@link EpochChoice}). */
    private boolean choosingEpochs;
    /** Per MUSIG row label, its epoch count chosen on validation: what the test pass and its repeats train. */
    private final Map<String, EpochChoice> chosenEpochs = new HashMap<>();
    /** Content vectors per feature choice: content cosine, Track2Vec-Feature and GraphSAGE all use them. */
    private final Map<List<String>, float[][]> contentByGroups = new HashMap<>();

    BenchmarkRun(GraphDatabaseService db, Transaction tx, BenchmarkConfig config, Progress progress) {
        this.db = db;
        this.tx = tx;
        this.config = config;
        this.progress = progress;
        this.methodSeed = config.randomSeed();
    }

    List<BenchmarkRow> run() {
        StoredSplit test = prepare();
        if (config.selection() == BenchmarkConfig.Selection.VALIDATION) {
            StoredSplit validation = ValidationSplit.carve(tx, test, config.validationPlaylists() > 0
                    ? config.validationPlaylists() : test.playlistCount(), config.randomSeed() + 1, progress);
            if (validation.playlistCount() > 0) {
                return selectOnValidation(test, validation);
            }
            sharedNotices.add("no training playlist has minTracks tracks to validate on: every variant was evaluated "
                    + "on the test playlists (exploration, not a selection)");
        }
        read(test, test);
        selection = "exploration";
        runMethods();
        repeat();
        return compared();
    }

    /**
     * With {@code repeats} N > 1: every reported row fitted again with seeds randomSeed + 1 .. + N - 1 on the same
     * view and candidates, so a row says how much of its hit rate is training randomness (mean and standard
     * deviation over the N fits; the row's own metrics stay those of the first seed).
     */
    private void repeat() {
        if (config.repeats() < 2) {
            return;
        }
        List<BenchmarkRow> first = new ArrayList<>(rows);
        Map<BenchmarkRow, PerPlaylist> firstValues = new java.util.IdentityHashMap<>(perPlaylist);
        Map<String, List<Double>> hitRates = new HashMap<>();
        first.stream().filter(r -> r.hitRate() != null)
                .forEach(r -> hitRates.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r.hitRate()));
        java.util.function.Predicate<String> before = wanted;
        wanted = hitRates::containsKey;
        for (int k = 1; k < config.repeats(); k++) {
            progress.begin("benchmark: repeat " + (k + 1) + "/" + config.repeats(), -1);
            methodSeed = config.randomSeed() + k;
            rows.clear();
            runMethods();
            rows.stream().filter(r -> r.hitRate() != null)
                    .forEach(r -> hitRates.computeIfAbsent(r.label(), x -> new ArrayList<>()).add(r.hitRate()));
        }
        wanted = before;
        methodSeed = config.randomSeed();
        rows.clear();
        perPlaylist.clear();
        for (BenchmarkRow row : first) {
            List<Double> values = hitRates.get(row.label());
            BenchmarkRow annotated = values == null ? row : row.withRepeats(values);
            rows.add(annotated);
            if (firstValues.containsKey(row)) {
                perPlaylist.put(annotated, firstValues.get(row));
            }
        }
    }

    /**
     * Every variant on the validation playlists (their held-out halves and the test ones invisible), then
     * the best variant of each family, by validation hit rate, trained again without the test playlists'
     * held-out halves and evaluated once on the test playlists. A MUSIG variant's epoch count is part of the
     * variant: chosen on validation ({@link EpochChoice}, {@code patience}), and trained exactly on test.
     */
    private List<BenchmarkRow> selectOnValidation(StoredSplit test, StoredSplit validation) {
        progress.begin("benchmark: validation", -1);
        read(validation, ValidationSplit.union(test, validation));
        selection = "validation";
        choosingEpochs = true;
        runMethods();
        choosingEpochs = false;
        Map<String, BenchmarkRow> best = new LinkedHashMap<>();
        for (BenchmarkRow row : rows) {
            if (row.hitRate() != null) {
                best.merge(familyOf(row.method(), row.features()), row,
                        (a, b) -> b.hitRate() > a.hitRate() ? b : a);
            }
        }
        Map<String, Double> validationHitRate = new HashMap<>();
        best.values().forEach(row -> validationHitRate.put(row.label(), row.hitRate()));
        // A family none of whose variants could run (e.g. too big for the heap) still gets its reason reported.
        List<BenchmarkRow> unselectable = rows.stream().filter(r -> r.hitRate() == null
                && !best.containsKey(familyOf(r.method(), r.features()))).toList();
        rows.clear();
        perPlaylist.clear();
        contentByGroups.clear();
        wanted = validationHitRate::containsKey;
        read(test, test);
        runMethods();
        List<BenchmarkRow> selected = new ArrayList<>();
        for (BenchmarkRow row : rows) {
            BenchmarkRow annotated = row.withValidation(validationHitRate.get(row.label()), validation.playlistCount());
            perPlaylist.put(annotated, perPlaylist.get(row));
            selected.add(annotated);
        }
        java.util.Set<String> reported = new java.util.HashSet<>();
        selected.forEach(row -> reported.add(row.label()));
        unselectable.stream().filter(row -> reported.add(row.label())).forEach(selected::add);
        rows.clear();
        rows.addAll(selected);
        repeat();
        return compared();
    }

    /**
     * The family a row belongs to: the benchmark picks one variant per family on validation. MUSIG as the
     * paper defines it and MUSIG with the artist and album inputs are separate families, so both are reported.
     */
    static String familyOf(String method, String feature) {
        return switch (method) {
            case "musig", "musig-single-task" -> "musig (" + originOf(method, feature) + ")";
            case "musig-feature" -> "musig-feature";
            case "artist-cooccurrence", "album-cooccurrence", "artist-cooccurrence-cosine",
                    "album-cooccurrence-cosine" ->
                "category co-occurrence";
            case "track2vec", "track2vec-feature" -> "track2vec";
            default -> method;
        };
    }

    private void runMethods() {
        List<String> methods = config.methods();
        if (methods.contains("random")) {
            timed("random", "none", null, null,
                    () -> new RandomScorer(trackNodeIds().length, methodSeed));
        }
        if (methods.contains("popularity")) {
            timed("popularity", "none", null, null, () -> new PopularityScorer(data.memberships()));
        }
        if (methods.contains("cooccurrence")) {
            timed("cooccurrence", "none", null, null, () -> new CooccurrenceScorer(data.memberships()));
        }
        if (methods.contains("artist")) {
            for (String category : List.of(TrackFeatures.ARTIST, TrackFeatures.ALBUM)) {
                categoryBaseline(category + "-cooccurrence", category,
                        values -> new CategoryCooccurrenceScorer(data.memberships(), values, Weighting.COUNT));
                categoryBaseline(category + "-cooccurrence-cosine", category,
                        values -> new CategoryCooccurrenceScorer(data.memberships(), values, Weighting.COSINE));
            }
        }
        if (methods.contains("backoff")) {
            categoryBaseline("cooccurrence+artist", TrackFeatures.ARTIST,
                    artists -> new BackoffCooccurrenceScorer(data.memberships(), artists));
        }
        if (methods.contains("content")) {
            for (String f : config.features()) {
                if (f.equals("popularity")) {
                    skip("content", f, null, null,
                            "one popularity value per track has no direction to take a cosine of; "
                                    + "see the 'popularity' row");
                    continue;
                }
                withGroups("content", f, null, null, groups -> embeddingScorer(content(groups)));
            }
        }
        if (methods.contains("cf")) {
            runCf("cf-warp", "none", new TrackCategory[0]);
            runHybridCf();
        }
        if (methods.contains("track2vec")) {
            runTrack2Vec();
        }
        if (methods.contains("node2vec") || methods.contains("graphsage") || methods.contains("hashgnn")) {
            runGds();
        }
        if (methods.contains("musig") || methods.contains("musig-feature")) {
            runMusig();
        }
    }

    /**
     * Each evaluated row with a paired test of its hit rate against the best other row (the best row against
     * the runner-up), so a reader sees which differences the test playlists support.
     */
    private List<BenchmarkRow> compared() {
        List<BenchmarkRow> ranked = rows.stream().filter(r -> r.hitRate() != null)
                .sorted(java.util.Comparator.comparingDouble(BenchmarkRow::hitRate).reversed()).toList();
        List<BenchmarkRow> result = new ArrayList<>();
        for (BenchmarkRow row : rows) {
            if (row.hitRate() == null || ranked.size() < 2) {
                result.add(row);
                continue;
            }
            BenchmarkRow other = ranked.get(0) == row ? ranked.get(1) : ranked.get(0);
            BootstrapStatistics.PairedTest test = BootstrapStatistics.paired(perPlaylist.get(row),
                    perPlaylist.get(other), PerPlaylist::hitRate, BootstrapStatistics.DEFAULT_RESAMPLES,
                    config.randomSeed());
            result.add(row.withComparison(other.label(), nullable(test.meanDifference()),
                    List.of(test.low(), test.high()), nullable(test.pValue())));
        }
        return result;
    }

    /** Per metric, the 95% bootstrap interval of its mean over the test playlists. */
    private Map<String, List<Double>> intervals(PerPlaylist values) {
        Map<String, java.util.function.Function<PerPlaylist, double[]>> metrics = new LinkedHashMap<>();
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

    /** 'paper', 'extension' or 'baseline' (see {@link BenchmarkRow}). */
    private static String originOf(String method, String feature) {
        if (!method.startsWith("musig")) {
            return "baseline";
        }
        if (method.equals(MUSIG_FEATURE)) {
            return "extension"; // appending the inputs is not the paper's model, whatever they are
        }
        boolean paper =
                feature.equals("all") || TrainConfig.PAPER_FEATURE_GROUPS.containsAll(List.of(feature.split("\\+")));
        return paper ? "paper" : "extension";
    }

    /** Makes sure the split exists and returns it. */
    private StoredSplit prepare() {
        sharedNotices = new ArrayList<>();
        progress.begin("benchmark: split", -1);
        boolean created = ensureSplit();
        StoredSplit test = SplitStore.load(db, config.split());
        if (!created) {
            requireSameSettings(test);
        }
        return test;
    }

    /**
     * An existing split is used only when every split setting the caller gave matches the one it was made with:
     * a benchmark that asked for another seed, seed fraction or minimum length and silently got the stored split
     * would report on playlists it did not ask for.
     */
    private void requireSameSettings(StoredSplit stored) {
        Map<String, Object> asked = config.splitSettings();
        List<String> conflicts = new ArrayList<>();
        if (asked.containsKey("minTracks")
                && !(asked.get("minTracks") instanceof Number n && n.doubleValue() == stored.minTracks())) {
            conflicts.add("minTracks " + asked.get("minTracks") + " (the split has " + stored.minTracks() + ")");
        }
        if (asked.containsKey("seedFraction")
                && !(asked.get("seedFraction") instanceof Number n && n.doubleValue() == stored.seedFraction())) {
            conflicts.add(
                    "seedFraction " + asked.get("seedFraction") + " (the split has " + stored.seedFraction() + ")");
        }
        if (config.randomSeedGiven() && config.randomSeed() != stored.randomSeed()) {
            conflicts.add("randomSeed " + config.randomSeed() + " (the split has " + stored.randomSeed() + ")");
        }
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException(BenchmarkConfig.OWNER + ": split '" + stored.name() + "' already exists "
                    + "and was made with other settings: " + String.join(", ", conflicts) + "; name another split, or "
                    + "drop this one with CALL musig.split.drop('" + stored.name() + "')");
        }
        if (asked.containsKey("testPlaylists")) {
            sharedNotices.add("split '" + stored.name() + "' already existed with " + stored.playlistCount()
                    + " test playlists; testPlaylists was not used");
        }
    }

    /**
     * Reads the view the methods learn from and are evaluated on: the store without {@code excluded}'s held-out
     * memberships, evaluated on {@code evaluated}'s playlists.
     */
    private void read(StoredSplit evaluated, StoredSplit excluded) {
        split = evaluated;
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

    /** Creates the split in a transaction of its own (so it is committed before it is read); true if created. */
    private boolean ensureSplit() {
        if (SplitStore.exists(tx, config.split())) {
            return false;
        }
        db.executeTransactionally("CALL musig.split.create($name, $settings) YIELD splitName RETURN splitName",
                Map.of("name", config.split(), "settings", config.splitSettings()));
        return true;
    }

    /** A baseline over a categorical attribute (artist, album), or a skipped row when no track has one. */
    private void categoryBaseline(String method, String category,
                                  java.util.function.Function<TrackCategory, TrackScorer> build) {
        TrackCategory values = data.graph().features().category(category);
        if (values == null) {
            skip(method, "none", null, null, "no track has an " + category + " id or name");
            return;
        }
        timed(method, "none", null, null, () -> build.apply(values));
    }

    /**
     * CF-WARP with item features (LightFM's hybrid): a track is the mean of its identity row (when a training
     * playlist holds it), its artist's and its album's rows. One model per distinct set of categories among the
     * feature choices ('artist+title' and 'artist' both train the artist hybrid, once): the dense groups play no
     * part in it.
     */
    private void runHybridCf() {
        java.util.Set<List<String>> trained = new java.util.HashSet<>();
        for (String f : config.features()) {
            List<String> groups = groupsOf(f);
            List<String> categories = groups == null ? List.of()
                    : groups.stream().filter(g -> g.equals(TrackFeatures.ARTIST) || g.equals(TrackFeatures.ALBUM))
                            .toList();
            if (!categories.isEmpty() && trained.add(categories)) {
                runCf(CF_WARP_FEATURE, String.join("+", categories), categories.stream()
                        .map(data.graph().features()::category).toArray(TrackCategory[]::new));
            }
        }
    }

    /**
     * CF-WARP (no categories: plain CF; else the hybrid over them) with each epoch count of {@code cfEpochs} this
     * pass wants: one training of the most of them, each count's row scoring the factors after its epoch (those of a
     * training of that many epochs, see {@link WarpFactorisation.EpochListener}). A row's training time excludes
     * the scoring of earlier rows.
     */
    private void runCf(String method, String feature, TrackCategory[] categories) {
        List<Integer> counts = config.cfEpochs().stream()
                .filter(e -> wanted.test(BenchmarkRow.label(method, feature, null, null, cfKnobs(e)))).toList();
        if (counts.isEmpty()) {
            return;
        }
        long featureCount = trackNodeIds().length;
        for (TrackCategory c : categories) {
            featureCount += c.size();
        }
        long bytes = BenchmarkMemory.warpBytes(trackNodeIds().length, featureCount, categories.length,
                data.memberships().playlistCount(),
                data.memberships().membershipCount(), config.dimension());
        boolean fitAll = true;
        for (int epochs : counts) {
            fitAll &= fits(method, feature, null, null, cfKnobs(epochs), method, bytes);
        }
        if (!fitAll) {
            return;
        }
        progress.checkRunning();
        WarpConfig d = WarpConfig.defaults();
        WarpConfig warp = new WarpConfig(config.dimension(), counts.stream().max(Integer::compare).orElseThrow(),
                d.learningRate(), d.maxTrials(), d.regularisation(), methodSeed);
        long start = System.nanoTime();
        long[] scoringNanos = new long[1];
        try {
            ItemFeatures items = categories.length == 0 ? ItemFeatures.identity(data.memberships().trackCount())
                    : ItemFeatures.hybrid(data.memberships(), categories);
            WarpFactorisation.train(data.memberships(), items, warp, progress, (epoch, vectors) -> {
                if (counts.contains(epoch)) {
                    long s0 = System.nanoTime();
                    evaluate(method, feature, null, null, cfKnobs(epoch), embeddingScorer(vectors.get()),
                            (s0 - start - scoringNanos[0]) / 1_000_000, List.of());
                    scoringNanos[0] += System.nanoTime() - s0;
                }
            });
        } catch (IllegalArgumentException e) {
            counts.forEach(epochs -> skip(method, feature, null, null, cfKnobs(epochs), e.getMessage()));
        }
    }

    /** A CF-WARP variant's knobs (see {@link BenchmarkRow}); whole numbers as Cypher's (long) integers. */
    private static Map<String, Object> cfKnobs(int epochs) {
        return Map.of("epochs", (long) epochs);
    }

    /** A Track2Vec(-Feature) variant's knobs. */
    private static Map<String, Object> track2vecKnobs(int windowSize) {
        return Map.of("windowSize", (long) windowSize);
    }

    /** A MUSIG variant's knobs besides features, task weights and target: the cold-start rate, then the variant's. */
    private static Map<String, Object> musigKnobs(double coldStartRate, Map<String, Object> variant) {
        Map<String, Object> knobs = new LinkedHashMap<>();
        knobs.put("coldStartRate", coldStartRate);
        knobs.putAll(variant);
        return knobs;
    }

    /**
     * The only caller of Track2Vec, and so of DL4J: nothing loads either unless methods include 'track2vec'. One
     * word2vec training per window of {@code track2vecWindows} that a row of this pass needs; it feeds the
     * {@code track2vec} row and every {@code track2vec-feature} row of that window.
     */
    private void runTrack2Vec() {
        String absent = Track2VecSupport.absence();
        if (absent != null) {
            skipTrack2Vec(absent);
            return;
        }
        long bytes = BenchmarkMemory.track2vecBytes(trackNodeIds().length, data.memberships().membershipCount(),
                config.dimension());
        for (int window : config.track2vecWindows()) {
            Map<String, Object> knobs = track2vecKnobs(window);
            boolean needed = wanted.test(BenchmarkRow.label("track2vec", "none", null, null, knobs))
                    || config.features().stream()
                            .anyMatch(f -> wanted.test(BenchmarkRow.label("track2vec-feature", f, null, null, knobs)));
            if (!needed) {
                continue; // none of this window's rows was selected on validation
            }
            if (!fits("track2vec", "none", null, null, knobs, "track2vec (DL4J word2vec)", bytes)) {
                config.features().forEach(f -> fits("track2vec-feature", f, null, null, knobs,
                        "track2vec (DL4J word2vec)", bytes));
                continue;
            }
            progress.checkRunning();
            long start = System.currentTimeMillis();
            float[][] vectors;
            try {
                Track2VecConfig settings = Track2VecConfig.parse(Map.of("dimension", config.dimension(),
                        "windowSize", window, "randomSeed", methodSeed));
                vectors = Track2Vec.train(trackNodeIds().length, data.sequences(), settings, progress)
                        .trackVectors();
            } catch (NoClassDefFoundError e) {
                skipTrack2Vec(Track2VecSupport.absence(e));
                return;
            }
            long trainMillis = System.currentTimeMillis() - start;
            evaluate("track2vec", "none", null, null, knobs, embeddingScorer(vectors), trainMillis, List.of());
            for (String f : config.features()) {
                withGroups("track2vec-feature", f, null, null, knobs, List.of(),
                        groups -> embeddingScorer(ContentVectors.appendedTo(vectors, unitRows(content(groups)))));
            }
        }
    }

    /** The track2vec rows this run would report, skipped for {@code reason}. */
    private void skipTrack2Vec(String reason) {
        for (int window : config.track2vecWindows()) {
            Map<String, Object> knobs = track2vecKnobs(window);
            if (wanted.test(BenchmarkRow.label("track2vec", "none", null, null, knobs))) {
                skip("track2vec", "none", null, null, knobs, reason);
            }
            config.features().stream()
                    .filter(f -> wanted.test(BenchmarkRow.label("track2vec-feature", f, null, null, knobs)))
                    .forEach(f -> skip("track2vec-feature", f, null, null, knobs, reason));
        }
    }

    private void runGds() {
        boolean node2vec = config.methods().contains("node2vec")
                && wanted.test(BenchmarkRow.label("node2vec", "none", null, null));
        boolean graphSage = config.methods().contains("graphsage") && config.features().stream()
                .anyMatch(f -> wanted.test(BenchmarkRow.label("graphsage", f, null, null)));
        List<String> hashGnn = hashGnnFeatures(); // "none": graph-only
        if (!GdsProjection.available(tx)) {
            String reason = "Graph Data Science is not installed on this server";
            if (config.methods().contains("node2vec")) {
                skip("node2vec", "none", null, null, reason);
            }
            if (config.methods().contains("graphsage")) {
                config.features().forEach(f -> skip("graphsage", f, null, null, reason));
            }
            hashGnn.forEach(f -> skip("hashgnn", f, null, null, reason));
            return;
        }
        if (!hashGnn.isEmpty() && !GdsProjection.hasProcedure(tx, "gds.hashgnn.stream")) {
            String reason = "this Graph Data Science version has no gds.hashgnn.stream (GDS 2.5 or later has it)";
            hashGnn.forEach(f -> skip("hashgnn", f, null, null, reason));
            hashGnn = List.of();
        }
        if (!node2vec && !graphSage && hashGnn.isEmpty()) {
            return; // none of them selected on validation
        }
        Map<String, float[][]> tables = new LinkedHashMap<>();
        if (graphSage || hashGnn.stream().anyMatch(f -> !f.equals("none"))) {
            for (String f : config.features()) {
                List<String> groups = groupsOf(f);
                if (groups != null && !InputFeatures.LEARNED_TABLES.containsAll(groups)) {
                    tables.put(propertyOf(f), content(groups));
                }
            }
        }
        CooccurrenceGraph graph = data.graph().graph().heaviest(config.maxRelationships());
        List<String> notices = new ArrayList<>();
        if (graph != data.graph().graph()) {
            notices.add(String.format(java.util.Locale.ROOT, "maxRelationships: GDS got the %,d heaviest of %,d "
                    + "co-occurrence relationships", graph.relationshipCount(),
                    data.graph().graph().relationshipCount()));
        }
        String tooBig = BenchmarkMemory.shortfall("projecting the co-occurrence graph into GDS",
                projectionBytes(graph, tables));
        if (tooBig != null) {
            gdsRows(node2vec, graphSage, hashGnn).forEach(row -> skip(row[0], row[1], null, null, tooBig));
            return;
        }
        progress.begin("benchmark: project into GDS", -1);
        long start = System.currentTimeMillis();
        try (GdsBaselines gds = new GdsBaselines(tx, GDS_GRAPH, graph, trackNodeIds(), tracks, tables)) {
            long projectMillis = System.currentTimeMillis() - start;
            // The projection is done once for every GDS row: Node2Vec's training time carries it, the others say so.
            List<String> withProjection = new ArrayList<>(notices);
            withProjection.add("includes " + projectMillis + " ms to project the graph into GDS");
            notices.add("excludes the " + projectMillis + " ms to project the graph into GDS (shared by the GDS rows)");
            if (node2vec && fits("node2vec", "none", null, null, "GDS Node2Vec", node2vecBytes(graph))) {
                progress.begin("benchmark: node2vec", -1);
                long t0 = System.currentTimeMillis();
                float[][] vectors = gds.node2vec(config.dimension(), methodSeed, config.concurrency(),
                        config.node2vec());
                evaluate("node2vec", "none", null, null, embeddingScorer(vectors),
                        System.currentTimeMillis() - t0 + projectMillis, withProjection);
            }
            if (graphSage) {
                for (String f : config.features()) {
                    String p = propertyOf(f);
                    if (tables.containsKey(p) && !fits("graphsage", f, null, null, "GDS GraphSAGE",
                            graphSageBytes(graph, p, tables.get(p)))) {
                        continue;
                    }
                    withGroups("graphsage", f, null, null, notices, groups -> {
                        progress.begin("benchmark: graphsage " + f, -1);
                        return embeddingScorer(gds.graphSage(propertyOf(f), config.dimension(), methodSeed,
                                config.concurrency(), config.graphSage()));
                    });
                }
            }
            for (String f : hashGnn) {
                String p = f.equals("none") ? null : propertyOf(f);
                if ((p == null || tables.containsKey(p)) && !fits("hashgnn", f, null, null, "GDS HashGNN",
                        hashGnnBytes(graph, p, p == null ? null : tables.get(p)))) {
                    continue;
                }
                java.util.function.Function<List<String>, TrackScorer> run = groups -> {
                    progress.begin("benchmark: hashgnn " + f, -1);
                    return embeddingScorer(gds.hashGnn(p, config.dimension(), methodSeed, config.concurrency(),
                            config.hashGnn()));
                };
                if (p == null) {
                    timed("hashgnn", f, null, null, notices, () -> run.apply(List.of()));
                } else {
                    withGroups("hashgnn", f, null, null, notices, run);
                }
            }
        }
    }

    /** The HashGNN rows this run would give: graph-only ("none"), then one per feature choice. */
    private List<String> hashGnnFeatures() {
        if (!config.methods().contains("hashgnn")) {
            return List.of();
        }
        List<String> features = new ArrayList<>();
        features.add("none");
        features.addAll(config.features());
        return features.stream().filter(f -> wanted.test(BenchmarkRow.label("hashgnn", f, null, null))).toList();
    }

    private void runMusig() {
        List<String> targets = config.regressionTargets().stream().filter(available::contains).toList();
        for (String target : config.regressionTargets()) {
            if (!available.contains(target)) {
                skip("musig", "-", null, target, "no track has '" + target + "' features to regress"
                        + (targets.isEmpty()
                                ? "; the rows with regressionTarget 'none' train without the similarity task"
                                : ""));
            }
        }
        if (targets.isEmpty()) { // graph-only data: MUSIG still runs, without the similarity task
            targets = java.util.Collections.singletonList(null);
        }
        for (String target : targets) {
            // Table 3 varies the regression target over the audio/acoustic inputs only.
            List<String> features = target == null || target.equals("audio") ? config.features()
                    : config.features().stream().filter(f -> f.equals("audio") || f.equals("acoustic")).toList();
            for (String f : features) {
                java.util.Set<List<Double>> trained = new java.util.HashSet<>();
                for (List<Double> weights : config.taskGrid()) {
                    List<Double> effective = effectiveWeights(weights, target);
                    if (!trained.add(effective)) {
                        continue; // the same training as an earlier grid entry on this data
                    }
                    String method = effective.get(1) == 0 && effective.get(2) == 0 ? "musig-single-task" : "musig";
                    List<String> groups = groupsOf(f);
                    if (groups == null) {
                        skip(method, f, weights, target, "no track has '" + f + "' features");
                        continue;
                    }
                    for (Map<String, Object> variant : config.trainVariants()) {
                        for (double rate : config.coldStartRates()) {
                            trainAndEvaluate(method, f, weights, target, rate, variant, groups);
                        }
                    }
                }
            }
        }
    }

    /** The grid entry as trained on this data: a task without labels gets weight 0. */
    private List<Double> effectiveWeights(List<Double> weights, String target) {
        boolean genres = data.graph().features().tracksWithGenre() >= 2;
        return List.of(weights.get(0), genres ? weights.get(1) : 0.0, target == null ? 0.0 : weights.get(2));
    }

    /**
     * One MUSIG training and the rows it feeds: the plain embedding, and the one with the content vector appended
     * ({@code musig-feature}). In the validation pass of a selection each row's validation hit rate is measured after
     * every epoch ({@link EpochChoice}) and the row scores its best epoch; training stops at {@code train.epochs} or
     * when every row has gone {@code patience} epochs without a better one. On test (and its repeats) each selected
     * row is the training's snapshot after the epoch count chosen for it on validation. While exploring, the rows are
     * the trained model's.
     */
    private void trainAndEvaluate(String method, String feature, List<Double> weights, String target,
                                  double coldStartRate, Map<String, Object> variant, List<String> groups) {
        String targetName = target == null ? "none" : target;
        Map<String, Object> knobs = musigKnobs(coldStartRate, variant);
        List<MusigOutput> outputs = new ArrayList<>();
        if (config.methods().contains("musig")
                && wanted.test(BenchmarkRow.label(method, feature, weights, targetName, knobs))) {
            outputs.add(new MusigOutput(method, false));
        }
        if (config.methods().contains(MUSIG_FEATURE)
                && wanted.test(BenchmarkRow.label(MUSIG_FEATURE, feature, weights, targetName, knobs))) {
            if (InputFeatures.LEARNED_TABLES.containsAll(groups)) {
                skip(MUSIG_FEATURE, feature, weights, target, knobs, "no content to append: " + groups
                        + " are embedding tables learned in training");
            } else {
                outputs.add(new MusigOutput(MUSIG_FEATURE, true));
            }
        }
        if (outputs.isEmpty()) {
            return;
        }
        for (MusigOutput output : outputs) {
            output.label = BenchmarkRow.label(output.method, feature, weights, targetName, knobs);
            output.choice = choosingEpochs ? null : chosenEpochs.get(output.label);
        }
        progress.checkRunning();
        long start = System.nanoTime();
        long[] evaluateNanos = new long[1]; // spent scoring snapshots during training: not training time
        // musig-feature's part of the vectors, the same for every snapshot.
        java.util.function.Supplier<float[][]> unitContent = memoised(() -> unitRows(content(groups)));
        TrainConfig settings;
        TrainedModel model;
        try {
            // On test, train as far as the furthest epoch chosen on validation; the rows take their own snapshots.
            Integer epochs = choosingEpochs ? null : outputs.stream().filter(o -> o.choice != null)
                    .map(o -> o.choice.bestEpoch()).max(Integer::compare).orElse(null);
            settings = config.musigConfig(groups, weights, target == null ? "audio" : target, coldStartRate,
                    variant, methodSeed, epochs);
            if (choosingEpochs) {
                int maxEpochs = settings.epochs();
                outputs.forEach(o -> o.choice = new EpochChoice(config.patience(), maxEpochs));
            }
            long bytes = MusigTrainer.estimateBytes(data.graph().graph(), data.graph().features(), settings)
                    + BenchmarkMemory.vectorBytes(trackNodeIds().length, settings.embeddingDimension());
            boolean fitAll = true;
            for (MusigOutput output : outputs) {
                fitAll &= fits(output.method, feature, weights, targetName, knobs, "MUSIG training", bytes);
            }
            if (!fitAll) {
                return;
            }
            TrainConfig trained = settings;
            MusigTrainer.EpochListener listener = outputs.stream().allMatch(o -> o.choice == null) ? null
                    : (epoch, snapshot) -> {
                        long e0 = System.nanoTime();
                        float[][] vectors = null;
                        long trainMillis = 0;
                        for (MusigOutput output : outputs) {
                            if (output.scoresEpoch(epoch)) {
                                if (vectors == null) {
                                    vectors = embedAll(snapshot, trained);
                                    trainMillis = (System.nanoTime() - start - evaluateNanos[0]) / 1_000_000;
                                }
                                // Validation needs only the hit rate: the full-catalogue ranking is left out there.
                                Scored scored = score(output.method, feature, scorer(output, vectors, unitContent),
                                        !choosingEpochs && config.fullCatalogue());
                                if (!choosingEpochs || output.choice.record(scored.result().hitRate())) {
                                    output.keep(scored, snapshot.summary(), trainMillis);
                                }
                            }
                        }
                        evaluateNanos[0] += System.nanoTime() - e0;
                        return outputs.stream().anyMatch(o -> o.trainsOn(epoch));
                    };
            model = MusigTrainer.train(data.graph().graph(), data.graph().features(), settings, progress, listener);
            float[][] vectors = null;
            long trainMillis = 0;
            for (MusigOutput output : outputs) {
                if (output.scored == null) { // exploring, or the training loss stalled before the chosen epoch
                    if (vectors == null) {
                        vectors = embedAll(model, settings);
                        trainMillis = (System.nanoTime() - start - evaluateNanos[0]) / 1_000_000;
                    }
                    output.keep(score(output.method, feature, scorer(output, vectors, unitContent),
                            config.fullCatalogue()), model.summary(), trainMillis);
                }
            }
        } catch (IllegalArgumentException e) {
            outputs.forEach(output -> skip(output.method, feature, weights, target, knobs, e.getMessage()));
            return;
        }
        for (MusigOutput output : outputs) {
            List<String> notices = new ArrayList<>(output.summary.notices());
            if (output.choice != null) {
                notices.add(output.choice.notice());
                if (output.summary.epochsRun() < output.choice.bestEpoch()) {
                    notices.add("the training loss stalled (train.tolerance) after " + output.summary.epochsRun()
                            + " epochs, before the " + output.choice.bestEpoch() + " chosen on validation");
                }
            }
            if (choosingEpochs) {
                chosenEpochs.put(output.label, output.choice);
            }
            List<String> tasks = output.summary.losses().keySet().stream().filter(t -> !t.equals("total")).toList();
            withTraining(
                    addRow(output.method, feature, weights, targetName, knobs, output.scored, output.trainMillis,
                            notices),
                    output.summary, tasks);
        }
    }

    /** Every track's embedding under {@code model}, as the benchmark scores it. */
    private float[][] embedAll(TrainedModel model, TrainConfig settings) {
        int[] all = java.util.stream.IntStream.range(0, trackNodeIds().length).toArray();
        return model.embed(data.graph().graph(), data.graph().features(), all, settings.randomSeed(),
                settings.concurrency(), progress);
    }

    /** The scorer of a MUSIG row: the embedding, or (musig-feature) the embedding with the content vector appended. */
    private static TrackScorer scorer(MusigOutput output, float[][] vectors, Supplier<float[][]> unitContent) {
        return embeddingScorer(output.appended ? ContentVectors.appendedTo(vectors, unitContent.get()) : vectors);
    }

    /** {@code value}, computed on first use and kept. */
    private static <T> Supplier<T> memoised(Supplier<T> value) {
        Object[] kept = new Object[1];
        return () -> {
            if (kept[0] == null) {
                kept[0] = value.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) kept[0];
            return t;
        };
    }

    /** A row one MUSIG training feeds, and what it has scored so far. */
    private final class MusigOutput {
        final String method;
        final boolean appended;
        String label;
        /** Validation pass: the choice being made; test pass: the choice made (null: none, train as configured). */
        EpochChoice choice;
        Scored scored;
        TrainedModel.TrainingSummary summary;
        long trainMillis;

        MusigOutput(String method, boolean appended) {
            this.method = method;
            this.appended = appended;
        }

        /** Whether the snapshot after {@code epoch} is scored for this row. */
        boolean scoresEpoch(int epoch) {
            if (choice == null) {
                return false;
            }
            return choosingEpochs ? !choice.exhausted() : epoch == choice.bestEpoch();
        }

        /** Whether this row needs the epochs after {@code epoch}. */
        boolean trainsOn(int epoch) {
            if (choice == null) {
                return true;
            }
            return choosingEpochs ? !choice.exhausted() : epoch < choice.bestEpoch();
        }

        void keep(Scored scored, TrainedModel.TrainingSummary summary, long trainMillis) {
            this.scored = scored;
            this.summary = summary;
            this.trainMillis = trainMillis;
        }
    }

    /** The evaluated row (null: none) with the training's epochs and active tasks. */
    private void withTraining(BenchmarkRow row, TrainedModel.TrainingSummary summary, List<String> tasks) {
        if (row != null) {
            BenchmarkRow trained = row.withTraining(summary.epochsRun(), tasks);
            rows.set(rows.indexOf(row), trained);
            perPlaylist.put(trained, perPlaylist.remove(row));
        }
    }

    /** A scorer built from a feature selection, or a skipped row when the data lacks the features. */
    private void withGroups(String method, String feature, List<Double> weights, String target,
                            java.util.function.Function<List<String>, TrackScorer> build) {
        withGroups(method, feature, weights, target, List.of(), build);
    }

    private void withGroups(String method, String feature, List<Double> weights, String target, List<String> notices,
                            java.util.function.Function<List<String>, TrackScorer> build) {
        withGroups(method, feature, weights, target, null, notices, build);
    }

    private void withGroups(String method, String feature, List<Double> weights, String target,
                            Map<String, Object> knobs, List<String> notices,
                            java.util.function.Function<List<String>, TrackScorer> build) {
        List<String> groups = groupsOf(feature);
        if (groups == null) {
            skip(method, feature, weights, target, knobs, "no track has '" + feature + "' features");
            return;
        }
        timed(method, feature, weights, target, knobs, notices, () -> build.apply(groups));
    }

    private void timed(String method, String feature, List<Double> weights, String target, Supplier<TrackScorer> fit) {
        timed(method, feature, weights, target, List.of(), fit);
    }

    private void timed(String method, String feature, List<Double> weights, String target, List<String> notices,
                       Supplier<TrackScorer> fit) {
        timed(method, feature, weights, target, null, notices, fit);
    }

    private void timed(String method, String feature, List<Double> weights, String target,
                       Map<String, Object> knobs, List<String> notices, Supplier<TrackScorer> fit) {
        if (!wanted.test(BenchmarkRow.label(method, feature, weights, target, knobs))) {
            return;
        }
        progress.checkRunning();
        long start = System.currentTimeMillis();
        TrackScorer scorer;
        try {
            scorer = fit.get();
        } catch (IllegalArgumentException e) {
            skip(method, feature, weights, target, knobs, e.getMessage());
            return;
        }
        evaluate(method, feature, weights, target, knobs, scorer, System.currentTimeMillis() - start, notices);
    }

    /** Evaluates a scorer and adds its row (returned; null when this pass does not want the row). */
    private BenchmarkRow evaluate(String method, String feature, List<Double> weights, String target,
                                  TrackScorer scorer,
                                  long trainMillis, List<String> notices) {
        return evaluate(method, feature, weights, target, null, scorer, trainMillis, notices);
    }

    private BenchmarkRow evaluate(String method, String feature, List<Double> weights, String target,
                                  Map<String, Object> knobs, TrackScorer scorer, long trainMillis,
                                  List<String> notices) {
        if (!wanted.test(BenchmarkRow.label(method, feature, weights, target, knobs))) {
            return null;
        }
        return addRow(method, feature, weights, target, knobs,
                score(method, feature, scorer, config.fullCatalogue()), trainMillis, notices);
    }

    /** A scorer's metrics on this pass's playlists, and how long they took. */
    private record Scored(PlaylistCompletion.Result result, long evaluateMillis) {
    }

    private Scored score(String method, String feature, TrackScorer scorer, boolean fullCatalogue) {
        progress.begin("benchmark: evaluate " + method + " " + feature, playlists.size());
        long start = System.currentTimeMillis();
        PlaylistCompletion.Result r = PlaylistCompletion.evaluate(scorer, tracks::denseId, playlists, negativePool,
                config.randomSeed(), fullCatalogue, progress);
        return new Scored(r, System.currentTimeMillis() - start);
    }

    /** Adds the row of an evaluated method and returns it. */
    private BenchmarkRow addRow(String method, String feature, List<Double> weights, String target,
                                Map<String, Object> knobs, Scored scored, long trainMillis, List<String> notices) {
        PlaylistCompletion.Result r = scored.result();
        List<String> all = new ArrayList<>(sharedNotices);
        all.addAll(notices);
        if (r.skippedPlaylists() > 0) {
            all.add(r.skippedPlaylists() + " test playlists skipped: the method could not score their seed");
        }
        BenchmarkRow row = new BenchmarkRow(method, feature, weights, target, knobs, originOf(method, feature), "ok",
                null,
                trainMillis, scored.evaluateMillis(), r.hitRate(), r.mrr(), r.precisionAt1(),
                r.precisionAt5(), r.precisionAt10(), r.ndcgAt1(), r.ndcgAt5(), r.ndcgAt10(), nullable(r.coldHitRate()),
                nullable(r.coldMrr()), nullable(r.fullRPrecision()), nullable(r.fullNdcg()),
                nullable(r.fullRecallAt100()), r.randomHitRate(), r.playlists(), r.heldOutTracks(), r.coldTracks(),
                intervals(r.perPlaylist()), null, null, null, null, selection, null, 0, null, null, null, split.name(),
                config.negatives().text(), all, config.echo(), null, null);
        rows.add(row);
        perPlaylist.put(row, r.perPlaylist());
        return row;
    }

    /**
     * Whether a stage estimated at {@code bytes} fits in the free heap; if not, the row (when this pass wants it)
     * is skipped with both numbers, and nothing is allocated for it.
     */
    private boolean fits(String method, String feature, List<Double> weights, String target, String stage, long bytes) {
        return fits(method, feature, weights, target, null, stage, bytes);
    }

    private boolean fits(String method, String feature, List<Double> weights, String target,
                         Map<String, Object> knobs, String stage, long bytes) {
        String reason = BenchmarkMemory.shortfall(stage, bytes);
        if (reason == null) {
            return true;
        }
        if (wanted.test(BenchmarkRow.label(method, feature, weights, target, knobs))) {
            skip(method, feature, weights, target, knobs, reason);
        }
        return false;
    }

    /** The (method, feature) rows the GDS stage would give. */
    private List<String[]> gdsRows(boolean node2vec, boolean graphSage, List<String> hashGnn) {
        List<String[]> result = new ArrayList<>();
        if (node2vec) {
            result.add(new String[] {"node2vec", "none"});
        }
        if (graphSage) {
            config.features().stream().filter(f -> wanted.test(BenchmarkRow.label("graphsage", f, null, null)))
                    .forEach(f -> result.add(new String[] {"graphsage", f}));
        }
        hashGnn.forEach(f -> result.add(new String[] {"hashgnn", f}));
        return result;
    }

    /** The Cypher parameters of the projection, and GDS's graph (its own estimate when it has one). */
    private long projectionBytes(CooccurrenceGraph graph, Map<String, float[][]> tables) {
        long values = 0;
        long gdsProperties = 0;
        for (float[][] table : tables.values()) {
            int width = table.length == 0 ? 0 : table[0].length;
            values += 2L * table.length * width; // source and target copies of the lists
            gdsProperties += (long) table.length * (16 + 8L * width);
        }
        long gds = BenchmarkMemory.gdsGraphEstimate(db, graph.nodeCount(), graph.relationshipCount());
        if (gds < 0) {
            gds = 2 * graph.relationshipCount() * 16 + 64L * graph.nodeCount();
        }
        return BenchmarkMemory.projectionParameterBytes(graph.relationshipCount(), graph.nodeCount(), values) + gds
                + gdsProperties;
    }

    private long node2vecBytes(CooccurrenceGraph graph) {
        Map<String, Object> settings = new LinkedHashMap<>(config.node2vec());
        settings.put("embeddingDimension", config.dimension());
        long gds = BenchmarkMemory.gdsEstimate(db, "gds.node2vec.stream.estimate", graph.nodeCount(),
                graph.relationshipCount(), Map.of(), settings);
        if (gds < 0) { // the walks (10 of 80 steps per node by default) and two vectors per node
            gds = graph.nodeCount() * (10L * 80 * Long.BYTES + 2L * config.dimension() * Float.BYTES);
        }
        return gds + BenchmarkMemory.vectorBytes(graph.nodeCount(), config.dimension());
    }

    private long graphSageBytes(CooccurrenceGraph graph, String property, float[][] table) {
        Map<String, Object> settings = new LinkedHashMap<>(config.graphSage());
        settings.put("modelName", "musig-benchmark-estimate");
        settings.put("featureProperties", List.of(property));
        settings.put("embeddingDimension", config.dimension());
        long gds = BenchmarkMemory.gdsEstimate(db, "gds.beta.graphSage.train.estimate", graph.nodeCount(),
                graph.relationshipCount(), Map.of("nodeProperties", List.of(property)), settings);
        int width = table.length == 0 ? 0 : table[0].length;
        if (gds < 0) { // features and each layer's activations and gradients, per node
            gds = graph.nodeCount() * 8L * (width + 4L * config.dimension());
        }
        return gds + BenchmarkMemory.vectorBytes(graph.nodeCount(), config.dimension());
    }

    /** GDS's estimate of HashGNN with one feature property (its table) or graph-only (null), plus the vectors. */
    private long hashGnnBytes(CooccurrenceGraph graph, String property, float[][] table) {
        Map<String, Object> settings = GdsBaselines.hashGnnSettings(property, config.dimension(), methodSeed,
                config.concurrency(), config.hashGnn());
        long gds = BenchmarkMemory.gdsEstimate(db, "gds.hashgnn.stream.estimate", graph.nodeCount(),
                graph.relationshipCount(), property == null ? Map.of() : Map.of("nodeProperties", List.of(property)),
                settings);
        int width = table == null || table.length == 0 ? 0 : table[0].length;
        if (gds < 0) { // per node: the input floats, two iterations' binary features, the dense output
            gds = graph.nodeCount() * (8L * width + 2L * GdsBaselines.HASH_GNN_FEATURE_DIMENSION / 8
                    + 8L * config.dimension());
        }
        return gds + BenchmarkMemory.vectorBytes(graph.nodeCount(), config.dimension());
    }

    private void skip(String method, String feature, List<Double> weights, String target, String reason) {
        skip(method, feature, weights, target, null, reason);
    }

    private void skip(String method, String feature, List<Double> weights, String target, Map<String, Object> knobs,
                      String reason) {
        rows.add(new BenchmarkRow(method, feature, weights, target, knobs, originOf(method, feature), "skipped", reason,
                0, 0,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0, 0, 0, Map.of(),
                null, null, null, null, selection, null, 0, null, null, null, split.name(), config.negatives().text(),
                List.of(),
                config.echo(), null, null));
    }

    /**
     * The groups a feature choice stands for, or null when the data lacks one of them: 'all' is every group of
     * the paper's the data has, 'all+metadata' adds the artist, album, year and title groups (not the learned
     * tables), and 'audio+artist' (any groups joined by '+') is exactly those groups.
     */
    private List<String> groupsOf(String feature) {
        if (feature.equals("all") || feature.equals("all+metadata")) {
            List<String> groups = feature.equals("all") ? available.stream()
                    .filter(TrainConfig.PAPER_FEATURE_GROUPS::contains).toList()
                    : available.stream().filter(g -> !InputFeatures.LEARNED_TABLES.contains(g)).toList();
            return groups.isEmpty() ? null : groups;
        }
        List<String> groups = List.of(feature.split("\\+"));
        return available.containsAll(groups) ? groups : null;
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
        for (String g : List.of(TrackFeatures.POPULARITY, TrackFeatures.AUDIO, TrackFeatures.ACOUSTIC,
                TrackFeatures.YEAR)) {
            if (features.group(g) != null) {
                groups.add(g);
            }
        }
        for (String c : List.of(TrackFeatures.ARTIST, TrackFeatures.ALBUM)) {
            if (features.category(c) != null && features.memberships() != null) {
                groups.add(c);
            }
        }
        if (features.tracksWithTitle() > 0) {
            groups.add(TrackFeatures.TITLE);
        }
        for (String table : InputFeatures.LEARNED_TABLES) {
            if (features.category(InputFeatures.categoryOf(table)) != null && features.memberships() != null) {
                groups.add(table);
            }
        }
        return groups;
    }

    private static String propertyOf(String feature) {
        return "f_" + feature.replaceAll("[^A-Za-z0-9]", "_"); // a Cypher parameter and GDS property name
    }

    private static Double nullable(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
