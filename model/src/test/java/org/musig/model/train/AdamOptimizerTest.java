package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

    private static float[] gaussian(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void aRowStepMovesItsRowAsTheDenseStepMovesTheSameValuesUpToFloatRounding() {
        int rows = 5;
        int dim = 37; // not a multiple of a vector's width: the loop's tail is stepped too
        int n = rows * dim;
        float[] dense = gaussian(n, 1);
        float[] byRow = dense.clone();
        AdamOptimizer denseAdam = new AdamOptimizer(n, 0.01);
        AdamOptimizer rowAdam = new AdamOptimizer(n, 0.01);
        AdamOptimizer.RowScratch scratch = new AdamOptimizer.RowScratch(dim);
        float[] direction = gaussian(n, 7);
        for (int step = 0; step < 20; step++) {
            // A steady direction with noise, so that every value moves well beyond rounding.
            float[] gradient = gaussian(n, 100 + step);
            for (int i = 0; i < n; i++) {
                gradient[i] = Math.signum(direction[i]) + 0.3f * gradient[i];
            }
            denseAdam.stepDense(dense, gradient, n);
            rowAdam.stepDense(byRow, new float[0], 0);
            for (int r = rows - 1; r >= 0; r--) { // any order: rows are independent
                float[] row = java.util.Arrays.copyOfRange(gradient, r * dim, (r + 1) * dim);
                rowAdam.stepRow(byRow, r * dim, row, scratch);
            }
        }
        float[] start = gaussian(n, 1);
        for (int i = 0; i < n; i++) {
            assertThat(byRow[i]).as("value %d", i).isCloseTo(dense[i], within(1e-5f));
            assertThat(Math.abs(byRow[i] - start[i])).as("value %d moved", i).isGreaterThan(0.1f);
        }
    }

    @Test
    void aRowStepTouchesNothingOutsideItsRow() {
        int dim = 8;
        float[] parameters = gaussian(3 * dim, 2);
        float[] before = parameters.clone();
        AdamOptimizer adam = new AdamOptimizer(parameters.length, 0.01);
        adam.stepDense(parameters, new float[0], 0);
        adam.stepRow(parameters, dim, gaussian(dim, 3), new AdamOptimizer.RowScratch(dim));
        for (int i = 0; i < parameters.length; i++) {
            if (i < dim || i >= 2 * dim) {
                assertThat(parameters[i]).as("value %d", i).isEqualTo(before[i]);
            } else {
                assertThat(parameters[i]).as("value %d", i).isNotEqualTo(before[i]);
            }
        }
    }
}
