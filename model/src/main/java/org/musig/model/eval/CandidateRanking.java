package org.musig.model.eval;

import java.util.Arrays;

/**
 * One test playlist's candidates ranked by score, and the paper's metrics on that ranking (section 4.3, the
 * protocol of musig.evaluate in docs/procedures/evaluate-and-benchmark.md). Ranks are 1-based. Ties are broken by
 * a seeded random order, so a method that scores everything equally ranks exactly like the random floor: neither
 * better (a tie rule that favoured held-out tracks would reward it) nor worse (one that always put them last would
 * punish the count baselines, whose unseen tracks all score 0, far below random).
 */
public final class CandidateRanking {
    private final int[] relevantRanks; // ascending
    private final int[] ranksInInputOrder; // the same ranks, in the order the relevant candidates were given
    private final int candidates;

    private CandidateRanking(int[] relevantRanks, int[] ranksInInputOrder, int candidates) {
        this.relevantRanks = relevantRanks;
        this.ranksInInputOrder = ranksInInputOrder;
        this.candidates = candidates;
    }

    /**
     * @param scores   one score per candidate (NaN: the method could not score it; ranked after every score)
     * @param relevant which candidates are held-out tracks of the playlist
     * @param tieSeed  seed of the random order among equal scores
     */
    public static CandidateRanking of(float[] scores, boolean[] relevant, long tieSeed) {
        if (scores.length != relevant.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + relevant.length + " candidates");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        long[] tieKey = new long[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(tieSeed);
        for (int i = 0; i < n; i++) {
            order[i] = i;
            tieKey[i] = random.nextLong();
        }
        Arrays.sort(order, (a, b) -> {
            float sa = Float.isNaN(scores[a]) ? Float.NEGATIVE_INFINITY : scores[a];
            float sb = Float.isNaN(scores[b]) ? Float.NEGATIVE_INFINITY : scores[b];
            int c = Float.compare(sb, sa);
            return c != 0 ? c : Long.compare(tieKey[a], tieKey[b]);
        });
        int[] rankOf = new int[n];
        for (int position = 0; position < n; position++) {
            rankOf[order[position]] = position + 1;
        }
        int[] inInputOrder = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (relevant[i]) {
                inInputOrder[count++] = rankOf[i];
            }
        }
        inInputOrder = Arrays.copyOf(inInputOrder, count);
        int[] ascending = inInputOrder.clone();
        Arrays.sort(ascending);
        return new CandidateRanking(ascending, inInputOrder, n);
    }

    /**
     * From the relevant candidates' ranks directly, for rankings too long to sort (e.g. a full catalogue,
     * where the caller counts how many tracks score above each held-out one).
     */
    public static CandidateRanking ofRanks(int[] relevantRanks, int candidates) {
        int[] ranks = relevantRanks.clone();
        Arrays.sort(ranks);
        return new CandidateRanking(ranks, relevantRanks.clone(), candidates);
    }

    /** Rank of each relevant candidate, in the order the candidates were given (e.g. to look at cold ones apart). */
    public int[] relevantRanksInInputOrder() {
        return ranksInInputOrder.clone();
    }

    /** Ranks of the relevant candidates, ascending. */
    public int[] relevantRanks() {
        return relevantRanks.clone();
    }

    public int relevantCount() {
        return relevantRanks.length;
    }

    public int candidateCount() {
        return candidates;
    }

    /** Hit rate (R-precision): the share of relevant candidates ranked within the top |relevant|. */
    public double hitRate() {
        return precisionAt(relevantRanks.length);
    }

    /** The paper's scaled MRR: mean over relevant candidates of 1 / ceil(rank / 10). */
    public double scaledMrr() {
        if (relevantRanks.length == 0) {
            return 0;
        }
        double sum = 0;
        for (int rank : relevantRanks) {
            sum += 1.0 / Math.ceil(rank / 10.0);
        }
        return sum / relevantRanks.length;
    }

    /** Share of the top k that is relevant (k larger than the list counts the missing places as misses). */
    public double precisionAt(int k) {
        if (k <= 0) {
            return 0;
        }
        int hits = 0;
        for (int rank : relevantRanks) {
            if (rank <= k) {
                hits++;
            }
        }
        return (double) hits / k;
    }

    /** Binary-relevance NDCG over the top k. */
    public double ndcgAt(int k) {
        double dcg = 0;
        for (int rank : relevantRanks) {
            if (rank <= k) {
                dcg += 1 / log2(rank + 1);
            }
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(k, relevantRanks.length); rank++) {
            ideal += 1 / log2(rank + 1);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /** Binary-relevance NDCG over the whole ranking. */
    public double ndcg() {
        return ndcgAt(candidates);
    }

    /** Share of the relevant candidates ranked within the top k. */
    public double recallAt(int k) {
        if (relevantRanks.length == 0) {
            return 0;
        }
        int hits = 0;
        for (int rank : relevantRanks) {
            if (rank <= k) {
                hits++;
            }
        }
        return (double) hits / relevantRanks.length;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
