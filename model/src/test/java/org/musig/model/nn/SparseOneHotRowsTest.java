package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Layer 0's sparse one-hot rows: the histogram entries, their W_0 rows forward and the transpose backward. */
class SparseOneHotRowsTest {
    // 2 dense and 4 one-hot input columns, dimension 3: W_0's rows are self dense (0-1), self one-hot (2-5),
    // mean dense (6-7), mean one-hot (8-11).
    private static final SageNetwork NET = new SageNetwork(2, 4, 3, new int[] {2}, false);

    private static SparseOneHotRows twoRows() {
        SparseOneHotRows rows = new SparseOneHotRows(NET, new WorkspaceSizes(NET, 2));
        rows.reset();
        rows.startRow(0, 2);
        rows.addToMean(1, 0.5f);
        rows.addToMean(3, 0.25f);
        rows.addToMean(1, 0.25f);
        rows.addToMean(-1, 0.5f); // a neighbour without a one-hot column
        rows.endRow(0);
        rows.startRow(1, -1);
        rows.addToMean(-1, 1f);
        rows.endRow(1);
        return rows;
    }

    private static float[] randomParameters() {
        SplittableRandom random = new SplittableRandom(4);
        float[] p = new float[NET.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        return p;
    }

    private static float w(float[] p, int row, int d) {
        return p[NET.weightOffset(0) + row * NET.dimension() + d];
    }

    @Test
    void forwardAddsTheOwnRowAndTheHistogramsWeightedRows() {
        SparseOneHotRows rows = twoRows();
        float[] p = randomParameters();
        float[] out = new float[2 * 3];

        rows.addWeightRows(p, out, 0, 0);
        rows.addWeightRows(p, out, 1, 3);

        for (int d = 0; d < 3; d++) {
            float expected = w(p, 2 + 2, d) + 0.75f * w(p, 8 + 1, d) + 0.25f * w(p, 8 + 3, d);
            assertThat(out[d]).isCloseTo(expected, within(1e-6f));
            assertThat(out[3 + d]).isZero(); // no own column, no neighbour with one
        }
        assertThat(rows.selfColumn(0)).isEqualTo(2);
        assertThat(rows.selfColumn(1)).isEqualTo(-1);
    }

    @Test
    void backwardIsTheTransposeOfForwardAndTouchesOnlyTheOneHotRows() {
        SparseOneHotRows rows = twoRows();
        float[] p = randomParameters();
        float[] dOut = {0.3f, -1.2f, 0.7f, 2f, 1f, -1f};
        float[] gradient = new float[NET.parameterCount()];
        java.util.Arrays.fill(gradient, 9f);

        rows.clearWeightRowsGradient(gradient);
        rows.addWeightRowsGradient(dOut, 0, 0, gradient);
        rows.addWeightRowsGradient(dOut, 1, 3, gradient);

        // <forward(p), dOut> = <p, gradient> over the one-hot rows.
        float[] out = new float[6];
        rows.addWeightRows(p, out, 0, 0);
        rows.addWeightRows(p, out, 1, 3);
        double lhs = 0;
        for (int i = 0; i < 6; i++) {
            lhs += out[i] * dOut[i];
        }
        double rhs = 0;
        for (int row : new int[] {2, 3, 4, 5, 8, 9, 10, 11}) {
            for (int d = 0; d < 3; d++) {
                rhs += w(p, row, d) * gradient[NET.weightOffset(0) + row * 3 + d];
            }
        }
        assertThat(rhs).isCloseTo(lhs, within(1e-5));
        for (int row : new int[] {0, 1, 6, 7}) { // dense rows: not this part's
            assertThat(gradient[row * 3]).isEqualTo(9f);
        }
        assertThat(gradient[NET.biasOffset(0)]).isEqualTo(9f);
    }
}
