package org.musig.procedures.benchmark;

import java.util.List;
import java.util.Map;

/**
 * One row of {@code musig.benchmark}: a method with one feature group (and, for MUSIG, one task-weight
 * triple and regression target), its training time and the playlist-completion metrics on the split.
 * A skipped combination has {@code status = 'skipped'}, a {@code reason} and null metrics.
 */
public record BenchmarkRow(String method, String features, List<Double> taskWeights, String regressionTarget,
                           String status, String reason, long trainMillis, long evaluateMillis, Double hitRate,
                           Double mrr, Double precisionAt1, Double precisionAt5, Double precisionAt10, Double ndcgAt1,
                           Double ndcgAt5, Double ndcgAt10, Double coldHitRate, Double coldMrr, Double fullRPrecision,
                           Double fullNdcg, Double fullRecallAt100, Double randomHitRate, long playlists,
                           long heldOutTracks, long coldTracks, String split, String negatives, List<String> notices,
                           Map<String, Object> configuration) {
}
