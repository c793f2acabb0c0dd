package org.musig.procedures.benchmark;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A benchmark variant's identity: method, feature choice, and for MUSIG its task weights and regression target, plus
 * the knobs its family's grid varies (see {@link BenchmarkRow}). The validation pass and the test pass match variants
 * by its {@link #label()}, so everything a variant trains with is in it.
 */
record RowKey(String method, String features, List<Double> taskWeights, String regressionTarget,
              Map<String, Object> knobs) {

    /** A variant of a method without task weights, target or knobs. */
    static RowKey of(String method, String features) {
        return new RowKey(method, features, null, null, null);
    }

    /** A variant of a method with a grid of its own ({@code knobs}) but no task weights or target. */
    static RowKey of(String method, String features, Map<String, Object> knobs) {
        return new RowKey(method, features, null, null, knobs);
    }

    /** The same variant of another method (e.g. MUSIG-Feature beside the MUSIG training it shares). */
    RowKey withMethod(String other) {
        return new RowKey(other, features, taskWeights, regressionTarget, knobs);
    }

    /**
     * How the row is named in {@code comparedWith}: method / features / task weights / regression target / knobs,
     * e.g. {@code cf-warp / none / epochs 20}.
     */
    String label() {
        StringBuilder text = new StringBuilder(method).append(" / ").append(features);
        if (taskWeights != null) {
            text.append(" / ").append(taskWeights);
        }
        if (regressionTarget != null) {
            text.append(" / ").append(regressionTarget);
        }
        if (knobs != null && !knobs.isEmpty()) {
            text.append(" / ").append(knobs.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        return text.toString();
    }
}
