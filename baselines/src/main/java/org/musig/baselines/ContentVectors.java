package org.musig.baselines;

import java.util.List;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.nn.InputFeatures;
import org.musig.model.rank.VectorTable;

/**
 * The content baseline's vectors: each track's features exactly as MUSIG's input layer sees them
 * (z-scored numeric groups with a "missing" column, log-scaled popularity, genre one-hot), used directly
 * as an embedding. Ranking by cosine to the mean seed vector is then "content cosine", which z-scoring
 * makes strong (its rows in docs/benchmark.md), and the vectors are what Track2Vec-Feature and
 * MUSIG-Feature append to their embeddings ({@link #appendedTo}).
 */
public final class ContentVectors {
    private ContentVectors() {
    }

    /**
     * @param groups the feature groups to use; a group absent from the data is left out with a notice, and the
     *               learned tables ({@link InputFeatures#LEARNED_TABLES}) are left out: their rows exist only in a
     *               trained model
     * @throws IllegalArgumentException when none of the groups is content in the data
     */
    public static float[][] of(TrackFeatures features, List<String> groups, int topGenres, List<String> notices) {
        List<String> content = groups.stream().filter(g -> !InputFeatures.LEARNED_TABLES.contains(g)).toList();
        if (content.isEmpty()) {
            throw new IllegalArgumentException("no content among " + groups + ": " + InputFeatures.LEARNED_TABLES
                    + " are embedding tables learned in training, not features of their own");
        }
        InputFeatures input = InputFeatures.fit(features, content, topGenres, notices);
        InputFeatures.Encoded encoded = input.encode(features);
        float[][] vectors = new float[features.trackCount()][];
        for (int t = 0; t < vectors.length; t++) {
            vectors[t] = InputFeatures.row(encoded, input.denseDimension(), input.oneHotWidth(), t);
        }
        return vectors;
    }

    /**
     * The paper's Track2Vec-Feature construction, used for any embedding (word2vec's, MUSIG's): each track's
     * vector scaled to unit L2 norm (a zero vector stays zero) followed by its content row, which the caller
     * has already normalised. Kept here, off {@code Track2Vec}, so that appending to MUSIG's embedding never
     * loads DL4J.
     *
     * @param vectors           one row per track
     * @param normalisedContent one row per track, all of one width
     * @return one row per track of width {@code vectors[0].length + normalisedContent[0].length}
     */
    public static float[][] appendedTo(float[][] vectors, float[][] normalisedContent) {
        if (vectors.length != normalisedContent.length) {
            throw new IllegalArgumentException("appendedTo: " + vectors.length + " vectors but "
                    + normalisedContent.length + " content rows");
        }
        float[][] out = new float[vectors.length][];
        for (int t = 0; t < vectors.length; t++) {
            float[] v = vectors[t];
            float[] f = normalisedContent[t];
            if (t > 0 && (v.length != vectors[0].length || f.length != normalisedContent[0].length)) {
                throw new IllegalArgumentException("appendedTo: row " + t + " has another width than row 0");
            }
            float[] row = new float[v.length + f.length];
            System.arraycopy(VectorTable.normalised(v), 0, row, 0, v.length);
            System.arraycopy(f, 0, row, v.length, f.length);
            out[t] = row;
        }
        return out;
    }
}
