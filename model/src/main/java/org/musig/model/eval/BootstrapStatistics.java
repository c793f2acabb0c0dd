package org.musig.model.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Uncertainty of benchmark means over test playlists: percentile bootstrap 95% intervals of a mean, and a
 * paired bootstrap test between two methods ranked on the same playlists. Playlists are the resampled unit
 * because they are the independent draws; the candidates within one playlist are not. Deterministic given
 * the seed. Each resample draws n indices and sums, so the cost is resamples x n with no boxing; only the
 * resampled means are sorted.
 */
public final class BootstrapStatistics {

    /**
     * Resamples when the caller has no reason to choose: the Monte Carlo error of each percentile is then
     * about 1.5% of the interval's width, and a p-value resolves to 1/2001.
     */
    public static final int DEFAULT_RESAMPLES = 2000;

    private static final double LOW_QUANTILE = 0.025;
    private static final double HIGH_QUANTILE = 0.975;

    /** A mean and its 95% interval; all NaN when there were no values. */
    public record Interval(double mean, double low, double high) {
    }

    /**
     * Method a minus method b over the playlists both evaluated: the mean difference, its 95% interval and a
     * two-sided p-value for "no difference"; all but {@code playlists} NaN when no playlist pairs up.
     */
    public record PairedTest(int playlists, double meanDifference, double low, double high, double pValue) {
    }

    private BootstrapStatistics() {
    }

    /** Percentile bootstrap 95% interval of the mean of the values; NaN values are left out. */
    public static Interval meanInterval(double[] values, int resamples, long seed) {
        checkResamples(resamples);
        double[] x = withoutNaN(values);
        if (x.length == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = mean(x);
        if (x.length == 1) {
            return new Interval(mean, mean, mean);
        }
        double[] means = resampledMeans(x, resamples, new SplittableRandom(seed));
        Arrays.sort(means);
        return new Interval(mean, quantile(means, LOW_QUANTILE), quantile(means, HIGH_QUANTILE));
    }

    /**
     * Paired bootstrap of {@code metric(a) - metric(b)}, aligned by playlist index; a playlist only one of
     * the two evaluated, or where either value is NaN, is left out. The p-value resamples the differences
     * centred on zero (the null of no mean difference) and counts resampled means at least as far from zero
     * as the observed one, with the +1 correction so it is never 0: (count + 1) / (resamples + 1).
     */
    public static PairedTest paired(PerPlaylist a, PerPlaylist b, Function<PerPlaylist, double[]> metric,
                                    int resamples, long seed) {
        checkResamples(resamples);
        double[] d = differences(a, b, metric);
        int n = d.length;
        if (n == 0) {
            return new PairedTest(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double observed = mean(d);
        if (allZero(d)) {
            return new PairedTest(n, 0, 0, 0, 1);
        }
        double[] means = resampledMeans(d, resamples, new SplittableRandom(seed));
        // Shifting every difference by -observed shifts each resampled mean by the same, so the centred
        // null distribution comes from the same resamples as the interval.
        double extreme = Math.abs(observed);
        int count = 0;
        for (double m : means) {
            if (Math.abs(m - observed) >= extreme) {
                count++;
            }
        }
        double pValue = (count + 1.0) / (resamples + 1.0);
        Arrays.sort(means);
        return new PairedTest(n, observed, quantile(means, LOW_QUANTILE), quantile(means, HIGH_QUANTILE), pValue);
    }

    /** a - b for every playlist index present in both with two non-NaN values; a merge of the sorted indices. */
    private static double[] differences(PerPlaylist a, PerPlaylist b, Function<PerPlaylist, double[]> metric) {
        int[] ia = a.playlistIndex();
        int[] ib = b.playlistIndex();
        double[] va = metric.apply(a);
        double[] vb = metric.apply(b);
        double[] d = new double[Math.min(ia.length, ib.length)];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < ia.length && j < ib.length) {
            if (ia[i] < ib[j]) {
                i++;
            } else if (ia[i] > ib[j]) {
                j++;
            } else {
                if (!Double.isNaN(va[i]) && !Double.isNaN(vb[j])) {
                    d[n++] = va[i] - vb[j];
                }
                i++;
                j++;
            }
        }
        return Arrays.copyOf(d, n);
    }

    private static double[] resampledMeans(double[] x, int resamples, SplittableRandom random) {
        int n = x.length;
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += x[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        return means;
    }

    /** Linear interpolation between order statistics (the R / NumPy default). */
    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    private static double[] withoutNaN(double[] values) {
        double[] x = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                x[n++] = v;
            }
        }
        return n == values.length ? x : Arrays.copyOf(x, n);
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static boolean allZero(double[] x) {
        for (double v : x) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkResamples(int resamples) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
    }
}
