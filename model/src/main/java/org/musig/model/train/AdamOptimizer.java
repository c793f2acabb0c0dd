package org.musig.model.train;

/**
 * Adam (Kingma and Ba, 2015) over one flat parameter vector, with the usual defaults (beta1 0.9, beta2
 * 0.999, epsilon 1e-8) and bias correction. The network's one-hot rows (its embedding tables) are stepped lazily:
 * only the rows the batch touched, whose moments alone move (as TensorFlow's LazyAdam; a table of a row per track
 * would otherwise cost a full pass over every row per batch). One {@link #stepDense} per batch, then its rows'
 * {@link #stepRow}s, which may run on several threads.
 */
public final class AdamOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private long steps;
    private double stepSize; // of the current step, bias corrections included
    private double epsilon;

    public AdamOptimizer(int parameterCount, double learningRate) {
        this.learningRate = learningRate;
        this.firstMoment = new float[parameterCount];
        this.secondMoment = new float[parameterCount];
    }

    /**
     * Starts the next step: moves the first {@code denseCount} parameters against {@code gradient}. The one-hot
     * rows the batch touched then follow through {@link #stepRow}.
     */
    public void stepDense(float[] parameters, float[] gradient, int denseCount) {
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        stepSize = learningRate * Math.sqrt(correction2) / correction1;
        epsilon = EPSILON * Math.sqrt(correction2);
        update(parameters, gradient, denseCount);
    }

    /**
     * Moves the row {@code parameters[at .. at + gradient.length)} within the step {@link #stepDense} started.
     * Several threads may step disjoint rows at once (after that call, which they see through their hand-over), each
     * with its own {@code scratch}.
     *
     * <p>Unlike the dense step, a row's step is float arithmetic on copies indexed from 0, which Java 17's C2
     * vectorises: with a row per track a batch steps most of a table, and the double-precision square root and
     * division per value made this step a third of a batch (docs/performance.md). The two differ by float rounding.
     */
    public void stepRow(float[] parameters, int at, float[] gradient, RowScratch scratch) {
        int count = gradient.length;
        float[] m = scratch.firstMoment;
        float[] v = scratch.secondMoment;
        float[] p = scratch.parameters;
        System.arraycopy(firstMoment, at, m, 0, count);
        System.arraycopy(secondMoment, at, v, 0, count);
        System.arraycopy(parameters, at, p, 0, count);
        float stepSize = (float) this.stepSize;
        float epsilon = (float) this.epsilon;
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        for (int j = 0; j < count; j++) {
            float g = gradient[j];
            float mj = b1 * m[j] + (1 - b1) * g;
            float vj = b2 * v[j] + (1 - b2) * g * g;
            m[j] = mj;
            v[j] = vj;
            p[j] -= stepSize * mj / ((float) Math.sqrt(vj) + epsilon);
        }
        System.arraycopy(m, 0, firstMoment, at, count);
        System.arraycopy(v, 0, secondMoment, at, count);
        System.arraycopy(p, 0, parameters, at, count);
    }

    /** One thread's copies of a row for {@link #stepRow}. */
    public static final class RowScratch {
        private final float[] firstMoment;
        private final float[] secondMoment;
        private final float[] parameters;

        public RowScratch(int dimension) {
            firstMoment = new float[dimension];
            secondMoment = new float[dimension];
            parameters = new float[dimension];
        }
    }

    /** The Adam update of {@code parameters[0 .. count)} against {@code gradient[0 .. count)}. */
    private void update(float[] parameters, float[] gradient, int count) {
        double stepSize = this.stepSize;
        double epsilon = this.epsilon;
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        for (int i = 0; i < count; i++) {
            float g = gradient[i];
            float m = b1 * firstMoment[i] + (1 - b1) * g;
            float v = b2 * secondMoment[i] + (1 - b2) * g * g;
            firstMoment[i] = m;
            secondMoment[i] = v;
            parameters[i] -= (float) (stepSize * m / (Math.sqrt(v) + epsilon));
        }
    }

    public static long memoryBytes(int parameterCount) {
        return 64 + 8L * parameterCount;
    }
}
