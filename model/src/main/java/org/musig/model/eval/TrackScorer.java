package org.musig.model.eval;

/**
 * A recommendation method as the evaluation sees it: given a playlist's seed tracks, a score for any
 * catalogue track (higher is better). Tracks are rows {@code 0 .. catalogueSize() - 1}; the caller maps
 * its own ids to rows. Embedding methods score by cosine to the mean seed vector; the count-based
 * baselines (popularity, item co-occurrence) and the random floor implement it directly.
 */
public interface TrackScorer {

    /** Rows this scorer can rank. */
    int catalogueSize();

    /**
     * The scoring for one seed, or null when no seed row gives the method anything to go on (the
     * playlist is then skipped and counted as such).
     */
    Query query(int[] seedRows);

    /** Scores for one seed. */
    interface Query {
        /** The score of one row; NaN when the method cannot score it (ranked last). */
        float score(int row);

        /** Every row's score, for full-catalogue ranking. */
        float[] scoreAll();

        /** A query answered from one score per row (handed out as copies; the array is not changed). */
        static Query of(float[] scores) {
            return new Query() {
                @Override
                public float score(int row) {
                    return scores[row];
                }

                @Override
                public float[] scoreAll() {
                    return scores.clone();
                }
            };
        }
    }
}
