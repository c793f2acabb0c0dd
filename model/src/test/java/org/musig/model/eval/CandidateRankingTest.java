package org.musig.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CandidateRankingTest {
    // Scores rank the candidates 0..5 in this order: c2 (0.9), c0 (0.8), c4 (0.5), c1 (0.4), c5 (0.3), c3 (0.1).
    private static final float[] SCORES = {0.8f, 0.4f, 0.9f, 0.1f, 0.5f, 0.3f};
    // Relevant: c0 (rank 2), c1 (rank 4), c3 (rank 6).
    private static final boolean[] RELEVANT = {true, true, false, true, false, false};

    @Test
    void metricsMatchAHandComputedRanking() {
        CandidateRanking ranking = CandidateRanking.of(SCORES, RELEVANT, 1);
        assertThat(ranking.relevantRanks()).containsExactly(2, 4, 6);
        assertThat(CandidateRanking.of(new float[] {0.1f, 0.9f, 0.5f}, new boolean[] {true, true, false}, 1)
                .relevantRanksInInputOrder()).containsExactly(3, 1);
        // Top 3 = c2, c0, c4: one relevant of three.
        assertThat(ranking.hitRate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(ranking.precisionAt(1)).isZero();
        assertThat(ranking.precisionAt(5)).isCloseTo(2.0 / 5, within(1e-12));
        // Every rank is within the first ten: 1/ceil(rank/10) = 1.
        assertThat(ranking.scaledMrr()).isEqualTo(1.0);
        double dcg5 = 1 / log2(3) + 1 / log2(5);
        double idcg5 = 1 + 1 / log2(3) + 1 / log2(4);
        assertThat(ranking.ndcgAt(5)).isCloseTo(dcg5 / idcg5, within(1e-12));
        assertThat(ranking.ndcgAt(1)).isZero();
        assertThat(ranking.recallAt(4)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void scaledMrrCountsTensOfRanks() {
        float[] scores = new float[25];
        boolean[] relevant = new boolean[25];
        for (int i = 0; i < 25; i++) {
            scores[i] = 25 - i; // candidate i has rank i + 1
        }
        relevant[0] = true;   // rank 1 -> 1
        relevant[14] = true;  // rank 15 -> 1/2
        relevant[24] = true;  // rank 25 -> 1/3
        assertThat(CandidateRanking.of(scores, relevant, 1).scaledMrr()).isCloseTo((1 + 0.5 + 1.0 / 3) / 3,
                within(1e-12));
    }

    @Test
    void tiedCandidatesRankInASeededRandomOrderSoAConstantScorerIsExactlyRandom() {
        int n = 2000;
        float[] equal = new float[n];
        boolean[] relevant = new boolean[n];
        for (int i = 0; i < n; i += 2) {
            relevant[i] = true;
        }
        CandidateRanking first = CandidateRanking.of(equal, relevant, 7);
        assertThat(first.hitRate()).isBetween(0.45, 0.55);
        assertThat(CandidateRanking.of(equal, relevant, 7).relevantRanks()).containsExactly(first.relevantRanks());
        assertThat(CandidateRanking.of(equal, relevant, 8).relevantRanks()).isNotEqualTo(first.relevantRanks());
        // Unscored candidates (NaN) come after every scored one, whatever the seed.
        CandidateRanking unscored = CandidateRanking.of(new float[] {Float.NaN, -5f}, new boolean[] {true, false}, 3);
        assertThat(unscored.relevantRanks()).containsExactly(2);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
