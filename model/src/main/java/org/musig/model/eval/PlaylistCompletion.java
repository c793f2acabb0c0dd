package org.musig.model.eval;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongToIntFunction;
import org.musig.common.progress.Progress;

/**
 * The playlist-completion protocol (musig.evaluate, docs/procedures/evaluate-and-benchmark.md) for one method: per
 * test playlist, the method scores its held-out tracks and as many negatives given the seed; metrics are averaged
 * over playlists (cold-track figures over cold held-out tracks). With {@code fullCatalogue}, every catalogue track
 * outside the seed is ranked too. The negatives depend only on the playlists, the pool and the seed, so every
 * method of one benchmark is ranked on the same candidates.
 */
public final class PlaylistCompletion {

    /**
     * Mean metrics over the evaluated playlists; the full-catalogue ones are NaN when not asked for.
     * {@code perPlaylist} keeps the values the means of hit rate, MRR, NDCG@10 and the full-catalogue
     * R-precision and NDCG were taken over, for confidence intervals and paired tests.
     */
    public record Result(long playlists, long skippedPlaylists, long heldOutTracks, long coldTracks,
                         double hitRate, double mrr, double precisionAt1, double precisionAt5, double precisionAt10,
                         double ndcgAt1, double ndcgAt5, double ndcgAt10, double coldHitRate, double coldMrr,
                         double randomHitRate, double fullRPrecision, double fullNdcg, double fullRecallAt100,
                         PerPlaylist perPlaylist) {
    }

    private PlaylistCompletion() {
    }

    /**
     * @param scorer        the method
     * @param rowOf         the scorer's row of a track id, or -1 when the method knows nothing of the track
     *                      (it is then ranked last)
     * @param negativePool  track ids negatives are drawn from (members of the playlist are never drawn)
     */
    public static Result evaluate(TrackScorer scorer, LongToIntFunction rowOf, List<TestPlaylist> playlists,
                                  long[] negativePool, long randomSeed, boolean fullCatalogue, Progress progress) {
        double[] sums = new double[12];
        long evaluated = 0;
        long skipped = 0;
        long heldOutTotal = 0;
        long coldTotal = 0;
        long coldHits = 0;
        double coldReciprocal = 0;
        int size = playlists.size();
        int[] index = new int[size];
        double[] hitRates = new double[size];
        double[] mrrs = new double[size];
        double[] ndcgsAt10 = new double[size];
        double[] fullRPrecisions = new double[size];
        double[] fullNdcgs = new double[size];
        for (int p = 0; p < playlists.size(); p++) {
            TestPlaylist playlist = playlists.get(p);
            int[] seedRows = Arrays.stream(playlist.seed()).mapToInt(rowOf).filter(r -> r >= 0).toArray();
            TrackScorer.Query query = seedRows.length == 0 ? null : scorer.query(seedRows);
            if (query == null || playlist.heldOut().length == 0) {
                skipped++;
                continue;
            }
            long[] negativeIds = drawNegatives(playlist, negativePool, new SplittableRandom(randomSeed * 31 + p));
            int h = playlist.heldOut().length;
            float[] scores = new float[h + negativeIds.length];
            boolean[] relevant = new boolean[scores.length];
            for (int i = 0; i < h; i++) {
                scores[i] = score(query, rowOf, playlist.heldOut()[i]);
                relevant[i] = true;
            }
            for (int i = 0; i < negativeIds.length; i++) {
                scores[h + i] = score(query, rowOf, negativeIds[i]);
            }
            CandidateRanking ranking = CandidateRanking.of(scores, relevant, randomSeed * 17 + p);
            double[] values = {ranking.hitRate(), ranking.scaledMrr(), ranking.precisionAt(1), ranking.precisionAt(5),
                    ranking.precisionAt(10), ranking.ndcgAt(1), ranking.ndcgAt(5), ranking.ndcgAt(10),
                    (double) h / scores.length, 0, 0, 0};
            int[] heldOutRanks = ranking.relevantRanksInInputOrder(); // the held-out tracks come first, in order
            for (int i = 0; i < h; i++) {
                if (playlist.cold()[i]) {
                    coldTotal++;
                    coldHits += heldOutRanks[i] <= h ? 1 : 0;
                    coldReciprocal += 1.0 / Math.ceil(heldOutRanks[i] / 10.0);
                }
            }
            if (fullCatalogue) {
                CandidateRanking full = fullRanking(scorer.catalogueSize(), query, rowOf, seedRows, playlist.heldOut());
                values[9] = full.hitRate();
                values[10] = full.ndcg();
                values[11] = full.recallAt(100);
            }
            for (int i = 0; i < values.length; i++) {
                sums[i] += values[i];
            }
            int e = (int) evaluated;
            index[e] = p;
            hitRates[e] = values[0];
            mrrs[e] = values[1];
            ndcgsAt10[e] = values[7];
            fullRPrecisions[e] = fullCatalogue ? values[9] : Double.NaN;
            fullNdcgs[e] = fullCatalogue ? values[10] : Double.NaN;
            evaluated++;
            heldOutTotal += h;
            progress.advance(1);
            if (p % 64 == 0) {
                progress.checkRunning();
            }
        }
        double n = Math.max(1, evaluated);
        int count = (int) evaluated;
        double full = fullCatalogue ? 1 : Double.NaN;
        return new Result(evaluated, skipped, heldOutTotal, coldTotal, sums[0] / n, sums[1] / n, sums[2] / n,
                sums[3] / n, sums[4] / n, sums[5] / n, sums[6] / n, sums[7] / n,
                coldTotal == 0 ? Double.NaN : (double) coldHits / coldTotal,
                coldTotal == 0 ? Double.NaN : coldReciprocal / coldTotal, sums[8] / n,
                full * sums[9] / n, full * sums[10] / n, full * sums[11] / n,
                new PerPlaylist(Arrays.copyOf(index, count), Arrays.copyOf(hitRates, count),
                        Arrays.copyOf(mrrs, count), Arrays.copyOf(ndcgsAt10, count),
                        Arrays.copyOf(fullRPrecisions, count), Arrays.copyOf(fullNdcgs, count)));
    }

