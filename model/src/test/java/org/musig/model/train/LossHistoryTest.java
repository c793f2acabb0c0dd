package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Per-epoch task means over labelled pairs, their weighted total, and the early stop. */
class LossHistoryTest {

    @Test
    void recordsEachActiveTasksMeanAndTheWeightedTotal() {
        LossHistory history = new LossHistory(new double[] {1.0, 0.0, 2.0});
        history.addLoss(new double[] {3.0, 5.0, 1.0});
        history.addLoss(new double[] {1.0, 5.0, 1.0});
        history.addLabelled(new int[] {8, 4, 2});

        assertThat(history.endEpoch(0)).isFalse();

        assertThat(history.losses()).containsOnlyKeys("playlist", "audio", "total");
        assertThat(history.losses().keySet()).containsExactly("playlist", "audio", "total");
        assertThat(history.losses().get("playlist")).containsExactly(0.5);
        assertThat(history.losses().get("audio")).containsExactly(1.0);
        assertThat(history.losses().get("total").get(0)).isCloseTo(1.0 * 0.5 + 2.0 * 1.0, within(1e-12));
    }

    @Test
    void aTaskWithoutLabelledPairsIsNaNAndLeftOutOfTheTotal() {
        LossHistory history = new LossHistory(new double[] {1.0, 1.0, 1.0});
        history.addLoss(new double[] {2.0, 0.0, 0.0});
        history.addLabelled(new int[] {4, 0, 0});
        history.endEpoch(0);

        assertThat(history.losses().get("genre").get(0)).isNaN();
        assertThat(history.losses().get("total")).containsExactly(0.5);
    }

    @Test
    void eachEpochStartsFromZero() {
        LossHistory history = new LossHistory(new double[] {1.0, 0.0, 0.0});
        history.addLoss(new double[] {4.0, 0, 0});
        history.addLabelled(new int[] {2, 0, 0});
        history.endEpoch(0);
        history.addLoss(new double[] {1.0, 0, 0});
        history.addLabelled(new int[] {2, 0, 0});
        history.endEpoch(0);

        assertThat(history.losses().get("playlist")).containsExactly(2.0, 0.5);
    }

    @Test
    void stopsWhenTheTotalImprovesByLessThanTheToleranceOrGetsWorse() {
        assertThat(totals(0.1, 1.0, 0.8, 0.75)).containsExactly(false, false, true);  // 0.05 < 0.1 * 0.8
        assertThat(totals(0.1, 1.0, 0.8, 0.7)).containsExactly(false, false, false);  // 0.1 >= 0.08
        assertThat(totals(0.0, 1.0, 1.2)).containsExactly(false, true);               // worse: diverging
        assertThat(totals(0.0, 1.0, 1.0)).containsExactly(false, false);              // level, tolerance 0
    }

    private static Boolean[] totals(double tolerance, double... totals) {
        LossHistory history = new LossHistory(new double[] {1.0, 0.0, 0.0});
        Boolean[] stops = new Boolean[totals.length];
        for (int e = 0; e < totals.length; e++) {
            history.addLoss(new double[] {totals[e], 0, 0});
            history.addLabelled(new int[] {1, 0, 0});
            stops[e] = history.endEpoch(tolerance);
        }
        return stops;
    }
}
