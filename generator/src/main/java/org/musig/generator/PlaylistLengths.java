package org.musig.generator;

import java.util.SplittableRandom;

/**
 * The distribution of playlist lengths: a discretised, truncated log-normal on {@code 5..250}
 * (the real MPD's bounds) with shape {@code sigma = 0.8}, whose location is solved by bisection so
 * that the mean of the truncated distribution equals the requested mean.
 *
 * <p>With the default mean of 66 the median is about 49 and roughly 2% of playlists exceed 200 tracks,
 * close to the real MPD (mean 66.3, median 49). Sampling is O(1) through an {@link AliasSampler}.
 */
final class PlaylistLengths {

    static final int MIN_LENGTH = 5;
    static final int MAX_LENGTH = 250;
    static final double SIGMA = 0.8;

    private final int min;
    private final double[] probabilities;
    private final AliasSampler sampler;
    private final double mean;

    PlaylistLengths(double targetMean) {
        this(targetMean, MIN_LENGTH, MAX_LENGTH);
    }

    PlaylistLengths(double targetMean, int min, int max) {
        if (!(targetMean > min && targetMean < max)) {
            throw new IllegalArgumentException("mean " + targetMean + " must lie strictly inside ["
                    + min + ", " + max + "]");
        }
        this.min = min;
        double lo = -10.0;
        double hi = 12.0;
        for (int iteration = 0; iteration < 200; iteration++) {
            double mid = 0.5 * (lo + hi);
            if (meanFor(mid, min, max) < targetMean) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        this.probabilities = weightsFor(0.5 * (lo + hi), min, max);
        double total = 0.0;
        double weighted = 0.0;
        for (int i = 0; i < probabilities.length; i++) {
            total += probabilities[i];
            weighted += probabilities[i] * (min + i);
        }
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] /= total;
        }
        this.mean = weighted / total;
        this.sampler = AliasSampler.of(probabilities);
    }

    /** One length in {@code [min, max]}. */
    int sample(SplittableRandom rnd) {
        return min + sampler.sample(rnd);
    }

    /** The exact mean of the (discretised, truncated) distribution. */
    double mean() {
        return mean;
    }

    /** Probability of length {@code length}. */
    double probability(int length) {
        int i = length - min;
        return i < 0 || i >= probabilities.length ? 0.0 : probabilities[i];
    }

    private static double meanFor(double mu, int min, int max) {
        double[] w = weightsFor(mu, min, max);
        double total = 0.0;
        double weighted = 0.0;
        for (int i = 0; i < w.length; i++) {
            total += w[i];
            weighted += w[i] * (min + i);
        }
        return total > 0.0 ? weighted / total : min;
    }

    /** Log-normal density of {@code length - min + 0.5}, unnormalised, for every admissible length. */
    private static double[] weightsFor(double mu, int min, int max) {
        double[] w = new double[max - min + 1];
        for (int i = 0; i < w.length; i++) {
            double x = i + 0.5;
            double z = (StrictMath.log(x) - mu) / SIGMA;
            w[i] = StrictMath.exp(-0.5 * z * z) / x;
        }
        return w;
    }
}