    private static float score(TrackScorer.Query query, LongToIntFunction rowOf, long id) {
        int row = rowOf.applyAsInt(id);
        return row < 0 ? Float.NaN : query.score(row);
    }

    /** As many distinct negatives as held-out tracks, none of them in the playlist. */
    private static long[] drawNegatives(TestPlaylist playlist, long[] pool, SplittableRandom random) {
        Set<Long> members = new HashSet<>();
        for (long id : playlist.seed()) {
            members.add(id);
        }
        for (long id : playlist.heldOut()) {
            members.add(id);
        }
        int wanted = playlist.heldOut().length;
        Set<Long> chosen = new HashSet<>();
        long[] result = new long[wanted];
        int n = 0;
        // Rejection sampling; bounded so a tiny pool ends the draw with fewer negatives instead of looping.
        for (int attempt = 0; n < wanted && pool.length > 0 && attempt < 20 * wanted + 100; attempt++) {
            long candidate = pool[random.nextInt(pool.length)];
            if (!members.contains(candidate) && chosen.add(candidate)) {
                result[n++] = candidate;
            }
        }
        return Arrays.copyOf(result, n);
    }

    /**
     * Every catalogue row outside the seed, ranked. A held-out track ranks after every row scoring higher
     * and, among the rows scoring the same, in the middle: its expected place under a random tie order.
     * One pass over the catalogue with a binary search into the few held-out scores, instead of sorting
     * the catalogue: at 572K tracks that is what makes a thousand test playlists affordable.
     */
    private static CandidateRanking fullRanking(int catalogueSize, TrackScorer.Query query, LongToIntFunction rowOf,
                                                int[] seedRows, long[] heldOut) {
        boolean[] excluded = new boolean[catalogueSize];
        for (int row : seedRows) {
            excluded[row] = true;
        }
        float[] all = query.scoreAll();
        int[] rows = new int[heldOut.length];
        float[] levels = new float[heldOut.length]; // the held-out tracks' scores, sorted, distinct
        int k = 0;
        for (int i = 0; i < heldOut.length; i++) {
            int row = rowOf.applyAsInt(heldOut[i]);
            rows[i] = row < 0 || excluded[row] || Float.isNaN(all[row]) ? -1 : row;
            if (rows[i] >= 0) {
                levels[k++] = all[row];
            }
        }
        levels = sortedDistinct(levels, k);
        // Per row, j = how many levels lie below its score; equalTo[j] counts the rows exactly on level j.
        long[] landsAbove = new long[levels.length + 1];
        long[] equalTo = new long[levels.length];
        int m = 0;
        for (int row = 0; row < catalogueSize; row++) {
            if (excluded[row]) {
                continue;
            }
            m++;
            float score = Float.isNaN(all[row]) ? Float.NEGATIVE_INFINITY : all[row];
            int j = lowerBound(levels, score); // levels[0..j) are below this score
            landsAbove[j]++;
            if (j < levels.length && levels[j] == score) {
                equalTo[j]++;
            }
        }
        // A row with lowerBound j is above levels[0..j): rows above level i = sum of landsAbove[j] for j > i.
        long[] above = new long[levels.length];
        long running = 0;
        for (int j = levels.length; j >= 1; j--) {
            running += landsAbove[j];
            above[j - 1] = running;
        }
        int[] ranks = new int[heldOut.length];
        for (int i = 0; i < heldOut.length; i++) {
            if (rows[i] < 0) {
                ranks[i] = m + 1; // not scorable: ranked after everything
                continue;
            }
            int level = Arrays.binarySearch(levels, all[rows[i]]);
            long tiedOthers = equalTo[level] - 1; // the track itself is among the rows on its level
            ranks[i] = (int) (above[level] + 1 + tiedOthers / 2);
        }
        return CandidateRanking.ofRanks(ranks, m);
    }

    private static float[] sortedDistinct(float[] values, int n) {
        float[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || sorted[i] != sorted[distinct - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    /** The first index whose value is at least {@code value}. */
    private static int lowerBound(float[] sorted, float value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
