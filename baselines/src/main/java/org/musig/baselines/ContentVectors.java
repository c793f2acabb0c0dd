package org.musig.baselines;

import java.util.List;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.nn.InputFeatures;

/**
 * The content baseline's vectors: each track's features exactly as MUSIG's input layer sees them
 * (z-scored numeric groups with a "missing" column, log-scaled popularity, genre one-hot), used directly
 * as an embedding. Ranking by cosine to the mean seed vector is then "content cosine", which z-scoring
 * makes strong (its rows in docs/benchmark.md), and the vectors are what Track2Vec-Feature appends.
 */
public final class ContentVectors {
    private ContentVectors() {
    }

    /**
     * @param groups the feature groups to use; a group absent from the data is left out with a notice
     * @throws IllegalArgumentException when none of the groups is in the data
     */
    public static float[][] of(TrackFeatures features, List<String> groups, int topGenres, List<String> notices) {
        InputFeatures input = InputFeatures.fit(features, groups, topGenres, notices);
        InputFeatures.Encoded encoded = input.encode(features);
        float[][] vectors = new float[features.trackCount()][];
        for (int t = 0; t < vectors.length; t++) {
            vectors[t] = InputFeatures.row(encoded, input.denseDimension(), input.oneHotWidth(), t);
        }
        return vectors;
    }
}
