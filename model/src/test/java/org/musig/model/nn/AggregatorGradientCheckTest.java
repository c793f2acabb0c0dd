package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musig.model.NativeBackend;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.train.ToyData;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hand-written backward pass (aggregator layers, L2 normalisation, the three heads) against central
 * finite differences of the loss, for every parameter of a small network. The "tables" variants add learned
 * artist and track tables (one-hot groups beside the genre) and roots trained as cold tracks, whose track column is
 * the table's "unknown" row. The "softmax" variants train the playlist task as an in-batch softmax.
 */
class AggregatorGradientCheckTest {

    @BeforeAll
    static void loadBackend() {
        NativeBackend.ensureLoaded(AggregatorGradientCheckTest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid-2layers", "relu-2layers", "sigmoid-3layers", "relu-1layer",
            "sigmoid-2layers-genreOnly", "sigmoid-2layers-denseOnly",
            "sigmoid-2layers-inner", "relu-2layers-inner", "sigmoid-3layers-inner", "sigmoid-2layers-genreOnly-inner",
            "sigmoid-2layers-tables", "sigmoid-2layers-tables-inner", "sigmoid-3layers-tables-inner",
            "sigmoid-2layers-softmax", "sigmoid-2layers-tables-inner-softmax", "relu-2layers-softmax"})
    void analyticGradientMatchesFiniteDifferences(String variant) {
        boolean sigmoid = variant.startsWith("sigmoid");
        int[] samples = variant.contains("3layers") ? new int[] {3, 2, 2}
                : variant.contains("1layer") ? new int[] {4} : new int[] {3, 2};
        boolean softmax = variant.endsWith("-softmax");
        variant = variant.replace("-softmax", "");
        boolean withInner = variant.endsWith("-inner");
        variant = variant.replace("-inner", "");
        boolean tables = variant.endsWith("tables");
        java.util.List<String> groups = variant.endsWith("genreOnly") ? java.util.List.of("genre")
                : variant.endsWith("denseOnly") ? java.util.List.of("popularity", "audio")
                        : tables ? java.util.List.of("genre", "popularity", "artistId", "track")
                                : java.util.List.of("genre", "popularity", "audio");
        ToyData data = ToyData.planted(40, 2, 30, 5, 3, 0.7, 7).withCategories();
        InputFeatures input = InputFeatures.fit(data.features, groups, 50,
                new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(data.features);
        TaskLabels labels = TaskLabels.of(data.features, "audio");
        SageNetwork net = new SageNetwork(input.shape(), 5, samples, sigmoid);
        assertThat(net.hotSlots()).isEqualTo(tables ? 3 : groups.contains("genre") ? 1 : 0);
        float[] params = net.initialParameters(new SplittableRandom(3));
        SplittableRandom r = new SplittableRandom(11);
        for (int i = net.headWeightOffset(0); i < net.parameterCount(); i++) {
            params[i] += (float) r.nextGaussian(); // heads off their symmetric start, so every path is exercised
        }
        // 4 positive pairs with one negative each: roots = 4 anchors, 4 positives, 4 negatives.
        int n = 4;
        int[] roots = new int[3 * n];
        long[] seeds = new long[3 * n];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = r.nextInt(data.graph.nodeCount());
            seeds[i] = r.nextLong();
        }
        roots[2 * n + 3] = roots[n]; // a negative of the first positive's track: the softmax leaves it out
        int pairs = 2 * n;
        int[] left = new int[pairs];
        int[] right = new int[pairs];
        byte[] playlist = new byte[pairs];
        byte[] genre = new byte[pairs];
        float[] sim = new float[pairs];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                int q = 2 * i + k;
                left[q] = i;
                right[q] = k == 0 ? n + i : 2 * n + i;
                playlist[q] = (byte) (k == 0 ? 1 : 0);
                genre[q] = (byte) labels.sameGenre(roots[left[q]], roots[right[q]]);
                sim[q] = labels.hasSimilarity(roots[left[q]], roots[right[q]])
                        ? labels.similarity(roots[left[q]], roots[right[q]]) : Float.NaN;
            }
        }
        MultiTaskLoss.Pairs lossPairs = new MultiTaskLoss.Pairs(pairs, left, right, playlist, genre, sim, roots);
        double[] scale = {0.7 / pairs, 0.5 / pairs, 1.3 / pairs};
        NeighborhoodSampler sampler = new NeighborhoodSampler(data.graph, false);
        AggregatorWorkspace ws = new AggregatorWorkspace(net, roots.length);
        InnerMeans inner = null;
        if (withInner) { // the training path: the innermost hop's means from a per-epoch table
            inner = new InnerMeans(data.graph, net.denseDimension(), encoded.slots(), net.meanSlots(),
                    samples[samples.length - 1],
                    null);
            inner.fill(0, inner.rowCount(), sampler, encoded, node -> new SplittableRandom(1000 + node));
        }
        MultiTaskLoss loss = softmax ? MultiTaskLoss.inBatchSoftmax(net, 0.5) : MultiTaskLoss.pairs(net);

        float[] analytic = new float[net.parameterCount()];
        float[] dz = new float[roots.length * net.dimension()];
        INDArray[] w = net.nativeWeights(params);
        boolean[] cold = new boolean[roots.length];
        cold[1] = tables; // an anchor and a negative trained as cold tracks
        cold[2 * n + 2] = tables;
        ws.prepare(roots, seeds, roots.length, sampler, encoded, inner, cold);
        ws.forward(params, w);
        loss.compute(params, ws.embeddings(), roots.length, lossPairs, scale, dz, analytic, new double[3]);
        TableGradient rows = new TableGradient(net);
        ws.backward(dz, w, analytic, rows);
        rows.addTo(analytic, net);

        int checked = 0;
        int mismatched = 0;
        StringBuilder report = new StringBuilder();
        // Smaller steps for ReLU so that fewer differences straddle a kink; float32 rounding bounds how small.
        float eps = sigmoid ? 1e-2f : 2e-3f;
        for (int i = 0; i < params.length; i++) {
            float saved = params[i];
            params[i] = saved + eps;
            double plus = lossOf(net, params, ws, loss, lossPairs, scale, roots, seeds, sampler, encoded, inner, cold);
            params[i] = saved - eps;
            double minus = lossOf(net, params, ws, loss, lossPairs, scale, roots, seeds, sampler, encoded, inner, cold);
            params[i] = saved;
            double numeric = (plus - minus) / (2 * eps);
            checked++;
            if (Math.abs(numeric - analytic[i]) > 2e-3 + 5e-2 * Math.abs(numeric)) {
                mismatched++;
                if (report.length() < 2000) {
                    report.append(String.format("param %d: numeric %.6f analytic %.6f%n", i, numeric, analytic[i]));
                }
            }
        }
        assertThat(checked).isEqualTo(net.parameterCount());
        // ReLU's kink can make a few finite differences straddle it; sigmoid must match everywhere.
        int allowed = sigmoid ? 0 : Math.max(1, checked / 200);
        assertThat(mismatched).as(report.toString()).isLessThanOrEqualTo(allowed);
        assertThat(Arrays.stream(toDouble(analytic)).map(Math::abs).sum()).isGreaterThan(0);
    }

    private static double lossOf(SageNetwork net, float[] params, AggregatorWorkspace ws, MultiTaskLoss loss,
                                 MultiTaskLoss.Pairs pairs, double[] scale, int[] roots, long[] seeds,
                                 NeighborhoodSampler sampler, InputFeatures.Encoded encoded, InnerMeans inner,
                                 boolean[] cold) {
        INDArray[] w = net.nativeWeights(params);
        ws.prepare(roots, seeds, roots.length, sampler, encoded, inner, cold);
        ws.forward(params, w);
        double[] sums = new double[3];
        loss.compute(params, ws.embeddings(), roots.length, pairs, scale, new float[roots.length * net.dimension()],
                new float[net.parameterCount()], sums);
        return sums[0] * scale[0] + sums[1] * scale[1] + sums[2] * scale[2];
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
