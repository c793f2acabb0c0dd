package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.musig.model.NativeBackend;

/** The memory estimate is what a workspace allocates: both come from {@link WorkspaceSizes}. */
class WorkspaceSizesTest {

    @BeforeAll
    static void loadBackend() {
        NativeBackend.ensureLoaded(WorkspaceSizesTest.class);
    }

    @ParameterizedTest(name = "dense {0}, one-hot {1}, dim {2}, samples {3}, roots {4}")
    @CsvSource({"5, 3, 4, 3 2, 7", "0, 4, 4, 3 2, 7", "5, 0, 6, 4, 9", "3, 2, 4, 3 2 2, 5", "2, 60, 8, 25 10, 3"})
    void memoryBytesIsExactlyWhatAWorkspaceHolds(int dense, int oneHot, int dim, String samples, int roots) {
        SageNetwork net = new SageNetwork(dense, oneHot, dim, sampleSizes(samples), false);
        AggregatorWorkspace workspace = new AggregatorWorkspace(net, roots);

        assertThat(AggregatorWorkspace.memoryBytes(net, roots)).isEqualTo(HeldBytes.of(workspace, SageNetwork.class));
    }

    @ParameterizedTest(name = "samples {0}")
    @CsvSource({"4", "3 2", "3 2 2"})
    void sizesAreThoseOfTheLayoutAtMostRoots(String samples) {
        SageNetwork net = new SageNetwork(3, 2, 4, sampleSizes(samples), false);
        WorkspaceSizes sizes = new WorkspaceSizes(net, 6);
        NeighbourhoodLayout layout = new NeighbourhoodLayout(net, sizes);
        layout.layout(6);

        assertThat(sizes.nodes).isEqualTo(layout.hopStart[net.layers() + 1]);
        for (int k = 0; k < net.layers(); k++) {
            assertThat(sizes.layerRows[k]).as("rows of layer %d", k).isEqualTo(layout.rows(k));
        }
        assertThat(sizes.deepestSlots).isEqualTo(net.layers() < 2 ? 0 : layout.hopSize[net.layers() - 1]);
    }

    @ParameterizedTest(name = "samples {0}")
    @CsvSource({"1000 1000 1000"})
    void aShapeTooBigToAllocateHasAnEstimateButNoWorkspace(String samples) {
        SageNetwork net = new SageNetwork(10, 0, 64, sampleSizes(samples), false);

        assertThat(AggregatorWorkspace.memoryBytes(net, 10_000)).isGreaterThan(Integer.MAX_VALUE * 100L);
        assertThatThrownBy(() -> new AggregatorWorkspace(net, 10_000)).isInstanceOf(ArithmeticException.class);
    }

    private static int[] sampleSizes(String samples) {
        return java.util.Arrays.stream(samples.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
    }
}
