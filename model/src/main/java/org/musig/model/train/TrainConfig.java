package org.musig.model.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.model.config.ConfigMap;

/**
 * What {@code musig.train} is asked to do: the aggregator's shape, the sampling, the input feature groups,
 * the three tasks' weights and the optimisation. Parsed once from the user's map, validated, immutable.
 *
 * @param embeddingDimension width of every aggregator layer and of the embeddings
 * @param sampleSizes        neighbours sampled per hop, root outwards; its length is the number of layers K
 * @param activation         'relu' or 'sigmoid', between layers (the last layer is linear, see {@code SageNetwork})
 * @param sampling           'uniform' (the paper) or 'weighted' (proportional to co-occurrence weight)
 * @param features           input groups among 'genre', 'popularity', 'audio', 'acoustic' (the paper's) and
 *                           'artist', 'album' (vectors learned from the training playlists, see CategoryFactors)
 *                           and 'year' (the release year, z-scored)
 * @param topGenres          width of the genre one-hot (the most frequent genres)
 * @param metadataDimension  width of each artist and album vector
 * @param negativeSamples    negatives per positive pair
 * @param negativeSampler    'degree' (degree^0.75, as word2vec) or 'uniform'
 * @param taskWeights        c1..c3 of the paper's eq. 6, by task name ('playlist', 'genre', 'audio')
 * @param regressionTarget   the feature group the similarity task regresses: 'audio' or 'acoustic'
 * @param maxPairsPerEpoch   positive pairs per epoch at most; {@link Long#MAX_VALUE}: every edge once
 * @param tolerance          stop when the epoch loss improves by less than this fraction
 * @param maskPartner        keep each positive pair's partner out of the other's sampled first hop, as a held-out
 *                           track is out of the seed's neighbourhood at evaluation (false: the paper's sampling)
 * @param coldStartRate      share of training roots embedded as if they had no neighbours (features only),
 *                           so the layers also learn the path that unseen tracks take. 0 is the paper's
 *                           training; the default 0.5 raised the held-out hit rate on the bundled playlists,
 *                           where most held-out tracks are cold, from 0.72 to 0.80
 *                           (docs/benchmark.md, 2026-11-25)
 */
