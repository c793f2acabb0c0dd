package org.musig.procedures.benchmark;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.musig.common.config.Choice;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;
import org.musig.model.train.TrainConfig;
import org.musig.procedures.evaluate.Negatives;

/**
 * Settings of {@code musig.benchmark}; what each means is in its declaration.
 *
 * @param splitSettings   testPlaylists / minTracks / seedFraction as given, and randomSeed, for {@code musig.split.create}
 * @param randomSeedGiven whether the caller set randomSeed (an existing split made with another seed is then refused)
 * @param dimension       embedding width of every learned method (MUSIG's follows {@code train} when given)
 * @param maxRelationships {@link Long#MAX_VALUE}: all
 * @param patience        validation selection: MUSIG training stops after this many epochs without a better
 *                        validation hit rate
 * @param coldStartRates  MUSIG's cold-start rates, one training each (absent: {@code train.coldStartRate}'s one)
 * @param trainVariants   MUSIG's alternative {@code musig.train} settings over {@code train}, one training each
 * @param cfEpochs        CF-WARP's epoch counts, one row each
 * @param track2vecWindows Track2Vec's context windows, one training each
 * @param baselineEnsembleSizes the seeded learned baselines' ensemble sizes, one row each
 * @param ensembleSizes   MUSIG ensemble sizes tried on validation on the extension families' chosen variants
 */
