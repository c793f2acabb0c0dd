package org.musig.model.train;

import org.musig.model.nn.TableGradient;

/**
 * Adam (Kingma and Ba, 2015) over one flat parameter vector, with the usual defaults (beta1 0.9, beta2
 * 0.999, epsilon 1e-8) and bias correction. The network's one-hot rows (its embedding tables) are stepped lazily:
 * only the rows the batch touched, whose moments alone move (as TensorFlow's LazyAdam; a table of a row per track
 * would otherwise cost a full pass over every row per batch). Not thread-safe; called once per batch.
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
        step(parameters, gradient, parameters.length, null, 0);
    }

    /**
     * Moves the first {@code denseCount} parameters one step against {@code gradient}, and the touched rows of
     * {@code rows} (null: none), whose row r starts at {@code parameters[rowOffset + r * dimension]}.
     */
    public void step(float[] parameters, float[] gradient, int denseCount, TableGradient rows, int rowOffset) {
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        double stepSize = learningRate * Math.sqrt(correction2) / correction1;
        double epsilon = EPSILON * Math.sqrt(correction2);
        update(parameters, 0, gradient, 0, denseCount, stepSize, epsilon);
        if (rows != null) {
            int dimension = rows.dimension();
            for (int i = 0; i < rows.count(); i++) {
                update(parameters, rowOffset + rows.row(i) * dimension, rows.values(i), 0, dimension,
                        stepSize, epsilon);
            }
        }
    }

    /** The Adam update of {@code parameters[at .. at + count)} against {@code gradient[from ..]}. */
    private void update(float[] parameters, int at, float[] gradient, int from, int count, double stepSize,
                        double epsilon) {
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        for (int j = 0; j < count; j++) {
            int i = at + j;
            float g = gradient[from + j];
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
