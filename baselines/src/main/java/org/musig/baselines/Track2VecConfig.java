package org.musig.baselines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.common.config.ConfigMap;

/**
 * Settings of the {@link Track2Vec} baseline (skip-gram word2vec with negative sampling, playlists as
 * sentences). Validated on construction: every problem is an {@link IllegalArgumentException} naming the key.
 *
 * @param dimension       width of the track vectors (DL4J {@code layerSize}); default 64
 * @param windowSize      context window on each side of a track in its playlist (DL4J {@code windowSize}; as in
 *                        word2vec each position draws an effective window in 1..windowSize); default 5
 * @param epochs          passes over all playlists (DL4J {@code epochs}, word2vec's {@code -iter}; DL4J's
 *                        {@code iterations}, which repeats each batch in place, stays 1); the learning rate
 *                        decays linearly over all epochs; default 5
 * @param negativeSamples negative tracks drawn per (track, context) pair from the frequency^0.75 table
 *                        (DL4J {@code negativeSample}); default 5
 * @param minCount        tracks occurring fewer times in all playlists are left out of the vocabulary (DL4J
 *                        {@code minWordFrequency}) and get zero vectors; default 1
 * @param learningRate    starting learning rate (DL4J {@code learningRate}), decaying linearly to
 *                        {@code learningRate * 1e-4}; default 0.025
 * @param randomSeed      seed of DL4J's weight initialisation; default 42
 * @param workers         threads DL4J's native skip-gram op may use per batch of pairs (DL4J {@code workers};
 *                        DL4J 1.0.0-M2.1 always feeds them from a single training thread); default 1
 */
public record Track2VecConfig(int dimension, int windowSize, int epochs, int negativeSamples, int minCount,
                              double learningRate, long randomSeed, int workers) {

    public static final String OWNER = "track2vec";

    /** Every key {@link #parse} accepts, in the order of the record's components. */
    public static final List<String> KEYS = List.of("dimension", "windowSize", "epochs", "negativeSamples", "minCount",
            "learningRate", "randomSeed", "workers");

    public Track2VecConfig {
        check("dimension", dimension, 1, 4096);
        check("windowSize", windowSize, 1, 1000);
        check("epochs", epochs, 1, 10_000);
        check("negativeSamples", negativeSamples, 1, 100);
        check("minCount", minCount, 1, Integer.MAX_VALUE);
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException(
                    OWNER + ": configuration key 'learningRate' must be a number in (0, 10], got "
                            + learningRate);
        }
        check("workers", workers, 1, 1024);
    }

    /** The defaults: dimension 64, window 5, 5 epochs, 5 negatives, minCount 1, learning rate 0.025, seed 42, 1 worker. */
    public static Track2VecConfig defaults() {
        return new Track2VecConfig(64, 5, 5, 5, 1, 0.025, 42, 1);
    }

    /** Parses a user's map (unknown keys and wrong types rejected, missing keys defaulted), then validates. */
    public static Track2VecConfig parse(Map<String, Object> raw) {
        ConfigMap c = ConfigMap.of(OWNER, raw, KEYS);
        Track2VecConfig d = defaults();
        return new Track2VecConfig(
                c.getInt("dimension", d.dimension, Integer.MIN_VALUE, Integer.MAX_VALUE),
                c.getInt("windowSize", d.windowSize, Integer.MIN_VALUE, Integer.MAX_VALUE),
                c.getInt("epochs", d.epochs, Integer.MIN_VALUE, Integer.MAX_VALUE),
                c.getInt("negativeSamples", d.negativeSamples, Integer.MIN_VALUE, Integer.MAX_VALUE),
                c.getInt("minCount", d.minCount, Integer.MIN_VALUE, Integer.MAX_VALUE),
                c.getDouble("learningRate", d.learningRate, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
                c.getLong("randomSeed", d.randomSeed, Long.MIN_VALUE, Long.MAX_VALUE),
                c.getInt("workers", d.workers, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** Every setting by its key, in the form {@link #parse} accepts. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimension", dimension);
        m.put("windowSize", windowSize);
        m.put("epochs", epochs);
        m.put("negativeSamples", negativeSamples);
        m.put("minCount", minCount);
        m.put("learningRate", learningRate);
        m.put("randomSeed", randomSeed);
        m.put("workers", workers);
        return m;
    }

    private static void check(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(OWNER + ": configuration key '" + key + "' must be between " + min
                    + " and " + max + ", got " + value);
        }
    }
}
