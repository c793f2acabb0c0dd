package org.musig.procedures;

/** Reading MUSIG's vector and memory facts from what Neo4j and the JVM hand back. */
public final class PropertyValues {
    private PropertyValues() {
    }

    /**
     * A float[] or double[] property value as float[] (the array itself when it already is one), or null for
     * anything else, an empty array included.
     */
    public static float[] floatVector(Object value) {
        if (value instanceof float[] f) {
            return f.length == 0 ? null : f;
        }
        if (value instanceof double[] d && d.length > 0) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        return null;
    }

    /**
     * A vector property value scaled to unit length, or null when it is no vector, all zeros or not finite
     * (such a track has no direction to compare).
     */
    public static float[] unitVector(Object value) {
        float[] v = floatVector(value);
        if (v == null) {
            return null;
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0 || !Double.isFinite(norm)) {
            return null;
        }
        double scale = 1 / Math.sqrt(norm);
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] * scale);
        }
        return unit;
    }

    /** Heap this JVM can still allocate: the maximum minus what is in use now. */
    public static long freeHeapBytes() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }
}
