package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musig.model.NativeBackend;

/**
 * The backward pass against the forward pass: for {@code L = <c, z>}, backward of {@code dz = c} is the gradient
 * of L, checked along random directions by central differences of forward; and it writes every layer
 * parameter's gradient and no head's.
 */
class AggregatorBackwardTest {
    private static final int TRACKS = 25;
    private static final int ROOTS = 6;

    @BeforeAll
    static void loadBackend() {
        NativeBackend.ensureLoaded(AggregatorBackwardTest.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"sigmoid 4", "sigmoid 3 2", "sigmoid 3 2 2", "sigmoid 3 2 denseOnly", "sigmoid 3 2 oneHotOnly",
                    "relu 3 2"})
    void gradientMatchesDirectionalDerivativesOfForward(String variant) {
        SageNetwork net = AggregatorForwardTest.network(variant);
        AggregatorParts parts = new AggregatorParts(net, ROOTS);
        SplittableRandom random = new SplittableRandom(5);
        InputFeatures.Encoded input = AggregatorParts.randomInput(net, TRACKS, random);
        float[] p = AggregatorForwardTest.parameters(net, random);
        parts.randomTrees(ROOTS, TRACKS, random);
        parts.gather.gather(input, null, net.layers(), null);
        float[] c = new float[ROOTS * net.dimension()];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) random.nextGaussian();
        }

        float[] gradient = new float[net.parameterCount()];
        Arrays.fill(gradient, 0, net.tableOffset(), Float.NaN);
        parts.forward.run(p, net.nativeWeights(p));
        TableGradient tables = new TableGradient(net);
        parts.backward.run(c, net.nativeWeights(p), gradient, tables);
        tables.addTo(gradient, net);

        int layerParameters = net.headWeightOffset(0);
        for (int i = 0; i < net.tableOffset(); i++) {
            assertThat(Float.isNaN(gradient[i])).as("parameter %d written", i).isEqualTo(i >= layerParameters);
        }
        for (int trial = 0; trial < 3; trial++) {
            float[] direction = new float[net.parameterCount()];
            double analytic = 0;
            for (int i = 0; i < net.parameterCount(); i++) {
                if (i < layerParameters || i >= net.tableOffset()) { // the layers' parameters, the tables included
                    direction[i] = (float) random.nextGaussian();
                    analytic += direction[i] * gradient[i];
                }
            }
            double eps = 1e-3;
            double numeric = (loss(parts, shifted(p, direction, eps), c) - loss(parts, shifted(p, direction, -eps), c))
                    / (2 * eps);
            assertThat(analytic).as("trial %d", trial).isCloseTo(numeric, within(2e-3 + 1e-2 * Math.abs(numeric)));
        }
    }

    private static float[] shifted(float[] p, float[] direction, double eps) {
        float[] q = p.clone();
        for (int i = 0; i < q.length; i++) {
            q[i] += (float) (eps * direction[i]);
        }
        return q;
    }

    private static double loss(AggregatorParts parts, float[] p, float[] c) {
        parts.forward.run(p, parts.net.nativeWeights(p));
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            sum += c[i] * parts.buffers.z[i];
        }
        return sum;
    }
}
