package org.musig.procedures.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.musig.baselines.BackoffCooccurrenceScorer;
import org.musig.baselines.CategoryCooccurrenceScorer;
import org.musig.baselines.CategoryCooccurrenceScorer.Weighting;
import org.musig.baselines.CooccurrenceScorer;
import org.musig.baselines.PopularityScorer;
import org.musig.baselines.RandomScorer;
import org.musig.common.progress.Progress;
import org.musig.model.eval.BootstrapStatistics;
import org.musig.model.eval.PerPlaylist;
import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;
import org.musig.procedures.split.SplitStore;
import org.musig.procedures.split.StoredSplit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * The steps of {@code musig.benchmark}: make sure the split exists, read the store without its held-out
 * memberships, then fit every requested method on that same view and evaluate each on the same
 * candidates. Nothing a method learns from includes a held-out membership: the graph, the features
 * (popularity counts, genre votes), the playlists word2vec and CF read, and MUSIG's training pairs all
 * come from the one snapshot read with the split excluded ({@link BenchmarkPass}). With selection on validation
 * every variant runs on validation playlists first, and the best of each family once on test.
 */
final class BenchmarkRun {
    private final GraphDatabaseService db;
    private final Transaction tx;
    private final BenchmarkConfig config;
    private final Progress progress;
    private final BenchmarkPass pass;
    private final MusigRows musig;
    private final GdsRows gds;
    private final LearnedBaselineRows learned;

    BenchmarkRun(GraphDatabaseService db, Transaction tx, BenchmarkConfig config, Progress progress) {
        this.db = db;
        this.tx = tx;
        this.config = config;
        this.progress = progress;
        this.pass = new BenchmarkPass(db, tx, config, progress);
        this.musig = new MusigRows(pass);
        this.gds = new GdsRows(pass);
        this.learned = new LearnedBaselineRows(pass);
    }

