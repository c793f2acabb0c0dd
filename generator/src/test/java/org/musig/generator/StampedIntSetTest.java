package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StampedIntSetTest {

    @Test
    void behavesLikeASetAndClearsInConstantTime() {
        StampedIntSet set = new StampedIntSet();
        SplittableRandom rnd = new SplittableRandom(2);
        for (int round = 0; round < 200; round++) {
            set.clear();
            Set<Integer> expected = new HashSet<>();
            for (int i = 0; i < 250; i++) {
                int key = rnd.nextInt(round % 2 == 0 ? 400 : 2_000_000);
                assertThat(set.contains(key)).isEqualTo(expected.contains(key));
                assertThat(set.add(key)).isEqualTo(expected.add(key));
            }
            assertThat(set.size()).isEqualTo(expected.size());
        }
    }
}
