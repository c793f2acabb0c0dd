package org.musig.procedures.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The stopping rule of MUSIG's epoch count on validation: the best epoch, and patience. */
class EpochChoiceTest {

    /** Feeds hit rates while the rule says to train on; the epochs it trained. */
    private static int train(EpochChoice choice, double... hitRates) {
        for (double h : hitRates) {
            choice.record(h);
            if (choice.exhausted()) {
                break;
            }
        }
        return choice.epochs();
    }

    @Test
    void stopsAfterPatienceEpochsWithoutABetterHitRateAndKeepsTheBest() {
        EpochChoice choice = new EpochChoice(2, 10);
        assertThat(train(choice, 0.70, 0.74, 0.73, 0.72, 0.80, 0.81)).isEqualTo(4);
        assertThat(choice.bestEpoch()).isEqualTo(2);
        assertThat(choice.bestHitRate()).isEqualTo(0.74);
        assertThat(choice.hitRates()).containsExactly(0.70, 0.74, 0.73, 0.72);
        assertThat(choice.notice()).isEqualTo("epochs chosen on validation: 2 of 4 (train.epochs 10; stopped after 2 "
                + "epochs without a better validation hit rate); validation hit rate per epoch: 0.700, 0.740, 0.730, 0.720");
    }

    @Test
    void aGainWithinPatienceResetsTheCount() {
        EpochChoice choice = new EpochChoice(2, 10);
        assertThat(train(choice, 0.70, 0.69, 0.71, 0.70, 0.72, 0.71, 0.70, 0.90)).isEqualTo(7);
        assertThat(choice.bestEpoch()).isEqualTo(5);
    }

    @Test
    void aTieIsNoGainSoTheEarlierEpochIsChosen() {
        EpochChoice choice = new EpochChoice(1, 10);
        assertThat(train(choice, 0.7, 0.7, 0.9)).isEqualTo(2);
        assertThat(choice.bestEpoch()).isEqualTo(1);
    }

    @Test
    void improvingUntilTheLastEpochChoosesItAndSaysTrainEpochsEnded() {
        EpochChoice choice = new EpochChoice(2, 3);
        assertThat(train(choice, 0.6, 0.7, 0.8)).isEqualTo(3);
        assertThat(choice.exhausted()).isFalse();
        assertThat(choice.bestEpoch()).isEqualTo(3);
        assertThat(choice.notice()).startsWith("epochs chosen on validation: 3 of 3 (train.epochs 3)");
    }

    @Test
    void trainingEndedByTheLossIsSaidSo() {
        EpochChoice choice = new EpochChoice(3, 5);
        train(choice, 0.6, 0.7);
        assertThat(choice.notice()).startsWith("epochs chosen on validation: 2 of 2 (train.epochs 5; stopped when the "
                + "training loss stalled");
    }

    @Test
    void aNaNHitRateIsNeverBetter() {
        EpochChoice choice = new EpochChoice(5, 10);
        choice.record(Double.NaN);
        assertThat(choice.bestEpoch()).isEqualTo(1);
        choice.record(0.6);
        choice.record(Double.NaN);
        assertThat(choice.bestEpoch()).isEqualTo(2);
        assertThat(choice.bestHitRate()).isEqualTo(0.6);
    }

    @Test
    void patienceMustBePositive() {
        assertThatThrownBy(() -> new EpochChoice(0, 5)).hasMessageContaining("patience");
    }
}
