package org.musig.procedures.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.musig.procedures.split.StoredSplit;

class ValidationSplitTest {

    @Test
    void theUnionExcludesBothHeldOutPartsWithTheirOwnSeedSizes() {
        StoredSplit test = new StoredSplit("s", new String[] {"b", "d"}, new int[] {3, 4}, 0.5, 6, 1, 7, 7,
                ZonedDateTime.now());
        StoredSplit validation = new StoredSplit("s (validation)", new String[] {"a", "c"}, new int[] {5, 6}, 0.5, 6,
                2, 11, 11, ZonedDateTime.now());
        StoredSplit union = ValidationSplit.union(test, validation);
        assertThat(union.playlistIds()).containsExactly("a", "b", "c", "d");
        assertThat(union.seedSizes()).containsExactly(5, 3, 6, 4);
        assertThat(union.heldOutMemberships()).isEqualTo(18);
    }
}
