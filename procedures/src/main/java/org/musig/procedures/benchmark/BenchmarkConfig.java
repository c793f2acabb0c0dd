package org.musig.procedures.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.model.config.Choice;
import org.musig.model.config.ConfigMap;
import org.musig.model.config.Setting;
import org.musig.model.train.TrainConfig;
import org.musig.procedures.evaluate.Negatives;

/**
 * Settings of {@code musig.benchmark}.
 *
 * @param split          the split to evaluate on; created with the split settings below when it does not exist
 * @param splitSettings  testPlaylists / minTracks / seedFraction / randomSeed for {@code musig.split.create}
 * @param randomSeedGiven whether the caller set randomSeed (an existing split made with another seed is then refused)
 * @param minWeight      co-occurrence threshold of the graph the graph methods learn from
 * @param methods        which method families to run (see {@link #METHODS})
 * @param features       feature groups for the feature-based methods, each its own row; 'all' = every group
 *                       the data has
 * @param taskGrid       MUSIG's (playlist, genre, audio) task weights to try, the paper's grid by default
 * @param regressionTargets MUSIG's similarity-task targets (Table 3): 'audio' and/or 'acoustic'
 * @param train          overrides of {@code musig.train}'s settings for every MUSIG run (e.g. epochs)
 * @param dimension      embedding width of every learned method (MUSIG's follows {@code train} when given)
 * @param node2vec       extra settings for GDS Node2Vec (e.g. walksPerNode), passed on as they are
 * @param graphSage      extra settings for GDS GraphSAGE training (e.g. epochs), passed on as they are
 * @param selection      'validation': every variant on validation playlists carved from the training ones, then
 *                       the best of each family once on test; 'test': every variant on test (exploration)
 * @param validationPlaylists how many validation playlists; 0: as many as the split has test playlists
 * @param maxRelationships the most co-occurrence relationships handed to the GDS baselines (the heaviest are
 *                       kept); {@link Long#MAX_VALUE}: all
 * @param repeats        how many seeds (randomSeed, randomSeed + 1, ...) each reported method is fitted with on
 *                       test, for the spread that training randomness alone gives
 */
