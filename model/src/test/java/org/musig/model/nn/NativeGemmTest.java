package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.model.NativeBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The three products the aggregator takes, over the first rows of larger native arrays, against plain loops. */
class NativeGemmTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(3);

    private static INDArray random(int rows, int columns) {
        NativeBackend.ensureLoaded(NativeGemmTest.class);
        INDArray array = Nd4j.create(DataType.FLOAT, new long[] {rows, columns}, 'c');
        FloatBuffer floats = AggregatorBuffers.floats(array);
        for (int i = 0; i < rows * columns; i++) {
            floats.put(i, (float) RANDOM.nextGaussian());
        }
        return array;
    }

    private static float at(INDArray array, int row, int column) {
        return AggregatorBuffers.floats(array).get(row * (int) array.columns() + column);
    }

    @Test
    void productsOverLeadingRowsMatchPlainLoops() {
        int m = 5; // of 9 allocated rows: a shard uses the first rows of buffers sized for the largest
        int k = 7;
        int n = 3;
        INDArray x = random(9, k);
        INDArray w = random(k, n);
        INDArray dPre = random(9, n);
        INDArray out = random(9, n);
        INDArray dx = random(9, k);
        INDArray dw = random(k, n);
        float[] untouched = new float[n];
        for (int j = 0; j < n; j++) {
            untouched[j] = at(out, m, j);
        }

        NativeGemm.product(NativeGemm.pointer(x), NativeGemm.pointer(w), NativeGemm.pointer(out), m, k, n);
        NativeGemm.productTransposingB(NativeGemm.pointer(dPre), NativeGemm.pointer(w), NativeGemm.pointer(dx), m, n,
                k);
        NativeGemm.productTransposingA(NativeGemm.pointer(x), NativeGemm.pointer(dPre), NativeGemm.pointer(dw), k, m,
                n);

        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int i = 0; i < k; i++) {
                    expected += at(x, r, i) * at(w, i, j);
                }
                assertThat((double) at(out, r, j)).as("x w at %d,%d", r, j).isCloseTo(expected, within(expected));
            }
            for (int i = 0; i < k; i++) {
                double expected = 0;
                for (int j = 0; j < n; j++) {
                    expected += at(dPre, r, j) * at(w, i, j);
                }
                assertThat((double) at(dx, r, i)).as("dPre w^T at %d,%d", r, i).isCloseTo(expected, within(expected));
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int r = 0; r < m; r++) { // the first m rows only
                    expected += at(x, r, i) * at(dPre, r, j);
                }
                assertThat((double) at(dw, i, j)).as("x^T dPre at %d,%d", i, j).isCloseTo(expected, within(expected));
            }
        }
        for (int j = 0; j < n; j++) {
            assertThat(at(out, m, j)).as("a row past the product's").isEqualTo(untouched[j]);
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double expected) {
        return org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(expected)));
    }
}
