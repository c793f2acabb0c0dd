package org.musig.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ContentVectorsTest {
    @Test
    void theContentIsAppendedToTheUnitLengthVector() {
        float[][] vectors = {{3, 4}, {0, 0}};
        float[][] features = {{0.5f, 1, 0}, {0.25f, 0, 1}};
        float[][] out = ContentVectors.appendedTo(vectors, features);
        assertThat(out).hasNumberOfRows(2);
        assertThat(out[0]).hasSize(5).containsExactly(new float[] {0.6f, 0.8f, 0.5f, 1, 0}, within(1e-6f));
        assertThat(out[1]).containsExactly(0, 0, 0.25f, 0, 1);
    }

    @Test
    void mismatchedRowsAreRefused() {
        assertThatThrownBy(() -> ContentVectors.appendedTo(new float[2][3], new float[3][1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContentVectors.appendedTo(new float[][] {{1}, {1, 2}}, new float[2][1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    }
}
