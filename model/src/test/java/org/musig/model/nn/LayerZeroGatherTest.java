package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musig.model.NativeBackend;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.train.ToyData;

/**
 * Layer 0's input per row, {@code [x_v ; mean of x over v's children]}: the dense columns in {@code x[0]}, the
 * one-hot columns as sparse rows (read back through their W_0 rows), against the same computed directly.
 */
class LayerZeroGatherTest {
    private static final int TRACKS = 30;

    @BeforeAll
    static void loadBackend() {
        NativeBackend.ensureLoaded(LayerZeroGatherTest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "3 2", "3 2 2"})
    void everyRowIsTheNodesInputAndItsChildrensMean(String samples) {
        SageNetwork net = new SageNetwork(3, 4, 8, sampleSizes(samples), false);
        AggregatorParts parts = new AggregatorParts(net, 5);
        SplittableRandom random = new SplittableRandom(2);
        InputFeatures.Encoded input = AggregatorParts.randomInput(net, TRACKS, random);
        parts.randomTrees(5, TRACKS, random);

        parts.gather.gather(input, null, net.layers(), null);

        NeighbourhoodLayout layout = parts.layout;
        for (int t = 0; t < net.layers(); t++) {
            int s = net.sampleSize(t);
            for (int i = 0; i < layout.hopSize[t]; i++) {
                int row = layout.hopStart[t] + i;
                int[] children = new int[s];
                for (int j = 0; j < s; j++) {
                    children[j] = layout.nodes[layout.hopStart[t + 1] + i * s + j];
                }
                assertRow(parts, input, row, layout.nodes[row], children);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void withInnerMeansTheDeepestHopReadsItsTableRowOrItsOwnRowWhenIsolated(boolean deduplicated) {
        ToyData data = ToyData.planted(TRACKS, 2, 20, 5, 3, 0.7, 7);
        InputFeatures input =
                InputFeatures.fit(data.features, List.of("genre", "popularity", "audio"), 50, new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(data.features);
        SageNetwork net = new SageNetwork(input.denseDimension(), input.oneHotWidth(), 2 * input.oneHotWidth(),
                new int[] {4, 3}, false);
        NeighborhoodSampler sampler = new NeighborhoodSampler(data.graph, false);
        InnerMeans inner = new InnerMeans(data.graph, net.denseDimension(), 3, null);
        inner.fill(0, inner.rowCount(), sampler, encoded, node -> new SplittableRandom(1000 + node));
        AggregatorParts parts = new AggregatorParts(net, 4);
        int[] roots = {0, 5, 11, TRACKS - 1};
        boolean[] isolated = {false, true, false, false};
        parts.layout.layout(roots.length);
        TreeSampler.sample(parts.layout, roots, new long[] {1, 2, 3, 4}, sampler, 1, isolated, null);
        if (deduplicated) {
            parts.layout.deduplicateDeepestHop(isolated);
        }

        parts.gather.gather(encoded, inner, 1, isolated);

        NeighbourhoodLayout layout = parts.layout;
        for (int slot = layout.hopStart[1]; slot < layout.hopStart[2]; slot++) {
            int node = layout.nodes[slot];
            int root = (slot - layout.hopStart[1]) / 4;
            int[] children;
            if (isolated[root] || data.graph.degree(node) == 0) {
                children = new int[] {node};
            } else { // the table row: the same mean, so compare against the table's own columns
                int at = inner.rowStart(node);
                float[] table = inner.table();
                int fd = net.denseDimension();
                for (int c = 0; c < 2 * fd; c++) {
                    assertThat(parts.buffers.x[0][layout.deepRow(slot) * 2 * fd + c]).isEqualTo(table[at + c]);
                }
                continue;
            }
            assertRow(parts, encoded, layout.deepRow(slot), node, children);
        }
        for (int r = 0; r < roots.length; r++) {
            int[] children = new int[4];
            System.arraycopy(layout.nodes, layout.hopStart[1] + 4 * r, children, 0, 4);
            assertRow(parts, encoded, r, roots[r], children);
        }
        assertThat(layout.rows(0)).isEqualTo(deduplicated ? roots.length + layout.deepest.distinct() : 4 + 16);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRootTrainedAsAColdTrackTakesTheUnknownTrackRowAndKeepsItsGenreAndArtist(boolean withInner) {
        ToyData data = ToyData.planted(TRACKS, 2, 20, 5, 3, 0.7, 7).withCategories();
        InputFeatures input = InputFeatures.fit(data.features, List.of("genre", "popularity", "artistId", "track"),
                50, new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(data.features);
        assertThat(encoded.slots()).isEqualTo(3);
        SageNetwork net = new SageNetwork(input.shape(), 1, new int[] {4, 3}, false);
        NeighborhoodSampler sampler = new NeighborhoodSampler(data.graph, false);
        InnerMeans inner = null;
        if (withInner) {
            inner = new InnerMeans(data.graph, net.denseDimension(), encoded.slots(), net.meanSlots(), 3, null);
            inner.fill(0, inner.rowCount(), sampler, encoded, node -> new SplittableRandom(1000 + node));
        }
        AggregatorParts parts = new AggregatorParts(net, 2);
        int[] roots = {4, 4};
        boolean[] cold = {false, true};
        parts.layout.layout(roots.length);
        TreeSampler.sample(parts.layout, roots, new long[] {1, 2}, sampler, withInner ? 1 : 2, cold, null);

        parts.gather.gather(encoded, inner, withInner ? 1 : 2, cold);

        // Self one-hot row c holds c + 1, mean rows 0: a row's output is the sum over its own columns of (c + 1).
        float[] p = new float[net.parameterCount()];
        for (int c = 0; c < net.oneHotWidth(); c++) {
            p[net.tableOffset() + c] = c + 1;
        }
        int[] own = java.util.Arrays.copyOfRange(encoded.oneHot(), 4 * 3, 5 * 3); // genre, artist, track of track 4
        int unknownTrack = encoded.coldColumns()[2];
        assertThat(unknownTrack).isEqualTo(net.oneHotWidth() - 1); // the track table is last, its unknown row last
        assertThat(own[2]).isNotEqualTo(unknownTrack); // track 4 is in the training graph: a row of its own
        assertThat(encoded.coldColumns()[0]).isEqualTo(-1);
        assertThat(encoded.coldColumns()[1]).isEqualTo(-1);
        float[] warm = new float[1];
        float[] coldOut = new float[1];
        parts.oneHot.addWeightRows(p, warm, 0);
        parts.oneHot.addWeightRows(p, coldOut, 1);
        assertThat(warm[0]).isEqualTo((own[0] + 1) + (own[1] + 1) + (own[2] + 1));
        assertThat(coldOut[0]).isEqualTo((own[0] + 1) + (own[1] + 1) + (unknownTrack + 1));
    }

    /** Row {@code row} of layer 0 is [x_node ; mean of x over children], dense and one-hot. */
    private static void assertRow(AggregatorParts parts, InputFeatures.Encoded input, int row, int node,
                                  int[] children) {
        SageNetwork net = parts.net;
        int fd = net.denseDimension();
        int width = net.inputDimension();
        float[] self = InputFeatures.row(input, fd, net.oneHotWidth(), node);
        float[] mean = new float[width];
        for (int child : children) {
            float[] x = InputFeatures.row(input, fd, net.oneHotWidth(), child);
            for (int c = 0; c < width; c++) {
                mean[c] += x[c] / children.length;
            }
        }
        float[] x0 = parts.buffers.x[0];
        for (int c = 0; c < fd; c++) {
            assertThat(x0[row * 2 * fd + c]).as("row %d, own column %d", row, c).isEqualTo(self[c]);
            assertThat(x0[row * 2 * fd + fd + c]).as("row %d, mean column %d", row, c).isCloseTo(mean[c],
                    within(1e-5f));
        }
        // The one-hot part, read through unit one-hot rows: self column j -> output j, mean column j -> output
        // width + j (the network's dimension is twice the one-hot width).
        int hot = net.oneHotWidth();
        int dim = net.dimension();
        float[] p = new float[net.parameterCount()];
        for (int j = 0; j < hot; j++) {
            p[net.tableOffset() + j * dim + j] = 1;
            p[net.tableOffset() + (hot + j) * dim + hot + j] = 1;
        }
        float[] out = new float[dim];
        parts.oneHot.addWeightRows(p, out, row);
        for (int j = 0; j < hot; j++) {
            assertThat(out[j]).as("row %d, own one-hot column %d", row, j).isEqualTo(self[fd + j]);
            assertThat(out[hot + j]).as("row %d, mean one-hot column %d", row, j).isCloseTo(mean[fd + j],
                    within(1e-5f));
        }
    }

    private static int[] sampleSizes(String samples) {
        return java.util.Arrays.stream(samples.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
    }
}