public record TrainConfig(int embeddingDimension, List<Integer> sampleSizes, String activation, String sampling,
                          List<String> features, int topGenres, int metadataDimension, int negativeSamples, String negativeSampler,
                          Map<String, Double> taskWeights, String regressionTarget, double learningRate, int batchSize,
                          int epochs, long maxPairsPerEpoch, double tolerance, boolean maskPartner, double coldStartRate,
                          long randomSeed,
                          int concurrency) {

    public static final String OWNER = "musig.train";
    public static final List<String> FEATURE_GROUPS = List.of("genre", "popularity", "audio", "acoustic", "artist",
            "album", "year");
    /** The paper's four input groups (section 3.2); 'artist', 'album' and 'year' are this product's extension. */
    public static final List<String> PAPER_FEATURE_GROUPS = List.of("genre", "popularity", "audio", "acoustic");
    public static final List<String> DEFAULT_FEATURES = List.of("genre", "popularity", "audio");
    public static final List<String> TASKS = List.of("playlist", "genre", "audio");
    public static final long ALL_PAIRS = Long.MAX_VALUE;

    /** Every key {@link #parse} accepts. */
    public static final List<String> KEYS = List.of("embeddingDimension", "sampleSizes", "activation", "sampling",
            "features", "topGenres", "metadataDimension", "negativeSamples", "negativeSampler", "taskWeights",
            "regressionTarget",
            "learningRate", "batchSize", "epochs", "maxPairsPerEpoch", "tolerance", "maskPartner", "coldStartRate",
            "randomSeed", "concurrency");

    public TrainConfig {
        sampleSizes = List.copyOf(sampleSizes);
        features = List.copyOf(features);
        taskWeights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(taskWeights));
    }

    /** The defaults (what {@code parse(Map.of())} gives). */
    public static TrainConfig defaults() {
        return parse(Map.of());
    }

    /** Parses and validates a user's map; every problem is an {@link IllegalArgumentException} naming the key. */
    public static TrainConfig parse(Map<String, Object> raw) {
        ConfigMap c = ConfigMap.of(OWNER, raw, KEYS);
        int dimension = c.getInt("embeddingDimension", 64, 1, 4096);
        List<Integer> sampleSizes = c.getIntList("sampleSizes", List.of(25, 10), 1, 5, 1, 1000);
        String activation = c.getChoice("activation", "relu", List.of("relu", "sigmoid"));
        String sampling = c.getChoice("sampling", "uniform", List.of("uniform", "weighted"));
        List<String> features = c.getStringList("features", DEFAULT_FEATURES);
        for (String f : features) {
            if (!FEATURE_GROUPS.contains(f)) {
                throw new IllegalArgumentException(OWNER + ": configuration key 'features' has unknown group '" + f
                        + "'; valid groups are " + FEATURE_GROUPS);
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException(OWNER + ": configuration key 'features' must name at least one of "
                    + FEATURE_GROUPS);
        }
        if (features.stream().distinct().count() != features.size()) {
            throw new IllegalArgumentException(OWNER + ": configuration key 'features' names a group twice: " + features);
        }
        int topGenres = c.getInt("topGenres", 50, 0, 100_000);
        int metadataDimension = c.getInt("metadataDimension", 32, 1, 512);
        int negatives = c.getInt("negativeSamples", 1, 1, 100);
        String negativeSampler = c.getChoice("negativeSampler", "degree", List.of("degree", "uniform"));
        Map<String, Double> defaultsWeights = new LinkedHashMap<>();
        for (String task : TASKS) {
            defaultsWeights.put(task, 1.0);
        }
        Map<String, Double> weights = c.getDoubleMap("taskWeights", defaultsWeights, 0, 1e6);
        if (weights.values().stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException(OWNER + ": configuration key 'taskWeights' must give at least one task a weight > 0, got "
                    + weights);
        }
        String regressionTarget = c.getChoice("regressionTarget", "audio", List.of("audio", "acoustic"));
        double learningRate = c.getDouble("learningRate", 0.01, Double.MIN_NORMAL, 1e3);
        int batchSize = c.getInt("batchSize", 512, 1, 1 << 20);
        int epochs = c.getInt("epochs", 5, 1, 10_000);
        long maxPairs = c.getLong("maxPairsPerEpoch", ALL_PAIRS, 1, Long.MAX_VALUE);
        double tolerance = c.getDouble("tolerance", 1e-4, 0, 1);
        boolean maskPartner = c.getBoolean("maskPartner", false);
        double coldStartRate = c.getDouble("coldStartRate", 0.5, 0, 0.95);
        long seed = c.getLong("randomSeed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        int concurrency = c.getInt("concurrency", 2, 1, 1024);
        return new TrainConfig(dimension, sampleSizes, activation, sampling, features, topGenres, metadataDimension,
                negatives, negativeSampler, weights, regressionTarget, learningRate, batchSize, epochs, maxPairs, tolerance,
                maskPartner, coldStartRate, seed, concurrency);
    }

    /** Number of aggregator layers (the paper's K). */
    public int layers() {
        return sampleSizes.size();
    }

    public double taskWeight(String task) {
        return taskWeights.getOrDefault(task, 0.0);
    }

    /** The same configuration with another concurrency (which does not change the trained model). */
    public TrainConfig withConcurrency(int newConcurrency) {
        Map<String, Object> map = toMap();
        map.put("concurrency", newConcurrency);
        return parse(map);
    }

    /** Every setting by its key, in the form {@link #parse} accepts (the effective configuration, for output and storage). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("embeddingDimension", embeddingDimension);
        m.put("sampleSizes", sampleSizes);
        m.put("activation", activation);
        m.put("sampling", sampling);
        m.put("features", features);
        m.put("topGenres", topGenres);
        m.put("metadataDimension", metadataDimension);
        m.put("negativeSamples", negativeSamples);
        m.put("negativeSampler", negativeSampler);
        m.put("taskWeights", new LinkedHashMap<>(taskWeights));
        m.put("regressionTarget", regressionTarget);
        m.put("learningRate", learningRate);
        m.put("batchSize", batchSize);
        m.put("epochs", epochs);
        m.put("maxPairsPerEpoch", maxPairsPerEpoch);
        m.put("tolerance", tolerance);
        m.put("maskPartner", maskPartner);
        m.put("coldStartRate", coldStartRate);
        m.put("randomSeed", randomSeed);
        m.put("concurrency", concurrency);
        return m;
    }
}
