package org.musig.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitPlanTest {

    @Test
    void seedIsTheRoundedFractionKeptWithinBothPartsNonEmpty() {
        assertThat(SplitPlan.seedSize(10, 0.5)).isEqualTo(5);
        assertThat(SplitPlan.seedSize(5, 0.5)).isEqualTo(3);
        assertThat(SplitPlan.seedSize(2, 0.01)).isEqualTo(1);
        assertThat(SplitPlan.seedSize(2, 0.99)).isEqualTo(1);
        assertThatThrownBy(() -> SplitPlan.seedSize(1, 0.5)).hasMessageContaining("at least 2");
    }

    @Test
    void onlyPlaylistsWithEnoughTracksAreChosen() {
        int[] lengths = {3, 40, 41, 2, 100, 39};
        assertThat(SplitPlan.choose(lengths, 40, 10, 1)).containsExactly(1, 2, 4);
        assertThat(SplitPlan.eligibleCount(lengths, 40)).isEqualTo(3);
        assertThat(SplitPlan.choose(lengths, 0, 10, 1)).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void theSameSeedChoosesTheSamePlaylistsAndAnotherSeedOthers() {
        int[] lengths = new int[1000];
        java.util.Arrays.fill(lengths, 50);
        int[] a = SplitPlan.choose(lengths, 40, 100, 7);
        assertThat(a).hasSize(100).isSorted().doesNotHaveDuplicates();
        assertThat(SplitPlan.choose(lengths, 40, 100, 7)).isEqualTo(a);
        assertThat(SplitPlan.choose(lengths, 40, 100, 8)).isNotEqualTo(a);
    }
}
