package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.model.NativeBackend;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.train.ToyData;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * With an inner-means table, the hop-(K-1) nodes that occur several times in a shard get one layer-0 row each;
 * the embeddings and every parameter's gradient are those of one row per occurrence (up to float rounding).
 */
class DeepestHopDeduplicationTest {

    @BeforeAll
    static void loadBackend() {
        NativeBackend.ensureLoaded(DeepestHopDeduplicationTest.class);
    }

    @Test
    void sharedRowsGiveTheEmbeddingsAndGradientsOfOneRowPerOccurrence() {
        ToyData data = ToyData.planted(40, 2, 30, 5, 3, 0.7, 7);
        InputFeatures input =
                InputFeatures.fit(data.features, List.of("genre", "popularity", "audio"), 50, new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(data.features);
        SageNetwork net = new SageNetwork(input.denseDimension(), input.oneHotWidth(), 6, new int[] {4, 3}, false);
        float[] params = net.initialParameters(new SplittableRandom(3));
        SplittableRandom random = new SplittableRandom(5);
        int count = 30;
        int[] roots = new int[count];
        long[] seeds = new long[count];
        boolean[] isolated = new boolean[count];
        for (int i = 0; i < count; i++) {
            roots[i] = random.nextInt(40);
            seeds[i] = random.nextLong();
            isolated[i] = i % 5 == 0; // cold-start roots: their whole tree is the root itself
        }
        float[] dz = new float[count * net.dimension()];
        for (int i = 0; i < dz.length; i++) {
            dz[i] = (float) random.nextGaussian();
        }
        NeighborhoodSampler sampler = new NeighborhoodSampler(data.graph, false);
        InnerMeans inner = new InnerMeans(data.graph, net.denseDimension(), 3, null);
        inner.fill(0, inner.rowCount(), sampler, encoded, node -> new SplittableRandom(1000 + node));
        INDArray[] weights = net.nativeWeights(params);

        AggregatorWorkspace shared = new AggregatorWorkspace(net, count);
        AggregatorWorkspace perOccurrence = new AggregatorWorkspace(net, count);
        perOccurrence.allowDeduplication(false);
        float[] sharedGradient = run(shared, net, params, weights, roots, seeds, isolated, sampler, encoded, inner, dz);
        float[] perOccurrenceGradient =
                run(perOccurrence, net, params, weights, roots, seeds, isolated, sampler, encoded,
                        inner, dz);

        // 30 roots and 120 first-hop slots over 40 tracks: many repeats, so rows were really shared.
        assertThat(perOccurrence.layerZeroRows()).isEqualTo(count + count * 4);
        assertThat(shared.layerZeroRows()).isLessThan(count + 40 * 2);
        float[] a = shared.embeddings();
        float[] b = perOccurrence.embeddings();
        for (int i = 0; i < count * net.dimension(); i++) {
            assertThat(a[i]).as("embedding value %d", i).isCloseTo(b[i], within(1e-5f));
        }
        for (int i = 0; i < sharedGradient.length; i++) {
            assertThat(sharedGradient[i]).as("gradient of parameter %d", i)
                    .isCloseTo(perOccurrenceGradient[i], within(1e-4f + 1e-4f * Math.abs(perOccurrenceGradient[i])));
        }
    }

    private static float[] run(AggregatorWorkspace ws, SageNetwork net, float[] params, INDArray[] weights, int[] roots,
                               long[] seeds, boolean[] isolated, NeighborhoodSampler sampler,
                               InputFeatures.Encoded encoded, InnerMeans inner, float[] dz) {
        ws.prepare(roots, seeds, roots.length, sampler, encoded, inner, isolated);
        ws.forward(params, weights);
        float[] gradient = new float[net.parameterCount()];
        TableGradient tables = new TableGradient(net);
        ws.backward(dz, weights, gradient, tables);
        tables.addTo(gradient, net);
        return gradient;
    }
}
