package org.musig.procedures.benchmark;

import java.util.List;
import java.util.Map;

/**
 * One row of {@code musig.benchmark}: a method with one feature group (and, for MUSIG, one task-weight
 * triple and regression target), its training time and the playlist-completion metrics on the split.
 * A skipped combination has {@code status = 'skipped'}, a {@code reason} and null metrics.
 *
 * <p>{@code origin}: 'paper' for MUSIG as the paper defines it (its feature groups and tasks, its training settings:
 * see {@link BenchmarkPass#originOf}), 'extension' for MUSIG with this product's inputs or training settings,
 * 'baseline' for every other method. {@code intervals}: per metric the 95% bootstrap interval of its mean over the
 * test playlists, as [low, high]. The paired test compares this row's per-playlist hit rates with those of
 * {@code comparedWith} (the best other row; for the best row, the runner-up): the mean difference, its 95% interval
 * and the two-sided p-value of a paired bootstrap.
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
 * {@code validationHitRate}), evaluated once on test; {@code validationCandidates} lists every variant of that family
 * scored on validation, best first, so the choice can be checked; 'exploration' when every variant was evaluated on the
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
                           List<Map<String, Object>> validationCandidates,
                           List<Double> repeatHitRates, Double repeatHitRateMean, Double repeatHitRateSd,
                           String split, String negatives, List<String> notices, Map<String, Object> configuration,
                           Long epochsRun, List<String> activeTasks) {

    /** The variant this row reports. */
    RowKey key() {
        return new RowKey(method, features, taskWeights, regressionTarget, knobs);
    }

    /**
     * The variant's identity, and how the row is named in {@code comparedWith} (see {@link RowKey#label()}), e.g.
     * {@code cf-warp / none / epochs 20}.
     */
    public String label() {
        return key().label();
    }

    /**
     * A row from its columns by name: a column not given is null (0 for a count). The one place that knows the
     * column order is the record's header; a name that is not a column fails here, whatever the caller.
     */
    static BenchmarkRow of(RowKey key, Map<String, Object> columns) {
        Map<String, Object> all = new java.util.HashMap<>(columns);
        all.put("method", key.method());
        all.put("features", key.features());
        all.put("taskWeights", key.taskWeights());
        all.put("regressionTarget", key.regressionTarget());
        all.put("knobs", key.knobs());
        return build(all);
    }

    /**
     * The test row of a variant selected on validation, with every variant of its family that was scored there
     * ({@link #asCandidate()}, best first: this row's own variant, whose validation hit rate the row takes; null for a
     * row that a chosen variant's training gave beside it).
     */
    BenchmarkRow withValidation(long playlistsOnValidation, List<Map<String, Object>> candidates) {
        return with(columns("validationHitRate", candidates == null ? null : candidates.get(0).get("validationHitRate"),
                "validationPlaylists", playlistsOnValidation, "validationCandidates", candidates));
    }

    /**
     * This validation row as one of its family's candidates: the variant (method, features, task weights, target,
     * knobs), its validation hit rate and, for MUSIG, the epochs chosen there.
     */
    Map<String, Object> asCandidate() {
        return columns("method", method, "features", features, "taskWeights", taskWeights, "regressionTarget",
                regressionTarget, "knobs", knobs, "validationHitRate", hitRate, "epochsRun", epochsRun);
    }

    BenchmarkRow withComparison(String other, Double difference, List<Double> differenceInterval, Double p) {
        return with(columns("comparedWith", other, "hitRateDifference", difference, "hitRateDifferenceInterval",
                differenceInterval, "pValue", p));
    }

    /** The MUSIG row with what its training did. */
    BenchmarkRow withTraining(long epochs, List<String> tasks) {
        return with(columns("epochsRun", epochs, "activeTasks", List.copyOf(tasks)));
    }

    /** The row with the hit rates of its repeated fits (its own first), their mean and standard deviation. */
    BenchmarkRow withRepeats(List<Double> hitRates) {
        double mean = hitRates.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double variance = hitRates.stream().mapToDouble(h -> (h - mean) * (h - mean)).sum()
                / Math.max(1, hitRates.size() - 1);
        return with(columns("repeatHitRates", List.copyOf(hitRates), "repeatHitRateMean", mean, "repeatHitRateSd",
                Math.sqrt(variance)));
    }

    /** This row with some columns changed, by name. */
    private BenchmarkRow with(Map<String, Object> changes) {
        Map<String, Object> all = new java.util.HashMap<>();
        try {
            for (java.lang.reflect.RecordComponent c : BenchmarkRow.class.getRecordComponents()) {
                all.put(c.getName(), c.getAccessor().invoke(this));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        all.putAll(changes);
        return build(all);
    }

    private static BenchmarkRow build(Map<String, Object> columns) {
        java.lang.reflect.RecordComponent[] components = BenchmarkRow.class.getRecordComponents();
        java.util.Set<String> unknown = new java.util.TreeSet<>(columns.keySet());
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            unknown.remove(name);
            types[i] = components[i].getType();
            Object value = columns.get(name);
            values[i] = value == null && types[i] == long.class ? Long.valueOf(0) : value;
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("not columns of a benchmark row: " + unknown);
        }
        try {
            return BenchmarkRow.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalStateException("benchmark row columns of the wrong type: " + columns, e);
        }
    }

    /** Columns by name from name, value pairs; unlike {@code Map.of} a value may be null. */
    static Map<String, Object> columns(Object... namesAndValues) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            result.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return result;
    }
}
