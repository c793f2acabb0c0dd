package org.musig.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class BootstrapStatisticsTest {

    private static final int RESAMPLES = BootstrapStatistics.DEFAULT_RESAMPLES;

    @Test
    void theIntervalCoversAKnownMeanInAbout95PercentOfDraws() {
        SplittableRandom random = new SplittableRandom(2024);
        // Hit-rate-like: the share of 10 held-out tracks found, each with probability 0.3.
        DoubleSupplier binomialShare = () -> {
            int hits = 0;
            for (int i = 0; i < 10; i++) {
                hits += random.nextDouble() < 0.3 ? 1 : 0;
            }
            return hits / 10.0;
        };
        // MRR-like, skewed towards 0: the smallest of 4 uniforms is Beta(1, 4), mean 1/5.
        DoubleSupplier beta14 = () -> Math.min(Math.min(random.nextDouble(), random.nextDouble()),
                Math.min(random.nextDouble(), random.nextDouble()));

        assertThat(coverage(binomialShare, 0.3, 400, 80)).isBetween(0.91, 0.98);
        assertThat(coverage(beta14, 0.2, 400, 80)).isBetween(0.91, 0.98);
    }

    private static double coverage(DoubleSupplier draw, double trueMean, int draws, int playlists) {
        int covered = 0;
        for (int d = 0; d < draws; d++) {
            double[] values = new double[playlists];
            for (int i = 0; i < playlists; i++) {
                values[i] = draw.getAsDouble();
            }
            BootstrapStatistics.Interval interval = BootstrapStatistics.meanInterval(values, RESAMPLES, d);
            covered += interval.low() <= trueMean && trueMean <= interval.high() ? 1 : 0;
        }
        return (double) covered / draws;
    }

    @Test
    void theIntervalIgnoresNaNAndDegeneratesForZeroOrOneValue() {
        BootstrapStatistics.Interval empty = BootstrapStatistics.meanInterval(new double[] {Double.NaN}, RESAMPLES, 1);
        assertThat(empty.mean()).isNaN();
        assertThat(empty.low()).isNaN();
        assertThat(empty.high()).isNaN();

        BootstrapStatistics.Interval one =
                BootstrapStatistics.meanInterval(new double[] {0.4, Double.NaN}, RESAMPLES, 1);
        assertThat(one).isEqualTo(new BootstrapStatistics.Interval(0.4, 0.4, 0.4));

        double[] values = {0.1, Double.NaN, 0.5, 0.9, 0.3};
        BootstrapStatistics.Interval interval = BootstrapStatistics.meanInterval(values, RESAMPLES, 7);
        assertThat(interval.mean()).isCloseTo(0.45, within(1e-12));
        assertThat(interval.low()).isBetween(0.1, 0.45);
        assertThat(interval.high()).isBetween(0.45, 0.9);
        assertThat(BootstrapStatistics.meanInterval(values, RESAMPLES, 7)).isEqualTo(interval); // seeded
    }

    @Test
    void thePairedTestFindsAPlantedDifferenceOf5PointsInMostSimulations() {
        SplittableRandom random = new SplittableRandom(11);
        int significant = 0;
        for (int s = 0; s < 100; s++) {
            PairedRun run = pairedRun(random, 100, 0.05);
            BootstrapStatistics.PairedTest test =
                    BootstrapStatistics.paired(run.a, run.b, PerPlaylist::hitRate, RESAMPLES, s);
            significant += test.pValue() < 0.05 ? 1 : 0;
        }
        assertThat(significant).isGreaterThanOrEqualTo(80);
    }

    @Test
    void withoutADifferenceThePairedTestRejectsAtAbout5Percent() {
        SplittableRandom random = new SplittableRandom(12);
        int rejected = 0;
        for (int s = 0; s < 200; s++) {
            PairedRun run = pairedRun(random, 100, 0);
            BootstrapStatistics.PairedTest test =
                    BootstrapStatistics.paired(run.a, run.b, PerPlaylist::hitRate, RESAMPLES, s);
            rejected += test.pValue() < 0.05 ? 1 : 0;
        }
        assertThat(rejected / 200.0).isBetween(0.01, 0.10);
    }

    private record PairedRun(PerPlaylist a, PerPlaylist b) {
    }

    /**
     * Two methods on the same playlists: a shared per-playlist difficulty (spread far wider than the shift,
     * so only pairing can see it) plus each method's own noise; method a is better by {@code shift}.
     */
    private static PairedRun pairedRun(SplittableRandom random, int playlists, double shift) {
        double[] a = new double[playlists];
        double[] b = new double[playlists];
        for (int i = 0; i < playlists; i++) {
            double difficulty = random.nextDouble();
            a[i] = difficulty + shift + 0.1 * random.nextGaussian();
            b[i] = difficulty + 0.1 * random.nextGaussian();
        }
        int[] index = new int[playlists];
        Arrays.setAll(index, i -> i);
        return new PairedRun(hitRates(index, a), hitRates(index, b));
    }

    @Test
    void onlyPlaylistsBothMethodsEvaluatedArePaired() {
        // a skipped playlist 3, b skipped playlist 1: playlists 0, 2 and 4 pair up.
        PerPlaylist a = hitRates(new int[] {0, 1, 2, 4}, new double[] {0.5, 1.0, 0.2, 0.4});
        PerPlaylist b = hitRates(new int[] {0, 2, 3, 4}, new double[] {0.3, 0.2, 0.9, 0.1});
        BootstrapStatistics.PairedTest test = BootstrapStatistics.paired(a, b, PerPlaylist::hitRate, RESAMPLES, 3);
        assertThat(test.playlists()).isEqualTo(3);
        assertThat(test.meanDifference()).isCloseTo((0.2 + 0.0 + 0.3) / 3, within(1e-12));
        assertThat(test.low()).isBetween(0.0, test.meanDifference()); // the smallest difference is 0
        assertThat(test.high()).isBetween(test.meanDifference(), 0.3 + 1e-12); // the largest difference
        assertThat(test.pValue()).isBetween(0.0, 1.0);

        // The full-catalogue arrays are NaN when it was not ranked: nothing pairs.
        BootstrapStatistics.PairedTest none = BootstrapStatistics.paired(a, b, PerPlaylist::fullNdcg, RESAMPLES, 3);
        assertThat(none.playlists()).isZero();
        assertThat(none.meanDifference()).isNaN();
        assertThat(none.pValue()).isNaN();
    }

    @Test
    void identicalMethodsHaveNoDifferenceAndPValueOne() {
        PerPlaylist a = hitRates(new int[] {0, 1, 2}, new double[] {0.5, 1.0, 0.0});
        BootstrapStatistics.PairedTest test = BootstrapStatistics.paired(a, a, PerPlaylist::hitRate, RESAMPLES, 5);
        assertThat(test).isEqualTo(new BootstrapStatistics.PairedTest(3, 0, 0, 0, 1));
    }

    /** Per-playlist values with only the hit rate known; the other metrics NaN. */
    private static PerPlaylist hitRates(int[] index, double[] hitRate) {
        double[] nan = new double[index.length];
        Arrays.fill(nan, Double.NaN);
        return new PerPlaylist(index, hitRate, nan, nan, nan, nan);
    }
}
