package org.musig.procedures.benchmark;

import java.util.List;
import java.util.Map;

/**
 * One row of {@code musig.benchmark}: a method with one feature group (and, for MUSIG, one task-weight
 * triple and regression target), its training time and the playlist-completion metrics on the split.
 * A skipped combination has {@code status = 'skipped'}, a {@code reason} and null metrics.
 *
 * <p>{@code origin}: 'paper' for MUSIG as the paper defines it (its feature groups and tasks), 'extension' for
 * MUSIG with this product's artist and album inputs, 'baseline' for every other method. {@code intervals}:
 * per metric the 95% bootstrap interval of its mean over the test playlists, as [low, high]. The paired test
 * compares this row's per-playlist hit rates with those of {@code comparedWith} (the best other row; for the
 * best row, the runner-up): the mean difference, its 95% interval and the two-sided p-value of a paired
 * bootstrap.
 *
 * <p>{@code epochsRun} and {@code activeTasks}: for MUSIG rows, the epochs of the training the row's embedding
 * comes from and the tasks that trained (a task without labels in the data is off); null otherwise. With selection on
 * validation the epoch count is chosen there (the one with the best validation hit rate; a notice says which of how
 * many, with the hit rate after each); otherwise it is {@code epochs}, or fewer when the training loss stalled.
 *
 * <p>{@code knobs}: the values of the settings a family's grid varies besides features, task weights and target,
 * by their key: {@code epochs} for CF-WARP ({@code cfEpochs}), {@code windowSize} for Track2Vec(-Feature)
 * ({@code track2vecWindows}), {@code coldStartRate} for MUSIG ({@code coldStartRates}) and the keys of its
 * {@code trainVariants} entry; null for methods without such a grid. They are part of the row's {@link #label()}, so with selection on validation they are chosen there.
 *
 * <p>{@code selection}: 'validation' when the row is the variant of its family (see
 * {@code BenchmarkRun.familyOf}) that scored best on {@code validationPlaylists} validation playlists (its
 * {@code validationHitRate}), evaluated once on test; 'exploration' when every variant was evaluated on the
 * test playlists ({@code selection: 'test'}), where the best row is chosen on test and flatters its method.
 */