    List<BenchmarkRow> run() {
        StoredSplit test = prepare();
        if (config.selection() == BenchmarkConfig.Selection.VALIDATION) {
            StoredSplit validation = ValidationSplit.carve(tx, test, config.validationPlaylists() > 0
                    ? config.validationPlaylists() : test.playlistCount(), config.randomSeed() + 1, progress);
            if (validation.playlistCount() > 0) {
                return selectOnValidation(test, validation);
            }
            pass.sharedNotices.add("no training playlist has minTracks tracks to validate on: every variant was "
                    + "evaluated on the test playlists (exploration, not a selection)");
        }
        if (!config.ensembleSizes().isEmpty()) {
            pass.sharedNotices.add("ensembleSizes " + config.ensembleSizes() + " was not used: it tries ensembles of "
                    + "the variants chosen on validation, and this run selects nothing (for ensembles of every "
                    + "variant, add {ensembleSize: n} to trainVariants)");
        }
        pass.read(test, test);
        pass.selection = "exploration";
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
        List<BenchmarkRow> first = new ArrayList<>(pass.rows);
        Map<BenchmarkRow, PerPlaylist> firstValues = new java.util.IdentityHashMap<>(pass.perPlaylist);
        Map<String, List<Double>> hitRates = new HashMap<>();
        first.stream().filter(r -> r.hitRate() != null)
                .forEach(r -> hitRates.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r.hitRate()));
        Predicate<String> before = pass.wanted;
        pass.wanted = hitRates::containsKey;
        for (int k = 1; k < config.repeats(); k++) {
            progress.begin("benchmark: repeat " + (k + 1) + "/" + config.repeats(), -1);
            pass.methodSeed = config.randomSeed() + k;
            pass.rows.clear();
            runMethods();
            pass.rows.stream().filter(r -> r.hitRate() != null)
                    .forEach(r -> hitRates.computeIfAbsent(r.label(), x -> new ArrayList<>()).add(r.hitRate()));
        }
        pass.wanted = before;
        pass.methodSeed = config.randomSeed();
        pass.rows.clear();
        pass.perPlaylist.clear();
        for (BenchmarkRow row : first) {
            List<Double> values = hitRates.get(row.label());
            BenchmarkRow annotated = values == null ? row : row.withRepeats(values);
            pass.rows.add(annotated);
            if (firstValues.containsKey(row)) {
                pass.perPlaylist.put(annotated, firstValues.get(row));
            }
        }
    }

    /**
     * Every variant on the validation playlists (their held-out halves and the test ones invisible), then
     * the best variant of each family, by validation hit rate, trained again without the test playlists'
     * held-out halves and evaluated once on the test playlists. A MUSIG variant's epoch count is part of the
     * variant: chosen on validation ({@link EpochChoice}, {@code patience}), and trained exactly on test. With
     * {@code ensembleSizes}, ensembles of the extension families' best MUSIG variants join the validation rows
     * before the choice ({@link MusigRows#ensembles}).
     */
    private List<BenchmarkRow> selectOnValidation(StoredSplit test, StoredSplit validation) {
        progress.begin("benchmark: validation", -1);
        pass.read(validation, ValidationSplit.union(test, validation));
        pass.selection = "validation";
        pass.choosingEpochs = true;
        runMethods();
        if (!config.ensembleSizes().isEmpty()) {
            progress.begin("benchmark: validation, ensembles of the chosen MUSIG variants", -1);
            musig.ensembles(List.copyOf(pass.rows));
        }
        pass.choosingEpochs = false;
        Map<String, List<BenchmarkRow>> scored = new LinkedHashMap<>();
        for (BenchmarkRow row : pass.rows) {
            if (row.hitRate() != null) {
                scored.computeIfAbsent(familyOf(row.method(), row.origin()), f -> new ArrayList<>()).add(row);
            }
        }
        // Per family its variants, best first (a stable sort: of equal hit rates the first to run); the first is chosen.
        Map<String, List<Map<String, Object>>> candidates = new HashMap<>();
        scored.values().forEach(rows -> {
            List<BenchmarkRow> ranked =
                    rows.stream().sorted(java.util.Comparator.comparing(BenchmarkRow::hitRate).reversed()).toList();
            candidates.put(ranked.get(0).label(), ranked.stream().map(BenchmarkRow::asCandidate).toList());
        });
        // A family none of whose variants could run (e.g. too big for the heap) still gets its reason reported.
        List<BenchmarkRow> unselectable = pass.rows.stream().filter(r -> r.hitRate() == null
                && !scored.containsKey(familyOf(r.method(), r.origin()))).toList();
        pass.rows.clear();
        pass.perPlaylist.clear();
        pass.wanted = candidates::containsKey;
        pass.read(test, test);
        runMethods();
        List<BenchmarkRow> selected = new ArrayList<>();
        for (BenchmarkRow row : pass.rows) {
            BenchmarkRow annotated = row.withValidation(validation.playlistCount(), candidates.get(row.label()));
            pass.perPlaylist.put(annotated, pass.perPlaylist.get(row));
            selected.add(annotated);
        }
        java.util.Set<String> reported = new java.util.HashSet<>();
        selected.forEach(row -> reported.add(row.label()));
        unselectable.stream().filter(row -> reported.add(row.label())).forEach(selected::add);
        pass.rows.clear();
        pass.rows.addAll(selected);
        repeat();
        return compared();
    }

    /**
     * The family a row belongs to: the benchmark picks one variant per family on validation. MUSIG as the
     * paper defines it ({@code origin} 'paper') and MUSIG extended (other inputs, training variants) are separate
     * families, so both are reported.
     */
    static String familyOf(String method, String origin) {
        return switch (method) {
            case "musig", "musig-single-task" -> "musig (" + origin + ")";
            case MusigRows.MUSIG_FEATURE -> MusigRows.MUSIG_FEATURE;
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
            pass.timed(RowKey.of("random", "none"), List.of(),
                    () -> new RandomScorer(pass.trackNodeIds().length, pass.methodSeed));
        }
        if (methods.contains("popularity")) {
            pass.timed(RowKey.of("popularity", "none"), List.of(),
                    () -> new PopularityScorer(pass.data().memberships()));
        }
        if (methods.contains("cooccurrence")) {
            pass.timed(RowKey.of("cooccurrence", "none"), List.of(),
                    () -> new CooccurrenceScorer(pass.data().memberships()));
        }
        if (methods.contains("artist")) {
            for (String category : List.of(TrackFeatures.ARTIST, TrackFeatures.ALBUM)) {
                categoryBaseline(category + "-cooccurrence", category,
                        values -> new CategoryCooccurrenceScorer(pass.data().memberships(), values, Weighting.COUNT));
                categoryBaseline(category + "-cooccurrence-cosine", category,
                        values -> new CategoryCooccurrenceScorer(pass.data().memberships(), values, Weighting.COSINE));
            }
        }
        if (methods.contains("backoff")) {
            categoryBaseline("cooccurrence+artist", TrackFeatures.ARTIST,
                    artists -> new BackoffCooccurrenceScorer(pass.data().memberships(), artists));
        }
        if (methods.contains("content")) {
            for (String f : config.features()) {
                if (f.equals("popularity")) {
                    pass.skip(RowKey.of("content", f), "one popularity value per track has no direction to take a "
                            + "cosine of; see the 'popularity' row");
                    continue;
                }
                pass.withGroups(RowKey.of("content", f), List.of(),
                        groups -> BenchmarkPass.embeddingScorer(pass.content(groups)));
            }
        }
        if (methods.contains("cf")) {
            learned.runCf();
        }
        if (methods.contains("track2vec")) {
            learned.runTrack2Vec();
        }
        if (methods.contains("node2vec") || methods.contains("graphsage") || methods.contains("hashgnn")) {
            gds.run();
        }
        if (methods.contains("musig") || methods.contains(MusigRows.MUSIG_FEATURE)) {
            musig.run();
        }
    }

    /** A baseline over a categorical attribute (artist, album), or a skipped row when no track has one. */
    private void categoryBaseline(String method, String category, Function<TrackCategory, TrackScorer> build) {
        TrackCategory values = pass.data().graph().features().category(category);
        RowKey key = RowKey.of(method, "none");
        if (values == null) {
            pass.skip(key, "no track has an " + category + " id or name");
            return;
        }
        pass.timed(key, List.of(), () -> build.apply(values));
    }

    /**
     * Each evaluated row with a paired test of its hit rate against the best other row (the best row against
     * the runner-up), so a reader sees which differences the test playlists support.
     */
    private List<BenchmarkRow> compared() {
        List<BenchmarkRow> ranked = pass.rows.stream().filter(r -> r.hitRate() != null)
                .sorted(java.util.Comparator.comparingDouble(BenchmarkRow::hitRate).reversed()).toList();
        List<BenchmarkRow> result = new ArrayList<>();
        for (BenchmarkRow row : pass.rows) {
            if (row.hitRate() == null || ranked.size() < 2) {
                result.add(row);
                continue;
            }
            BenchmarkRow other = ranked.get(0) == row ? ranked.get(1) : ranked.get(0);
            BootstrapStatistics.PairedTest test = BootstrapStatistics.paired(pass.perPlaylist.get(row),
                    pass.perPlaylist.get(other), PerPlaylist::hitRate, BootstrapStatistics.DEFAULT_RESAMPLES,
                    config.randomSeed());
            result.add(row.withComparison(other.label(), BenchmarkPass.nullable(test.meanDifference()),
                    List.of(test.low(), test.high()), BenchmarkPass.nullable(test.pValue())));
        }
        return result;
    }

    /** Makes sure the split exists and returns it. */
    private StoredSplit prepare() {
        pass.sharedNotices.clear();
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
            pass.sharedNotices.add("split '" + stored.name() + "' already existed with " + stored.playlistCount()
                    + " test playlists; testPlaylists was not used");
        }
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
}
