package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Epochs of batches: how many pairs, the progress reported, the parameters trained in place, the early stop. */
class EpochLoopTest {
    private static final ToyData DATA = ToyData.planted(120, 2, 80, 6, 4, 0.8, 3);

    private static TrainingParts parts(Object... keyValues) {
        Map<String, Object> settings = new HashMap<>(Map.of("embeddingDimension", 8, "sampleSizes",
                TrainingParts.samples(4, 3), "batchSize", 200, "epochs", 3, "tolerance", 0.0, "concurrency", 1));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new TrainingParts(DATA, settings);
    }

    /** Records begin(stage:volume) and the units advanced per stage. */
    private static final class Recorder implements Progress {
        final List<String> stages = new ArrayList<>();
        final List<Long> advanced = new ArrayList<>();

        @Override
        public void begin(String stage, long volume) {
            stages.add(stage + ":" + volume);
            advanced.add(0L);
        }

        @Override
        public void advance(long units) {
            advanced.set(advanced.size() - 1, advanced.get(advanced.size() - 1) + units);
        }

        @Override
        public void checkRunning() {
        }
    }

    @Test
    void everyEpochVisitsEveryPairOnceInBatches() {
        TrainingParts parts = parts();
        EpochLoop loop = parts.loop();
        Recorder progress = new Recorder();

        loop.run(progress);

        long pairs = DATA.graph.relationshipCount();
        assertThat(progress.stages).containsExactly("epoch 1/3:" + pairs, "epoch 2/3:" + pairs, "epoch 3/3:" + pairs);
        assertThat(progress.advanced).containsOnly(pairs);
        assertThat(loop.epochsRun()).isEqualTo(3);
        assertThat(loop.trainedPairs()).isEqualTo(3 * pairs);
        assertThat(loop.history().losses().get("total")).hasSize(3);
        assertThat(loop.stageMillis()).containsOnlyKeys("innerMeans", "sampling", "gather", "forward", "heads",
                "backward", "update");
    }

    @Test
    void maxPairsPerEpochCapsAnEpoch() {
        EpochLoop loop = parts("maxPairsPerEpoch", 150L, "epochs", 2).loop();

        loop.run(Progress.NONE);

        assertThat(loop.trainedPairs()).isEqualTo(300);
    }

    @Test
    void parametersAreTrainedInPlaceAndTheirNativeCopiesFollow() {
        TrainingParts parts = parts("epochs", 1);
        float[] before = parts.shared.parameters().clone();

        parts.loop().run(Progress.NONE);

        float[] after = parts.shared.parameters();
        assertThat(after).isNotEqualTo(before);
        INDArray[] expected = parts.net.nativeWeights(after);
        for (int k = 0; k < expected.length; k++) {
            assertThat(parts.shared.weights()[k]).as("layer %d", k).isEqualTo(expected[k]);
        }
    }

    @Test
    void stopsAtTheFirstEpochThatImprovesByLessThanTheTolerance() {
        EpochLoop loop = parts("epochs", 20, "tolerance", 1.0).loop(); // any epoch after the first stalls

        loop.run(Progress.NONE);

        assertThat(loop.epochsRun()).isEqualTo(2);
        assertThat(loop.history().losses().get("total")).hasSize(2);
    }
}
