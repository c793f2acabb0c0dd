package org.musig.model.train;

/**
 * Adam (Kingma and Ba, 2015) over one flat parameter vector, with the usual defaults (beta1 0.9, beta2
 * 0.999, epsilon 1e-8) and bias correction. Not thread-safe; called once per batch.
 */
public final class AdamOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private long steps;

    public AdamOptimizer(int parameterCount, double learningRate) {
        this.learningRate = learningRate;
        this.firstMoment = new float[parameterCount];
        this.secondMoment = new float[parameterCount];
    }

    /** Moves {@code parameters} one step against {@code gradient}. */
    public void step(float[] parameters, float[] gradient) {
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        double stepSize = learningRate * Math.sqrt(correction2) / correction1;
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        for (int i = 0; i < parameters.length; i++) {
            float g = gradient[i];
            float m = b1 * firstMoment[i] + (1 - b1) * g;
            float v = b2 * secondMoment[i] + (1 - b2) * g * g;
            firstMoment[i] = m;
            secondMoment[i] = v;
            parameters[i] -= (float) (stepSize * m / (Math.sqrt(v) + EPSILON * Math.sqrt(correction2)));
        }
    }

    public static long memoryBytes(int parameterCount) {
        return 64 + 8L * parameterCount;
    }
}