record BenchmarkConfig(String split, Map<String, Object> splitSettings, boolean randomSeedGiven, int minWeight,
                       List<String> methods,
                       List<String> features, List<List<Double>> taskGrid, List<String> regressionTargets,
                       Map<String, Object> train, int dimension, Map<String, Object> node2vec,
                       Map<String, Object> graphSage, Negatives negatives, boolean fullCatalogue, Selection selection,
                       int validationPlaylists, long maxRelationships, int repeats,
                       long randomSeed, int concurrency, Map<String, Object> echo) {
    static final String OWNER = "musig.benchmark";
    static final List<String> METHODS = List.of("random", "popularity", "cooccurrence", "artist", "backoff", "content",
            "cf", "track2vec", "node2vec", "graphsage", "musig");
    /** The paper's groups, 'all' of them, then this product's artist and album groups, alone and with the rest. */
    static final List<String> FEATURES = List.of("genre", "popularity", "audio", "acoustic", "all", "artist", "album",
            "all+metadata");
    /** The paper's grid (section 4.4): all equal, playlist only (single task), and two mixes. */
    static final List<List<Double>> PAPER_GRID = List.of(List.of(1.0, 1.0, 1.0), List.of(1.0, 0.0, 0.0),
            List.of(0.7, 0.1, 0.2), List.of(0.4, 0.2, 0.4));
    /** How each family's reported variant is chosen (see {@code selection} above). */
    enum Selection implements Choice { VALIDATION, TEST }

    private static final Setting<Selection> SELECTION = Setting.choice("selection", Selection.class,
            Selection.VALIDATION, "`'validation'`: each family's variant chosen on validation playlists, reported once "
                    + "on test; `'test'`: every variant on test (exploration)");
    private static final List<String> SPLIT_KEYS = List.of("testPlaylists", "minTracks", "seedFraction");

    static BenchmarkConfig parse(Map<String, Object> raw) {
        ConfigMap c = ConfigMap.of(OWNER, raw, List.of("split", "testPlaylists", "minTracks", "seedFraction",
                "minWeight", "methods", "features", "taskGrid", "regressionTargets", "train", "embeddingDimension", "node2vec", "graphSage",
                "negatives", "fullCatalogue", "selection", "validationPlaylists", "maxRelationships", "repeats", "randomSeed",
                "concurrency"));
        String split = c.getString("split", "musig-benchmark");
        if (split.isBlank()) {
            throw new IllegalArgumentException(OWNER + ": 'split' must not be blank");
        }
        long randomSeed = c.getLong("randomSeed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        Map<String, Object> splitSettings = new LinkedHashMap<>();
        for (String key : SPLIT_KEYS) {
            if (c.has(key)) {
                splitSettings.put(key, raw.get(key)); // validated by musig.split.create
            }
        }
        splitSettings.put("randomSeed", randomSeed);
        int minWeight = c.getInt("minWeight", 2, 1, Integer.MAX_VALUE);
        List<String> methods = choices(c, "methods", METHODS);
        List<String> features = featureChoices(c);
        List<List<Double>> grid = c.getDoubleTuples("taskGrid", PAPER_GRID, 3, 0, 1e6);
        for (List<Double> weights : grid) {
            if (weights.get(0) + weights.get(1) + weights.get(2) == 0) {
                throw new IllegalArgumentException(OWNER + ": a taskGrid entry must weigh at least one task, got " + weights);
            }
        }
        List<String> targets = c.getStringList("regressionTargets", List.of("audio", "acoustic"));
        for (String t : targets) {
            if (!t.equals("audio") && !t.equals("acoustic")) {
                throw new IllegalArgumentException(OWNER + ": regressionTargets may hold 'audio' and 'acoustic', got '" + t + "'");
            }
        }
        Map<String, Object> train = c.getMap("train");
        for (String fixed : List.of("features", "taskWeights", "regressionTarget")) {
            if (train.containsKey(fixed)) {
                throw new IllegalArgumentException(OWNER + ": train." + fixed + " is set per run by the benchmark; "
                        + "use the benchmark's 'features', 'taskGrid' and 'regressionTargets' instead");
            }
        }
        TrainConfig.parse(withSeed(train, randomSeed)); // fail early, before hours of baselines
        int dimension = c.getInt("embeddingDimension", 64, 1, 4096);
        Map<String, Object> node2vec = gdsSettings(c, "node2vec");
        Map<String, Object> graphSage = gdsSettings(c, "graphSage");
        Negatives negatives = Negatives.SETTING.read(c);
        boolean full = c.getBoolean("fullCatalogue", true);
        Selection selection = SELECTION.read(c);
        int validationPlaylists = c.getInt("validationPlaylists", 0, 0, Integer.MAX_VALUE);
        long maxRelationships = c.has("maxRelationships") ? c.getLong("maxRelationships", 0, 1, Long.MAX_VALUE)
                : Long.MAX_VALUE; // absent: no cap (the heap check still skips what would not fit)
        int repeats = c.getInt("repeats", 1, 1, 20);
        int concurrency = c.getInt("concurrency", Math.min(4, Runtime.getRuntime().availableProcessors()), 1, 1024);
        return new BenchmarkConfig(split, splitSettings, c.has("randomSeed"), minWeight, methods, features, grid, targets, train, dimension,
                node2vec, graphSage, negatives, full, selection, validationPlaylists, maxRelationships, repeats, randomSeed, concurrency, c.echo());
    }

    /** MUSIG's settings for one run: the user's overrides plus the benchmark's seed, width and threads. */
    TrainConfig musigConfig(List<String> featureGroups, List<Double> weights, String regressionTarget, long seed) {
        Map<String, Object> settings = new LinkedHashMap<>(train);
        if (!train.containsKey("randomSeed") || seed != randomSeed) {
            settings.put("randomSeed", seed); // a repeat's seed replaces the user's as well
        }
        settings.putIfAbsent("embeddingDimension", dimension);
        settings.putIfAbsent("concurrency", concurrency);
        settings.put("features", featureGroups);
        settings.put("taskWeights", Map.of("playlist", weights.get(0), "genre", weights.get(1), "audio", weights.get(2)));
        settings.put("regressionTarget", regressionTarget);
        return TrainConfig.parse(settings);
    }

    /** GDS checks its own keys; the ones the benchmark sets for every method must come from it. */
    private static Map<String, Object> gdsSettings(ConfigMap c, String key) {
        Map<String, Object> settings = c.getMap(key);
        for (String fixed : List.of("embeddingDimension", "randomSeed", "concurrency", "modelName", "featureProperties")) {
            if (settings.containsKey(fixed)) {
                throw new IllegalArgumentException(OWNER + ": " + key + "." + fixed + " is set by the benchmark for every "
                        + "method; use the benchmark's own key (embeddingDimension, randomSeed, concurrency)");
            }
        }
        return settings;
    }

    private static Map<String, Object> withSeed(Map<String, Object> train, long randomSeed) {
        Map<String, Object> settings = new LinkedHashMap<>(train);
        settings.putIfAbsent("randomSeed", randomSeed);
        return settings;
    }

    /** The listed choices, or any of the training groups joined by '+' (e.g. 'audio+artist'). */
    private static List<String> featureChoices(ConfigMap c) {
        List<String> values = c.getStringList("features", FEATURES);
        for (String v : values) {
            boolean combination = List.of(v.split("\\+")).stream().allMatch(TrainConfig.FEATURE_GROUPS::contains)
                    && v.split("\\+").length == new java.util.HashSet<>(List.of(v.split("\\+"))).size();
            if (!FEATURES.contains(v) && !combination) {
                throw new IllegalArgumentException(OWNER + ": configuration key 'features' has unknown value '" + v
                        + "'; valid values are " + FEATURES + ", or groups of " + TrainConfig.FEATURE_GROUPS
                        + " joined by '+' (e.g. 'audio+artist')");
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(OWNER + ": configuration key 'features' must name at least one of " + FEATURES);
        }
        return values;
    }

    private static List<String> choices(ConfigMap c, String key, List<String> allowed) {
        List<String> values = c.getStringList(key, allowed);
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException(OWNER + ": configuration key '" + key + "' has unknown value '" + v
                        + "'; valid values are " + allowed);
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(OWNER + ": configuration key '" + key + "' must name at least one of " + allowed);
        }
        return values;
    }
}
