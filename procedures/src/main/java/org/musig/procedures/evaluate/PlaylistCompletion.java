package org.musig.procedures.evaluate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.musig.model.eval.CandidateRanking;
import org.musig.model.progress.Progress;
import org.musig.model.rank.VectorTable;
import org.musig.procedures.recommend.EmbeddingCache;

/**
 * The playlist-completion protocol (DESIGN.md) for one embedding property: per test playlist, the query
 * is the mean of the seed tracks' unit embeddings; the candidates are its held-out tracks plus as many
 * negatives; metrics are averaged over playlists (cold-track figures over cold held-out tracks). With
 * {@code fullCatalogue}, every embedded track outside the seed is ranked too.
 */
final class PlaylistCompletion {

    /** Mean metrics over the evaluated playlists. */
    record Result(String property, long playlists, long skippedPlaylists, long heldOutTracks, long coldTracks,
                  double hitRate, double mrr, double precisionAt1, double precisionAt5, double precisionAt10,
                  double ndcgAt1, double ndcgAt5, double ndcgAt10, double coldHitRate, double coldMrr,
                  double randomHitRate, double fullRPrecision, double fullNdcg, double fullRecallAt100) {
    }

    private PlaylistCompletion() {
    }

    static Result evaluate(String property, EmbeddingCache.Embeddings embeddings, List<TestPlaylist> playlists,
                           String negatives, long randomSeed, boolean fullCatalogue, Progress progress) {
        VectorTable table = embeddings.table();
        long[] pool = negatives.equals("heldout") ? SplitReader.allHeldOut(playlists) : embeddings.nodeIds();
        double[] sums = new double[12];
        long evaluated = 0;
        long skipped = 0;
        long heldOutTotal = 0;
        long coldTotal = 0;
        long coldHits = 0;
        double coldReciprocal = 0;
        for (int p = 0; p < playlists.size(); p++) {
            TestPlaylist playlist = playlists.get(p);
            int[] seedRows = Arrays.stream(playlist.seed()).mapToInt(embeddings::row).filter(r -> r >= 0).toArray();
            if (seedRows.length == 0 || playlist.heldOut().length == 0) {
                skipped++;
                continue;
            }
            float[] query = table.meanOf(seedRows);
            long[] negativeIds = drawNegatives(playlist, pool, new SplittableRandom(randomSeed * 31 + p));
            int h = playlist.heldOut().length;
            float[] scores = new float[h + negativeIds.length];
            boolean[] relevant = new boolean[scores.length];
            for (int i = 0; i < h; i++) {
                scores[i] = score(table, embeddings, query, playlist.heldOut()[i]);
                relevant[i] = true;
            }
            for (int i = 0; i < negativeIds.length; i++) {
                scores[h + i] = score(table, embeddings, query, negativeIds[i]);
            }
            CandidateRanking ranking = CandidateRanking.of(scores, relevant);
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
                CandidateRanking full = fullRanking(table, embeddings, query, seedRows, playlist.heldOut());
                values[9] = full.hitRate();
                values[10] = full.ndcg();
                values[11] = full.recallAt(100);
            }
            for (int i = 0; i < values.length; i++) {
                sums[i] += values[i];
            }
            evaluated++;
            heldOutTotal += h;
            progress.advance(1);
            if (p % 64 == 0) {
                progress.checkRunning();
            }
        }
        double n = Math.max(1, evaluated);
        double full = fullCatalogue ? 1 : Double.NaN;
        return new Result(property, evaluated, skipped, heldOutTotal, coldTotal, sums[0] / n, sums[1] / n, sums[2] / n,
                sums[3] / n, sums[4] / n, sums[5] / n, sums[6] / n, sums[7] / n,
                coldTotal == 0 ? Double.NaN : (double) coldHits / coldTotal,
                coldTotal == 0 ? Double.NaN : coldReciprocal / coldTotal, sums[8] / n,
                full * sums[9] / n, full * sums[10] / n, full * sums[11] / n);
    }

    /** A track's cosine to the query, or NaN when it has no embedding (ranked last). */
    private static float score(VectorTable table, EmbeddingCache.Embeddings embeddings, float[] query, long nodeId) {
        int row = embeddings.row(nodeId);
        return row < 0 ? Float.NaN : table.score(query, row);
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
        for (int attempt = 0; n < wanted && attempt < 20 * wanted + 100; attempt++) {
            long candidate = pool[random.nextInt(pool.length)];
            if (!members.contains(candidate) && chosen.add(candidate)) {
                result[n++] = candidate;
            }
        }
        return Arrays.copyOf(result, n);
    }

    /** Every embedded track outside the seed, ranked; each held-out track ranks after all tracks scoring at least as high. */
    private static CandidateRanking fullRanking(VectorTable table, EmbeddingCache.Embeddings embeddings, float[] query,
                                                int[] seedRows, long[] heldOut) {
        int n = table.size();
        boolean[] excluded = new boolean[n];
        for (int row : seedRows) {
            excluded[row] = true;
        }
        float[] all = table.scores(query);
        float[] scores = new float[n];
        int m = 0;
        for (int row = 0; row < n; row++) {
            if (!excluded[row]) {
                scores[m++] = all[row];
            }
        }
        scores = Arrays.copyOf(scores, m);
        Arrays.sort(scores);
        int[] ranks = new int[heldOut.length];
        for (int i = 0; i < heldOut.length; i++) {
            int row = embeddings.row(heldOut[i]);
            if (row < 0 || excluded[row]) {
                ranks[i] = m + 1; // not embedded: ranked after everything
                continue;
            }
            float s = all[row];
            // Count of scores >= s: the rank when every tie is placed before this track.
            int firstAtLeast = lowerBound(scores, s);
            ranks[i] = m - firstAtLeast;
        }
        return CandidateRanking.ofRanks(ranks, m);
    }

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
