package org.musig.model.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dense per-layer arrays that forward and backward share, on the heap for the Java loops and as native
 * copies for the BLAS products, with the copies between the two. Allocated once at their largest
 * ({@link WorkspaceSizes}); a shard uses a prefix of rows.
 */
final class AggregatorBuffers {
    final float[][] x;      // layer 0's input [rows_0, productWidth_0]; null above (written to xNative directly)
    final float[][] h;      // layer k's output after activation [rows_k, dim]
    final float[][] dh;     // gradient w.r.t. h[k], turned into the pre-activation gradient in place
    final float[] z;        // normalised embeddings [roots, dim]
    final float[] norms;
    final float[] rowScratch; // [dim]: a layer's bias, or its bias gradient
    // [dim] each: one row of a layer's output or gradient while a pass works on it. Row loops over arrays all
    // indexed from 0 are vectorised by C2; over rows at different offsets of the big arrays they are not.
    final float[] row;
    final float[] rowB;
    final float[] rowC;
    final float[] rowD;
    final float[] rowE;
    final boolean[] rowReached; // [rows_0]: which rows of a layer below the backward scatter has reached
    final int[] tableRowStart;  // [rows_0]: the gather's inner-mean table row of each row of a hop
    final INDArray[] xNative;   // null where a layer has no BLAS columns (layer 0 without dense inputs)
    final INDArray[] outNative;
    final INDArray[] dPreNative;
    final INDArray[] dwNative;
    final INDArray[] dxNative;  // k >= 1
    // Pointers to the native arrays' first floats, for NativeGemm (null where the array is)
    final FloatPointer[] xPointer;
    final FloatPointer[] outPointer;
    final FloatPointer[] dPrePointer;
    final FloatPointer[] dwPointer;
    final FloatPointer[] dxPointer;

    AggregatorBuffers(WorkspaceSizes sizes) {
        int layers = sizes.layers;
        int dim = sizes.dimension;
        x = new float[layers][];
        h = new float[layers][];
        dh = new float[layers][];
        xNative = new INDArray[layers];
        outNative = new INDArray[layers];
        dPreNative = new INDArray[layers];
        dwNative = new INDArray[layers];
        dxNative = new INDArray[layers];
        xPointer = new FloatPointer[layers];
        outPointer = new FloatPointer[layers];
        dPrePointer = new FloatPointer[layers];
        dwPointer = new FloatPointer[layers];
        dxPointer = new FloatPointer[layers];
        for (int k = 0; k < layers; k++) {
            int rows = WorkspaceSizes.length(sizes.layerRows[k]);
            int width = WorkspaceSizes.length(sizes.productWidth[k]);
            x[k] = k == 0 ? new float[WorkspaceSizes.length((long) rows * width)] : null;
            h[k] = new float[WorkspaceSizes.length((long) rows * dim)];
            dh[k] = new float[h[k].length];
            if (width > 0) {
                xNative[k] = matrix(rows, width);
                dwNative[k] = matrix(width, dim);
            }
            outNative[k] = matrix(rows, dim);
            dPreNative[k] = matrix(rows, dim);
            if (k > 0) {
                dxNative[k] = matrix(rows, width);
                dxPointer[k] = NativeGemm.pointer(dxNative[k]);
            }
            if (width > 0) {
                xPointer[k] = NativeGemm.pointer(xNative[k]);
                dwPointer[k] = NativeGemm.pointer(dwNative[k]);
            }
            outPointer[k] = NativeGemm.pointer(outNative[k]);
            dPrePointer[k] = NativeGemm.pointer(dPreNative[k]);
        }
        z = new float[WorkspaceSizes.length((long) sizes.maxRoots * dim)];
        norms = new float[sizes.maxRoots];
        rowScratch = new float[dim];
        row = new float[dim];
        rowB = new float[dim];
        rowC = new float[dim];
        rowD = new float[dim];
        rowE = new float[dim];
        rowReached = new boolean[WorkspaceSizes.length(sizes.layerRows[0])];
        tableRowStart = new int[rowReached.length];
    }

    private static INDArray matrix(long rows, long columns) {
        return Nd4j.create(DataType.FLOAT, new long[] {rows, columns}, 'c');
    }

    /**
     * The floats of a native array, for reading or writing rows directly: a row goes between them and a scratch row
     * in one copy, with no pass over a heap copy of the whole array.
     */
    static FloatBuffer floats(INDArray array) {
        return array.data().asNio().asFloatBuffer();
    }

    static void toNative(float[] source, int length, INDArray target) {
        FloatBuffer buffer = target.data().asNio().asFloatBuffer();
        buffer.put(source, 0, length);
    }
}
