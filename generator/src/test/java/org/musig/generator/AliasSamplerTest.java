package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AliasSamplerTest {

    @Test
    void drawsFollowTheWeightsAndNeverPickAZeroWeight() {
        double[] weights = {1, 2, 3, 4, 0, 10};
        AliasSampler sampler = AliasSampler.of(weights);
        SplittableRandom rnd = new SplittableRandom(7);
        int draws = 400_000;
        int[] counts = new int[weights.length];
        for (int i = 0; i < draws; i++) {
            counts[sampler.sample(rnd)]++;
        }
        assertThat(counts[4]).isZero();
        for (int i = 0; i < weights.length; i++) {
            assertThat(counts[i] / (double) draws).as("share of outcome %d", i)
                    .isCloseTo(weights[i] / 20.0, within(0.005));
        }
    }

    @Test
    void outcomesAreShiftedByTheOffset() {
        AliasSampler sampler = AliasSampler.of(new double[] {0, 1, 0}, 100);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(sampler.sample(rnd)).isEqualTo(101);
        }
        assertThat(sampler.size()).isEqualTo(3);
        assertThat(sampler.offset()).isEqualTo(100);
    }

    @Test
    void heavilySkewedWeightsAreSampledExactly() {
        double[] weights = new double[1000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.pow(i + 1, -2.0);
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        AliasSampler sampler = AliasSampler.of(weights);
        SplittableRandom rnd = new SplittableRandom(3);
        int draws = 300_000;
        int first = 0;
        for (int i = 0; i < draws; i++) {
            if (sampler.sample(rnd) == 0) {
                first++;
            }
        }
        assertThat(first / (double) draws).isCloseTo(1.0 / total, within(0.005));
    }

    @Test
    void invalidWeightsAreRejected() {
        assertThatThrownBy(() -> AliasSampler.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AliasSampler.of(new double[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> AliasSampler.of(new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> AliasSampler.of(new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
