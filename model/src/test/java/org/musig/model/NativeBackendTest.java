package org.musig.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NativeBackendTest {

    @Test
    void nativeBackendLoadsAndComputes() {
        NativeBackend.ensureLoaded(NativeBackendTest.class);
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        INDArray product = a.mmul(a);
        assertThat(product.getFloat(1, 1)).isEqualTo(22f);
        assertThat(NativeBackend.describe()).contains("CpuBackend");
    }
}
