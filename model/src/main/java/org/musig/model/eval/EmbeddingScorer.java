package org.musig.model.eval;

import org.musig.model.rank.VectorTable;

/** Cosine to the mean of the seed tracks' unit embeddings (the paper's ranking, section 4.3). */
public final class EmbeddingScorer implements TrackScorer {
    private final VectorTable table;

    public EmbeddingScorer(VectorTable table) {
        this.table = table;
    }

    @Override
    public int catalogueSize() {
        return table.size();
    }

    @Override
    public Query query(int[] seedRows) {
        if (seedRows.length == 0) {
            return null;
        }
        float[] mean = table.meanOf(seedRows);
        return new Query() {
            @Override
            public float score(int row) {
                return table.score(mean, row);
            }

            @Override
            public float[] scoreAll() {
                return table.scores(mean);
            }
        };
    }
}