public record BenchmarkRow(String method, String features, List<Double> taskWeights, String regressionTarget,
                           Map<String, Object> knobs, String origin, String status, String reason, long trainMillis,
                           long evaluateMillis,
                           Double hitRate,
                           Double mrr, Double precisionAt1, Double precisionAt5, Double precisionAt10, Double ndcgAt1,
                           Double ndcgAt5, Double ndcgAt10, Double coldHitRate, Double coldMrr, Double fullRPrecision,
                           Double fullNdcg, Double fullRecallAt100, Double randomHitRate, long playlists,
                           long heldOutTracks, long coldTracks, Map<String, List<Double>> intervals,
                           String comparedWith, Double hitRateDifference, List<Double> hitRateDifferenceInterval,
                           Double pValue, String selection, Double validationHitRate, long validationPlaylists,
                           List<Double> repeatHitRates, Double repeatHitRateMean, Double repeatHitRateSd,
                           String split, String negatives, List<String> notices, Map<String, Object> configuration,
                           Long epochsRun, List<String> activeTasks) {

    /**
     * The variant's identity, and how the row is named in {@code comparedWith}: method / features / task weights /
     * regression target / knobs, e.g. {@code cf-warp / none / epochs 20}. The validation pass and the test pass
     * match variants by it, so everything a variant trains with is in it.
     */
    public String label() {
        return label(method, features, taskWeights, regressionTarget, knobs);
    }

    static String label(String method, String features, List<Double> taskWeights, String regressionTarget) {
        return label(method, features, taskWeights, regressionTarget, null);
    }

    static String label(String method, String features, List<Double> taskWeights, String regressionTarget,
                        Map<String, Object> knobs) {
        StringBuilder text = new StringBuilder(method).append(" / ").append(features);
        if (taskWeights != null) {
            text.append(" / ").append(taskWeights);
        }
        if (regressionTarget != null) {
            text.append(" / ").append(regressionTarget);
        }
        if (knobs != null && !knobs.isEmpty()) {
            text.append(" / ").append(knobs.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        return text.toString();
    }

    /** The test row of a variant selected on validation, with its validation hit rate. */
    BenchmarkRow withValidation(Double hitRateOnValidation, long playlistsOnValidation) {
        return new BenchmarkRow(method, features, taskWeights, regressionTarget, knobs, origin, status, reason,
                trainMillis,
                evaluateMillis, hitRate, mrr, precisionAt1, precisionAt5, precisionAt10, ndcgAt1, ndcgAt5, ndcgAt10,
                coldHitRate, coldMrr, fullRPrecision, fullNdcg, fullRecallAt100, randomHitRate, playlists,
                heldOutTracks, coldTracks, intervals, comparedWith, hitRateDifference, hitRateDifferenceInterval,
                pValue, selection, hitRateOnValidation, playlistsOnValidation, repeatHitRates, repeatHitRateMean,
                repeatHitRateSd, split, negatives, notices, configuration, epochsRun, activeTasks);
    }

    BenchmarkRow withComparison(String other, Double difference, List<Double> differenceInterval, Double p) {
        return new BenchmarkRow(method, features, taskWeights, regressionTarget, knobs, origin, status, reason,
                trainMillis,
                evaluateMillis, hitRate, mrr, precisionAt1, precisionAt5, precisionAt10, ndcgAt1, ndcgAt5, ndcgAt10,
                coldHitRate, coldMrr, fullRPrecision, fullNdcg, fullRecallAt100, randomHitRate, playlists,
                heldOutTracks, coldTracks, intervals, other, difference, differenceInterval, p, selection,
                validationHitRate, validationPlaylists, repeatHitRates, repeatHitRateMean, repeatHitRateSd, split,
                negatives, notices, configuration, epochsRun, activeTasks);
    }

    /** The MUSIG row with what its training did. */
    BenchmarkRow withTraining(long epochs, List<String> tasks) {
        return new BenchmarkRow(method, features, taskWeights, regressionTarget, knobs, origin, status, reason,
                trainMillis,
                evaluateMillis, hitRate, mrr, precisionAt1, precisionAt5, precisionAt10, ndcgAt1, ndcgAt5, ndcgAt10,
                coldHitRate, coldMrr, fullRPrecision, fullNdcg, fullRecallAt100, randomHitRate, playlists,
                heldOutTracks, coldTracks, intervals, comparedWith, hitRateDifference, hitRateDifferenceInterval,
                pValue, selection, validationHitRate, validationPlaylists, repeatHitRates, repeatHitRateMean,
                repeatHitRateSd, split, negatives, notices, configuration, epochs, List.copyOf(tasks));
    }

    /** The row with the hit rates of its repeated fits (its own first), their mean and standard deviation. */
    BenchmarkRow withRepeats(List<Double> hitRates) {
        double mean = hitRates.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double variance = hitRates.stream().mapToDouble(h -> (h - mean) * (h - mean)).sum()
                / Math.max(1, hitRates.size() - 1);
        return new BenchmarkRow(method, features, taskWeights, regressionTarget, knobs, origin, status, reason,
                trainMillis,
                evaluateMillis, hitRate, mrr, precisionAt1, precisionAt5, precisionAt10, ndcgAt1, ndcgAt5, ndcgAt10,
                coldHitRate, coldMrr, fullRPrecision, fullNdcg, fullRecallAt100, randomHitRate, playlists,
                heldOutTracks, coldTracks, intervals, comparedWith, hitRateDifference, hitRateDifferenceInterval,
                pValue, selection, validationHitRate, validationPlaylists, List.copyOf(hitRates), mean,
                Math.sqrt(variance), split, negatives, notices, configuration, epochsRun, activeTasks);
    }
}
