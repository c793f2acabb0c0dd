package org.musig.baselines;

import org.musig.model.eval.TrackScorer;
import org.musig.model.sample.RandomStreams;

/**
 * The random floor: a score per (seed set, track) from a hash, so the ranking is random but repeatable.
 * On the candidate protocol (as many negatives as held-out tracks) its hit rate is about 0.5.
 */
public final class RandomScorer implements TrackScorer {
    private final int catalogueSize;
    private final long seed;

    public RandomScorer(int catalogueSize, long seed) {
        this.catalogueSize = catalogueSize;
        this.seed = seed;
    }

    @Override
    public int catalogueSize() {
        return catalogueSize;
    }

    @Override
    public Query query(int[] seedRows) {
        long salt = seed;
        for (int row : seedRows) {
            salt = RandomStreams.mix(salt ^ row);
        }
        long querySalt = salt;
        return new Query() {
            @Override
            public float score(int row) {
                return (RandomStreams.mix(querySalt + row) >>> 40) / (float) (1L << 24);
            }

            @Override
            public float[] scoreAll() {
                float[] scores = new float[catalogueSize];
                for (int row = 0; row < catalogueSize; row++) {
                    scores[row] = score(row);
                }
                return scores;
            }
        };
    }
}
