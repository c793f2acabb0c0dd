package org.musig.model.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.model.nn.SageNetwork;

/**
 * The training loss per epoch: each active task's mean loss over its labelled pairs, and their weighted total;
 * and whether the total stopped improving.
 */
final class LossHistory {
    static final String TOTAL = "total";

    private final double[] taskWeights;
    private final Map<String, List<Double>> losses = new LinkedHashMap<>();
    private final double[] epochLoss = new double[SageNetwork.TASKS];
    private final long[] epochLabelled = new long[SageNetwork.TASKS];
    private double previousTotal = Double.NaN;

    /** @param taskWeights per task; tasks of weight 0 are not recorded */
    LossHistory(double[] taskWeights) {
        this.taskWeights = taskWeights.clone();
        for (int t = 0; t < SageNetwork.TASKS; t++) {
            if (taskWeights[t] > 0) {
                losses.put(SageNetwork.TASK_NAMES.get(t), new ArrayList<>());
            }
        }
        losses.put(TOTAL, new ArrayList<>());
    }

    /** Adds a shard's loss sums, per task. */
    void addLoss(double[] taskLoss) {
        for (int t = 0; t < SageNetwork.TASKS; t++) {
            epochLoss[t] += taskLoss[t];
        }
    }

    /** Adds a batch's labelled pairs, per task. */
    void addLabelled(int[] labelled) {
        for (int t = 0; t < SageNetwork.TASKS; t++) {
            epochLabelled[t] += labelled[t];
        }
    }

    /**
     * Records the epoch's means (NaN for a task without labelled pairs, left out of the total) and starts the
     * next. True when the total improved by less than {@code tolerance}, relative to the previous epoch's:
     * converged, or diverging.
     */
    boolean endEpoch(double tolerance) {
        double total = 0;
        for (int t = 0; t < SageNetwork.TASKS; t++) {
            if (taskWeights[t] > 0) {
                double mean = epochLabelled[t] == 0 ? Double.NaN : epochLoss[t] / epochLabelled[t];
                losses.get(SageNetwork.TASK_NAMES.get(t)).add(mean);
                if (epochLabelled[t] > 0) {
                    total += taskWeights[t] * mean;
                }
            }
            epochLoss[t] = 0;
            epochLabelled[t] = 0;
        }
        losses.get(TOTAL).add(total);
        boolean stalled = !Double.isNaN(previousTotal) && (previousTotal - total) < tolerance * Math.abs(previousTotal);
        previousTotal = total;
        return stalled;
    }

    /** Per active task and "total", one value per ended epoch. */
    Map<String, List<Double>> losses() {
        return losses;
    }
}
