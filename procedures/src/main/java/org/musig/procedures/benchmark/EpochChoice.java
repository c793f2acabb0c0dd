package org.musig.procedures.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * MUSIG's epoch count chosen on validation playlists: fed the validation hit rate after each epoch, it keeps the
 * best epoch (the earliest of equal ones: fewer epochs for the same score) and says when to stop: once
 * {@code patience} epochs in a row have not beaten the best.
 */
final class EpochChoice {
    private final int patience;
    private final int maxEpochs;
    private final List<Double> hitRates = new ArrayList<>();
    private int bestEpoch;
    private double bestHitRate = Double.NaN;

    /** @param maxEpochs the epochs training runs at most ({@code train.epochs}), for {@link #notice()} */
    EpochChoice(int patience, int maxEpochs) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        this.patience = patience;
        this.maxEpochs = maxEpochs;
    }

    /**
     * Records the validation hit rate after the next epoch (1, 2, ..); true when that epoch is the best so far. A
     * NaN (no playlist could be scored) is never better.
     */
    boolean record(double hitRate) {
        hitRates.add(hitRate);
        if (bestEpoch == 0 || hitRate > bestHitRate || (Double.isNaN(bestHitRate) && !Double.isNaN(hitRate))) {
            bestEpoch = hitRates.size();
            bestHitRate = hitRate;
            return true;
        }
        return false;
    }

    /** True once {@code patience} epochs since the best have not beaten it: training this variant further is moot. */
    boolean exhausted() {
        return hitRates.size() - bestEpoch >= patience;
    }

    /** The chosen epoch count (0 before any epoch was recorded). */
    int bestEpoch() {
        return bestEpoch;
    }

    double bestHitRate() {
        return bestHitRate;
    }

    /** Epochs recorded. */
    int epochs() {
        return hitRates.size();
    }

    List<Double> hitRates() {
        return List.copyOf(hitRates);
    }

    /**
     * What the row says about the choice, e.g. "epochs chosen on validation: 3 of 5 (train.epochs 10; stopped
     * after 2 epochs without a better validation hit rate); validation hit rate per epoch: 0.712, 0.735, ...".
     */
    String notice() {
        String why = epochs() == maxEpochs ? "train.epochs " + maxEpochs
                : exhausted()
                        ? "train.epochs " + maxEpochs + "; stopped after " + patience + " epochs without a better "
                                + "validation hit rate"
                        : "train.epochs " + maxEpochs + "; stopped when the training loss stalled (train.tolerance)";
        return "epochs chosen on validation: " + bestEpoch + " of " + epochs() + " (" + why
                + "); validation hit rate per epoch: " + hitRates.stream()
                        .map(h -> String.format(Locale.ROOT, "%.3f", h)).collect(Collectors.joining(", "));
    }
}
