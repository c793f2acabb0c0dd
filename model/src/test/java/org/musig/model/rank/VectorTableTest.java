package org.musig.model.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VectorTableTest {

    @Test
    void topKEqualsAFullSortByCosineWithTiesByRow() {
        Random random = new Random(3);
        float[][] vectors = new float[500][8];
        for (float[] v : vectors) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
        }
        vectors[7] = vectors[3].clone(); // an exact tie
        VectorTable table = VectorTable.of(vectors);
        float[] query = vectors[3].clone();
        VectorTable.Hit[] top = table.top(query, 10, row -> row % 5 != 0);
        Integer[] expected = IntStream.range(0, 500).filter(r -> r % 5 != 0).boxed()
                .sorted(Comparator.<Integer>comparingDouble(r -> -table.score(query, r)).thenComparing(r -> r))
                .limit(10).toArray(Integer[]::new);
        assertThat(Arrays.stream(top).map(VectorTable.Hit::row).toArray(Integer[]::new)).containsExactly(expected);
        assertThat(top[0].row()).isEqualTo(3);
        assertThat(top[1].row()).isEqualTo(7);
        assertThat(top[0].score()).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void anEnsembleRowIsAUnitVectorWhoseCosineIsTheMembersMeanCosine() {
        float[][] first = {{1, 0}, {0.6f, 0.8f}, {0, 0}};
        float[][] second = {{0, 1}, {1, 0}, {0, 0}};
        float[][] ensemble = new float[3][4];
        VectorTable.placeMember(ensemble, first, 0, 2);
        VectorTable.placeMember(ensemble, second, 1, 2);
        float half = (float) Math.sqrt(0.5);
        assertThat(ensemble[0]).containsExactly(half, 0, 0, half);
        assertThat(ensemble[2]).containsExactly(0, 0, 0, 0); // an untrained track stays zero
        VectorTable table = VectorTable.of(ensemble);
        // cos(row 0, row 1) = (0.6 + 0) / 2 = 0.3: the members' mean cosine.
        assertThat(table.score(ensemble[0], 1)).isCloseTo(0.3f, within(1e-6f));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> VectorTable.placeMember(new float[3][3], first, 0, 2))).hasMessageContaining("expected 2 x 2");
    }

    @Test
    void theSeedMeanIsTheNormalisedSumOfUnitVectors() {
        VectorTable table = VectorTable.of(new float[][] {{2, 0}, {0, 5}, {1, 1}});
        float[] mean = table.meanOf(new int[] {0, 1});
        assertThat(mean[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(mean[1]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(table.top(mean, 1, r -> true)[0].row()).isEqualTo(2);
    }

    @Test
    void zeroVectorsScoreZeroAndKLargerThanTheTableReturnsEveryAcceptedRow() {
        VectorTable table = VectorTable.of(new float[][] {{0, 0}, {1, 0}});
        VectorTable.Hit[] hits = table.top(new float[] {1, 0}, 10, r -> true);
        assertThat(hits).hasSize(2);
        assertThat(hits[1].score()).isZero();
    }
}
