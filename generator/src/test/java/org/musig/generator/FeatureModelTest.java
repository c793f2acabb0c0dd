package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureModelTest {

    /**
     * Nearest-genre-centroid classification on standardised audio features: clearly better than
     * chance (the genre signal is planted) yet far from perfect (genres overlap).
     */
    @Test
    void genreIsOnlyPartlyRecoverableFromAudioFeatures() {
        int genres = 10;
        GeneratorConfig config = GeneratorConfig.builder().tracks(20_000).genres(genres).seed(5).build();
        TrackCatalog catalog = TrackCatalog.build(config);
        FeatureModel model = catalog.featureModel();
        int m = catalog.trackCount();
        int d = FeatureModel.AUDIO_COLUMNS;
        double[][] x = new double[m][d];
        double[] audio = new double[d];
        for (int t = 0; t < m; t++) {
            model.features(catalog.trackNumber(t), catalog.genreOf(t), catalog.styleOf(t), audio, null);
            System.arraycopy(audio, 0, x[t], 0, d);
        }
        standardise(x);
        // Centroids from even tracks, evaluated on odd tracks.
        double[][] centroid = new double[genres][d];
        int[] count = new int[genres];
        for (int t = 0; t < m; t += 2) {
            int g = catalog.genreOf(t);
            count[g]++;
            for (int j = 0; j < d; j++) {
                centroid[g][j] += x[t][j];
            }
        }
        for (int g = 0; g < genres; g++) {
            for (int j = 0; j < d; j++) {
                centroid[g][j] /= count[g];
            }
        }
        int correct = 0;
        int tested = 0;
        for (int t = 1; t < m; t += 2) {
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int g = 0; g < genres; g++) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x[t][j] - centroid[g][j];
                    dist += diff * diff;
                }
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = g;
                }
            }
            correct += best == catalog.genreOf(t) ? 1 : 0;
            tested++;
        }
        double accuracy = correct / (double) tested;
        assertThat(accuracy).as("nearest-centroid genre accuracy (chance is 0.1)").isBetween(0.3, 0.9);
    }

    @Test
    void featuresAreAFunctionOfTheTrackAlone() {
        GeneratorConfig config = GeneratorConfig.builder().tracks(1000).genres(4).build();
        TrackCatalog catalog = TrackCatalog.build(config);
        double[] a = new double[FeatureModel.AUDIO_COLUMNS];
        double[] b = new double[FeatureModel.AUDIO_COLUMNS];
        double[] ea = new double[FeatureModel.ACOUSTIC_DIMENSIONS];
        double[] eb = new double[FeatureModel.ACOUSTIC_DIMENSIONS];
        catalog.featureModel().features(17, 2, catalog.styleOf(0), a, ea);
        catalog.featureModel().features(3, 1, catalog.styleOf(1), b, eb);
        catalog.featureModel().features(17, 2, catalog.styleOf(0), b, eb);
        assertThat(b).isEqualTo(a);
        assertThat(eb).isEqualTo(ea);
    }

    private static void standardise(double[][] x) {
        int d = x[0].length;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(var / x.length);
            for (double[] row : x) {
                row[j] = sd > 0 ? (row[j] - mean) / sd : 0;
            }
        }
    }
}
