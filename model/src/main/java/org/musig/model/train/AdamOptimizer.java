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
        update(parameters, 0, gradient, denseCount);
    }

    /**
     * Moves the row {@code parameters[at .. at + gradient.length)} within the step {@link #stepDense} started.
     * Several threads may step disjoint rows at once (after that call, which they see through their hand-over).
     */
    public void stepRow(float[] parameters, int at, float[] gradient) {
        update(parameters, at, gradient, gradient.length);
    }

    /** The Adam update of {@code parameters[at .. at + count)} against {@code gradient[0 .. count)}. */
    private void update(float[] parameters, int at, float[] gradient, int count) {
        double stepSize = this.stepSize;
        double epsilon = this.epsilon;
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        for (int j = 0; j < count; j++) {
            int i = at + j;
            float g = gradient[j];
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