record BenchmarkConfig(String split, Map<String, Object> splitSettings, boolean randomSeedGiven, int minWeight,
                       List<String> methods,
                       List<String> features, List<List<Double>> taskGrid, List<String> regressionTargets,
                       List<Double> coldStartRates, List<Map<String, Object>> trainVariants, List<Integer> cfEpochs,
                       List<Integer> track2vecWindows, List<Integer> baselineEnsembleSizes,
                       List<Integer> ensembleSizes, Map<String, Object> train, int dimension,
                       Map<String, Object> node2vec,
                       Map<String, Object> graphSage, Map<String, Object> hashGnn, Negatives negatives,
                       boolean fullCatalogue, Selection selection,
                       int validationPlaylists, int patience, long maxRelationships, int repeats,
                       long randomSeed, int concurrency, Map<String, Object> echo) {
    static final String OWNER = "musig.benchmark";
    static final List<String> METHODS = List.of("random", "popularity", "cooccurrence", "artist", "backoff", "content",
            "cf", "track2vec", "node2vec", "graphsage", "hashgnn", "musig", "musig-feature");
    /**
     * Methods run only when named: GDS HashGNN took 25-75 s per variant on the demo's 1M-relationship graph (GDS
     * GraphSAGE: 6-11 s), and a default run has one variant per feature choice plus graph-only.
     */
    static final List<String> OPT_IN_METHODS = List.of("hashgnn");
    /** The paper's groups, 'all' of them, then this product's artist and album groups, alone and with the rest. */
    static final List<String> FEATURES = List.of("genre", "popularity", "audio", "acoustic", "all", "artist", "album",
            "all+metadata", "artist+title");
    /** The paper's grid (section 4.4): all equal, playlist only (single task), and two mixes. */
    static final List<List<Double>> PAPER_GRID = List.of(List.of(1.0, 1.0, 1.0), List.of(1.0, 0.0, 0.0),
            List.of(0.7, 0.1, 0.2), List.of(0.4, 0.2, 0.4));

    /** How each family's reported variant is chosen. */
    enum Selection implements Choice { VALIDATION, TEST }

    private static final Setting<String> SPLIT = Setting.string("split", "musig-benchmark", "the split to evaluate "
            + "on; created if missing with `testPlaylists`, `minTracks`, `seedFraction` and `randomSeed`. An "
            + "existing split made with another `randomSeed`, `minTracks` or `seedFraction` than the call gives "
            + "is refused with both values, never silently reused")
            .check(split -> split.isBlank() ? "'split' must not be blank" : null);
    private static final Setting<Object> TEST_PLAYLISTS = splitSetting("testPlaylists",
            "for a split created here; an existing split keeps its own (with a notice)");
    private static final Setting<Object> MIN_TRACKS = splitSetting("minTracks",
            "for a split created here; an existing split made with another value is refused");
    private static final Setting<Object> SEED_FRACTION = splitSetting("seedFraction",
            "for a split created here; an existing split made with another value is refused");
    private static final Setting<Integer> MIN_WEIGHT = Setting.integer("minWeight", 2, 1, Integer.MAX_VALUE,
            "co-occurrence threshold of the graph the graph methods learn from (small collections: 1; the paper's 95K "
                    + "playlists: 10-20)");
    private static final Setting<List<String>> METHODS_SETTING = Setting.stringList("methods",
            METHODS.stream().filter(m -> !OPT_IN_METHODS.contains(m)).toList(),
            "any of " + METHODS.stream().map(m -> "`" + m + "`").collect(Collectors.joining(", ")))
            .shownAs("all but " + OPT_IN_METHODS.stream().map(m -> "`" + m + "`").collect(Collectors.joining(", ")))
            .check(methods -> unknownValue("methods", methods, METHODS))
            .check(methods -> methods.isEmpty()
                    ? "configuration key 'methods' must name at least one of " + METHODS : null);
    private static final Setting<List<String>> FEATURES_SETTING = Setting.stringList("features", FEATURES, "one row "
            + "per choice for the feature-based methods; `all` = every paper group the data has, `all+metadata` "
            + "adds `artist`, `album`, `year` and `title` where the data has them; groups joined by `+` (e.g. "
            + "`'audio+artist'`) are exactly those groups")
            .check(BenchmarkConfig::unknownFeatures)
            .check(features -> features.isEmpty()
                    ? "configuration key 'features' must name at least one of " + FEATURES : null);
    private static final Setting<Selection> SELECTION = Setting.choice("selection", Selection.class,
            Selection.VALIDATION, "`'validation'`: each family's variant chosen on validation playlists, reported once "
                    + "on test; `'test'`: every variant on test (exploration)");
    private static final Setting<Integer> VALIDATION_PLAYLISTS = Setting.integer("validationPlaylists", 0, 0,
            Integer.MAX_VALUE, "how many validation playlists to carve from the training playlists")
            .shownAs("as many as test playlists");
    private static final Setting<Integer> PATIENCE = Setting.integer("patience", 2, 1, 10_000, "with `selection: "
            + "'validation'`, MUSIG's epoch count is chosen there too: each variant's validation hit rate is measured "
            + "after every epoch, training stops at `train.epochs` or after this many epochs without a better one, "
            + "the variant scores its best epoch, and on test the selected variant trains exactly that many epochs");
    private static final Setting<Integer> REPEATS = Setting.integer("repeats", 1, 1, 20, "fit every reported method "
            + "again with seeds `randomSeed + 1 ..` on the same candidates: `repeatHitRates`, `repeatHitRateMean`, "
            + "`repeatHitRateSd` say how much of a hit rate is training randomness (N times the test pass's time)");
    private static final Setting<List<List<Double>>> TASK_GRID = Setting.numberTuples("taskGrid", PAPER_GRID, 3, 0,
            1e6, "MUSIG's (playlist, genre, audio) weights: the paper's grid")
            .check(grid -> grid.stream().filter(w -> w.get(0) + w.get(1) + w.get(2) == 0).findFirst()
                    .map(w -> "a taskGrid entry must weigh at least one task, got " + w).orElse(null));
    private static final Setting<List<String>> REGRESSION_TARGETS = Setting.stringList("regressionTargets",
            List.of("audio", "acoustic"), "MUSIG's similarity-task target; `acoustic` runs on the "
                    + "audio/acoustic inputs only (Table 3)")
            .check(targets -> targets.stream().filter(t -> !t.equals("audio") && !t.equals("acoustic")).findFirst()
                    .map(t -> "regressionTargets may hold 'audio' and 'acoustic', got '" + t + "'").orElse(null));
    // Absent: the one rate of train.coldStartRate (or musig.train's default), as before the axis existed.
    private static final Setting<List<Double>> COLD_START_RATES = Setting.<List<Double>>of("coldStartRates",
            List.class, null, (c, k) -> c.has(k) ? c.getDoubleList(k, List.of(), 1, 10, 0, 0.95) : null,
            "MUSIG's cold-start rates (`musig.train`'s `coldStartRate`): one training per rate for every feature "
                    + "group, task-weight triple and target, chosen on validation with them; the row's `knobs` say "
                    + "which. Give this or `train.coldStartRate`, not both")
            .shownAs("`train.coldStartRate` (one rate)")
            .check(rates -> rates == null ? null : repeated("coldStartRates", rates));
    /** Set per training by the benchmark itself, so a variant may not set them. */
    private static final List<String> SET_PER_RUN = List.of("features", "taskWeights", "regressionTarget",
            "coldStartRate", "randomSeed", "concurrency");
    // Playlist pairs train the many tracks that have no edge in a sparse graph; where every track has one they are
    // about the edges again. So both are offered by default and validation chooses (docs/benchmark.md).
    private static final Setting<List<Map<String, Object>>> TRAIN_VARIANTS = Setting.mapList("trainVariants",
            List.of(Map.of(), Map.of("positives", "playlists")), "alternative `musig.train` settings for MUSIG, each "
                    + "applied over `train` (e.g. `[{}, {sampling: 'walk'}]` or `[{}, {ensembleSize: 3}]`): one "
                    + "training per variant for every feature group, task-weight triple, target and cold-start rate, "
                    + "chosen on validation with them; the row's `knobs` say which. `[{}]` trains `train` as given only")
            .shownAs("`[{}, {positives: 'playlists'}]` (`train` as given, and with playlist pairs)")
            .check(variants -> repeated("trainVariants", variants))
            .check(variants -> variants.stream().flatMap(v -> v.keySet().stream()).filter(SET_PER_RUN::contains)
                    .findFirst().map(key -> "a 'trainVariants' entry may not set '" + key + "': the benchmark sets "
                            + "it per training (" + SET_PER_RUN + ")")
                    .orElse(null));
    private static final Setting<List<Integer>> CF_EPOCHS = Setting.integerList("cfEpochs", List.of(5, 10, 20), 1, 10,
            1, 1000, "CF-WARP's epoch counts (its width is `embeddingDimension`), chosen on validation; the row's "
                    + "`knobs` say which. One training of the most epochs scores them all (the factors after epoch "
                    + "k are those of a k-epoch training), so the grid costs its longest entry")
            .check(epochs -> repeated("cfEpochs", epochs));
    private static final Setting<List<Integer>> TRACK2VEC_WINDOWS = Setting.integerList("track2vecWindows",
            List.of(5, 20), 1, 10, 1, 1000, "Track2Vec's context windows (word2vec's `windowSize`), one training "
                    + "each, chosen on validation; each training also feeds the `track2vec-feature` rows; the row's "
                    + "`knobs` say which")
            .check(windows -> repeated("track2vecWindows", windows));
    private static final Setting<List<Integer>> BASELINE_ENSEMBLE_SIZES = Setting.integerList("baselineEnsembleSizes",
            List.of(1), 1, 4, 1, 16, "ensembles of the seeded learned baselines (CF-WARP and Track2Vec, with their "
                    + "`-feature` rows), as MUSIG's `ensembleSize` makes of MUSIG (e.g. `[1, 3]`): n models from "
                    + "independent seeds (member 0 is the single model), a track's vector their unit vectors side by "
                    + "side; one row each, chosen on validation, the row's `knobs` saying `ensembleSize` when it is "
                    + "over 1. The largest size's members are trained once and feed the smaller sizes")
            .check(sizes -> repeated("baselineEnsembleSizes", sizes));
    private static final Setting<List<Integer>> ENSEMBLE_SIZES = Setting.integerList("ensembleSizes", List.of(), 0, 4,
            2, 16, "MUSIG ensembles of the chosen variants: once every variant has run on the validation playlists, "
                    + "the best of each extension family (MUSIG extended, MUSIG-Feature) is trained again as an "
                    + "n-member ensemble (`musig.train`'s `ensembleSize`) for each size here and scored on the same "
                    + "playlists, and each family keeps whichever variant scores best, its `knobs` saying "
                    + "`ensembleSize`. It costs n trainings per size and family, where `{ensembleSize: n}` in "
                    + "`trainVariants` trains every variant n times. The paper's family stays single models. Needs "
                    + "`selection: 'validation'`")
            .shownAs("`[]` (none)")
            .check(sizes -> repeated("ensembleSizes", sizes));
    private static final Setting<Map<String, Object>> TRAIN = Setting.map("train", "`musig.train` settings for every "
            + "MUSIG run (e.g. `{epochs: 10, maxPairsPerEpoch: 100000}`); features, task weights and target "
            + "come from the keys above")
            .check(train -> List.of("features", "taskWeights", "regressionTarget").stream()
                    .filter(train::containsKey).findFirst()
                    .map(fixed -> "train." + fixed + " is set per run by the benchmark; use the benchmark's "
                            + "'features', 'taskGrid' and 'regressionTargets' instead")
                    .orElse(null));
    private static final Setting<Integer> DIMENSION = Setting.integer("embeddingDimension", 64, 1, 4096,
            "every learned method's width");
    private static final Setting<Map<String, Object>> NODE2VEC = gdsSettings("node2vec",
            "extra GDS Node2Vec settings (e.g. `{walksPerNode: 2}`), passed on as they are");
    private static final Setting<Map<String, Object>> GRAPH_SAGE = gdsSettings("graphSage",
            "extra GDS GraphSAGE training settings (e.g. `{epochs: 2}`), passed on as they are");
    private static final Setting<Map<String, Object>> HASH_GNN = gdsSettings("hashGnn",
            "GDS HashGNN settings (`gds.hashgnn.stream`: GDS 2.5 or later), passed on as they are over the "
                    + "benchmark's `{iterations: " + GdsBaselines.HASH_GNN_DEFAULTS.get("iterations")
                    + ", embeddingDensity: "
                    + GdsBaselines.HASH_GNN_DEFAULTS.get("embeddingDensity") + "}`; `binarizeFeatures` (default "
                    + "`{dimension: " + GdsBaselines.HASH_GNN_FEATURE_DIMENSION + ", threshold: 0}`) applies to the "
                    + "rows with a feature choice, `generateFeatures` (default `{dimension: "
                    + GdsBaselines.HASH_GNN_FEATURE_DIMENSION + ", densityLevel: 2}`) to the graph-only row",
            "outputDimension");
    // Absent: no cap (the heap check still skips what would not fit).
    private static final Setting<Long> MAX_RELATIONSHIPS = Setting.<Long>of("maxRelationships", Long.class, null,
            (c, k) -> c.has(k) ? c.getLong(k, 0, 1, Long.MAX_VALUE) : null,
            "the most co-occurrence relationships handed to the GDS baselines: the heaviest are kept (ties in "
                    + "node order), with a notice on each GDS row. Every stage that hands data to GDS, DL4J, CF "
                    + "or MUSIG first compares its memory estimate with the free heap; one that would not fit "
                    + "is a skipped row naming both numbers")
            .shownAs("none");
    private static final Setting<Negatives> NEGATIVES = Setting.choice("negatives", Negatives.class,
            Negatives.SETTING.defaultValue(), "as in `musig.evaluate`: `'exposure'`, `'heldout'` or `'uniform'`");
    private static final Setting<Boolean> FULL_CATALOGUE = Setting.bool("fullCatalogue", true,
            "as in `musig.evaluate`");
    private static final Setting<Long> RANDOM_SEED = Setting.longInteger("randomSeed", 42, Long.MIN_VALUE,
            Long.MAX_VALUE, "seeds the split (when created here), the negative draw and every method");
    private static final Setting<Integer> CONCURRENCY = Setting.integer("concurrency",
            Math.min(4, Runtime.getRuntime().availableProcessors()), 1, 1024, "threads of every method")
            .shownAs("min(4, cores)");
    static final Settings SETTINGS = Settings.of(OWNER, SPLIT, TEST_PLAYLISTS, MIN_TRACKS, SEED_FRACTION, MIN_WEIGHT,
            METHODS_SETTING, FEATURES_SETTING, SELECTION, VALIDATION_PLAYLISTS, PATIENCE, REPEATS, TASK_GRID,
            REGRESSION_TARGETS, COLD_START_RATES, TRAIN_VARIANTS, ENSEMBLE_SIZES, TRAIN, DIMENSION, CF_EPOCHS,
            TRACK2VEC_WINDOWS, BASELINE_ENSEMBLE_SIZES,
            NODE2VEC, GRAPH_SAGE,
            HASH_GNN, MAX_RELATIONSHIPS, NEGATIVES, FULL_CATALOGUE,
            RANDOM_SEED, CONCURRENCY);

    static BenchmarkConfig parse(Map<String, Object> raw) {
        Settings.Values values = SETTINGS.parse(raw);
        long randomSeed = values.get(RANDOM_SEED);
        Map<String, Object> train = values.get(TRAIN);
        TrainConfig trainDefaults = TrainConfig.parse(withSeed(train, randomSeed)); // fail early, before hours of work
        for (Map<String, Object> variant : values.get(TRAIN_VARIANTS)) {
            Map<String, Object> merged = new LinkedHashMap<>(train);
            merged.putAll(variant);
            try {
                TrainConfig.parse(withSeed(merged, randomSeed));
            } catch (IllegalArgumentException e) {
                // Not chained: Neo4j reports the innermost cause, which would lose the entry's name.
                throw new IllegalArgumentException(OWNER + ": trainVariants entry " + variant + ": " + e.getMessage());
            }
        }
        List<Double> coldStartRates = values.get(COLD_START_RATES);
        if (coldStartRates != null && train.containsKey("coldStartRate")) {
            throw new IllegalArgumentException(OWNER + ": give MUSIG's cold-start rates once: 'coldStartRates' "
                    + coldStartRates + " or train.coldStartRate " + train.get("coldStartRate") + ", not both");
        }
        if (coldStartRates == null) {
            coldStartRates = List.of(trainDefaults.coldStartRate());
        }
        Map<String, Object> splitSettings = new LinkedHashMap<>();
        for (Setting<Object> setting : List.of(TEST_PLAYLISTS, MIN_TRACKS, SEED_FRACTION)) {
            if (values.get(setting) != null) {
                splitSettings.put(setting.key(), values.get(setting)); // validated by musig.split.create
            }
        }
        splitSettings.put("randomSeed", randomSeed);
        Long maxRelationships = values.get(MAX_RELATIONSHIPS);
        return new BenchmarkConfig(values.get(SPLIT), splitSettings, raw != null && raw.get("randomSeed") != null,
                values.get(MIN_WEIGHT), values.get(METHODS_SETTING), values.get(FEATURES_SETTING),
                values.get(TASK_GRID),
                values.get(REGRESSION_TARGETS), coldStartRates, values.get(TRAIN_VARIANTS), values.get(CF_EPOCHS),
                values.get(TRACK2VEC_WINDOWS), values.get(BASELINE_ENSEMBLE_SIZES), values.get(ENSEMBLE_SIZES),
                train, values.get(DIMENSION), values.get(NODE2VEC),
                values.get(GRAPH_SAGE), values.get(HASH_GNN), values.get(NEGATIVES), values.get(FULL_CATALOGUE),
                values.get(SELECTION),
                values.get(VALIDATION_PLAYLISTS), values.get(PATIENCE),
                maxRelationships == null ? Long.MAX_VALUE : maxRelationships, values.get(REPEATS), randomSeed,
                values.get(CONCURRENCY), values.echo());
    }

    /** MUSIG's settings for one run: the user's overrides plus the benchmark's seed, width and threads. */
    TrainConfig musigConfig(List<String> featureGroups, List<Double> weights, String regressionTarget, long seed) {
        return musigConfig(featureGroups, weights, regressionTarget, null, Map.of(), seed, null);
    }

    /**
     * {@link #musigConfig(List, List, String, long)} with cold-start rate {@code coldStartRate} (null: as
     * {@code train} says), the settings of {@code variant} over {@code train}'s, training {@code epochs} epochs
     * (null: as {@code train} and the variant say).
     */
    TrainConfig musigConfig(List<String> featureGroups, List<Double> weights, String regressionTarget,
                            Double coldStartRate, Map<String, Object> variant, long seed, Integer epochs) {
        Map<String, Object> settings = new LinkedHashMap<>(train);
        settings.putAll(variant);
        if (epochs != null) {
            settings.put("epochs", epochs);
        }
        if (coldStartRate != null) {
            settings.put("coldStartRate", coldStartRate);
        }
        if (!train.containsKey("randomSeed") || seed != randomSeed) {
            settings.put("randomSeed", seed); // a repeat's seed replaces the user's as well
        }
        settings.putIfAbsent("embeddingDimension", dimension);
        settings.putIfAbsent("concurrency", concurrency);
        settings.put("features", featureGroups);
        settings.put("taskWeights",
                Map.of("playlist", weights.get(0), "genre", weights.get(1), "audio", weights.get(2)));
        settings.put("regressionTarget", regressionTarget);
        return TrainConfig.parse(settings);
    }

    /** A split setting passed on as given to musig.split.create, which validates it and has its default. */
    private static Setting<Object> splitSetting(String key, String doc) {
        return Setting.of(key, Object.class, null, (config, k) -> config.given(k), doc)
                .shownAs("as in `musig.split.create`");
    }

    /**
     * GDS checks its own keys; the ones the benchmark sets for every method must come from it, as must
     * {@code alsoFixed}, the ones it sets for this method alone (e.g. HashGNN's {@code outputDimension}).
     */
    private static Setting<Map<String, Object>> gdsSettings(String key, String doc, String... alsoFixed) {
        List<String> fixedKeys = new java.util.ArrayList<>(List.of("embeddingDimension", "randomSeed", "concurrency",
                "modelName", "featureProperties"));
        fixedKeys.addAll(List.of(alsoFixed));
        return Setting.map(key, doc).check(settings -> fixedKeys.stream().filter(settings::containsKey).findFirst()
                .map(fixed -> key + "." + fixed + " is set by the benchmark for every method; use the benchmark's own "
                        + "key (embeddingDimension, randomSeed, concurrency, features)")
                .orElse(null));
    }

    private static Map<String, Object> withSeed(Map<String, Object> train, long randomSeed) {
        Map<String, Object> settings = new LinkedHashMap<>(train);
        settings.putIfAbsent("randomSeed", randomSeed);
        return settings;
    }

    /** Null when every value is a listed choice or training groups joined by '+' (e.g. 'audio+artist'). */
    private static String unknownFeatures(List<String> values) {
        for (String v : values) {
            List<String> groups = List.of(v.split("\\+"));
            boolean combination =
                    TrainConfig.FEATURE_GROUPS.containsAll(groups) && groups.size() == new HashSet<>(groups).size();
            if (!FEATURES.contains(v) && !combination) {
                return "configuration key 'features' has unknown value '" + v + "'; valid values are " + FEATURES
                        + ", or groups of " + TrainConfig.FEATURE_GROUPS + " joined by '+' (e.g. 'audio+artist')";
            }
        }
        return null;
    }

    /** Null when no value of a grid repeats (a repeat would be the same variant twice). */
    private static String repeated(String key, List<?> values) {
        return values.size() == new HashSet<>(values).size() ? null
                : "configuration key '" + key + "' names a value twice: " + values;
    }

    private static String unknownValue(String key, List<String> values, List<String> allowed) {
        return values.stream().filter(v -> !allowed.contains(v)).findFirst()
                .map(v -> "configuration key '" + key + "' has unknown value '" + v + "'; valid values are " + allowed)
                .orElse(null);
    }
}
