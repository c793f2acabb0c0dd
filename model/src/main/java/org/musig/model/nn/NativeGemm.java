package org.musig.model.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Single-precision matrix products over row-major native arrays, by the OpenBLAS {@code cblas_sgemm} that ND4J's
 * own BLAS calls, on pointers made once per array. A product over the first rows of an array needs no view: the row
 * count is an argument. {@code Nd4j.gemm} built an op, shape descriptors and views of the arrays on every call, a
 * fixed cost that weighed on the aggregator's small products (five per shard).
 */
final class NativeGemm {
    private NativeGemm() {
    }

    /** A pointer to the first float of {@code array} (a row-major native array), valid as long as the array is. */
    static FloatPointer pointer(INDArray array) {
        return new FloatPointer(array.data().addressPointer());
    }

    /** {@code c[m, n] = a[m, k] b[k, n]}. */
    static void product(FloatPointer a, FloatPointer b, FloatPointer c, int m, int k, int n) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, m, n, k, 1f, a, k, b, n, 0f, c, n);
    }

    /** {@code c[m, n] = a[m, k] b[n, k]^T}. */
    static void productTransposingB(FloatPointer a, FloatPointer b, FloatPointer c, int m, int k, int n) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasTrans, m, n, k, 1f, a, k, b, k, 0f, c, n);
    }

    /** {@code c[m, n] = a[k, m]^T b[k, n]}. */
    static void productTransposingA(FloatPointer a, FloatPointer b, FloatPointer c, int m, int k, int n) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans,
                openblas_nolapack.CblasNoTrans, m, n, k, 1f, a, m, b, n, 0f, c, n);
    }
}
