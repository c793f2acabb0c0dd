package org.musig.baselines;

/**
 * Settings of {@link WarpFactorisation}, validated on construction: a bad value is an
 * {@link IllegalArgumentException} naming its key.
 *
 * @param dimension      width of the playlist and track factors
 * @param epochs         passes over every training membership
 * @param learningRate   Adagrad's base step (LightFM's default, 0.05)
 * @param maxTrials      negatives drawn per positive before giving up on finding a margin violator
 * @param regularisation L2 weight on the factors touched by each update; 0 turns it off
 * @param randomSeed     seeds the initial factors and every draw; same seed and input give the same vectors
 */
public record WarpConfig(int dimension, int epochs, double learningRate, int maxTrials, double regularisation,
                         long randomSeed) {

    public static final String OWNER = "cf-warp";

    public WarpConfig {
        if (dimension < 1) {
            throw invalid("dimension", "must be >= 1", dimension);
        }
        if (epochs < 1) {
            throw invalid("epochs", "must be >= 1", epochs);
        }
        if (!Double.isFinite(learningRate) || learningRate <= 0) {
            throw invalid("learningRate", "must be a finite number > 0", learningRate);
        }
        if (maxTrials < 1) {
            throw invalid("maxTrials", "must be >= 1", maxTrials);
        }
        if (!Double.isFinite(regularisation) || regularisation < 0) {
            throw invalid("regularisation", "must be a finite number >= 0", regularisation);
        }
    }

    /** dimension 64, 10 epochs, learning rate 0.05, 100 trials, regularisation 1e-6, seed 42. */
    public static WarpConfig defaults() {
        return new WarpConfig(64, 10, 0.05, 100, 1e-6, 42);
    }

    /** These settings with {@code epochs} passes instead. */
    public WarpConfig withEpochs(int epochs) {
        return new WarpConfig(dimension, epochs, learningRate, maxTrials, regularisation, randomSeed);
    }

    private static IllegalArgumentException invalid(String key, String rule, Object value) {
        return new IllegalArgumentException(OWNER + ": configuration key '" + key + "' " + rule + ", got " + value);
    }
}
