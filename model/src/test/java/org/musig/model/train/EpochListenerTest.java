package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musig.common.progress.Progress;

/**
 * The per-epoch listener of {@link MusigTrainer#train(org.musig.model.graph.CooccurrenceGraph,
 * org.musig.model.graph.TrackFeatures, TrainConfig, Progress, MusigTrainer.EpochListener)}: watching training
 * changes nothing, so the snapshot after epoch k is, bit for bit, what a training of {@code epochs = k} gives.
 */
class EpochListenerTest {
    private static final ToyData DATA = ToyData.planted(200, 2, 150, 7, 6, 0.8, 11);

    private static TrainConfig config(int epochs, int threads, String activation) {
        Map<String, Object> map = new HashMap<>(Map.of("embeddingDimension", 12, "batchSize", 250, "epochs", epochs,
                "tolerance", 0.0, "randomSeed", 5, "concurrency", threads, "sampleSizes", List.of(4, 3),
                "activation", activation));
        return TrainConfig.parse(map);
    }

    /** The parameter floats: the tail of the serialized model. */
    private static byte[] parameters(TrainedModel model) {
        byte[] all = model.serialize();
        return Arrays.copyOfRange(all, all.length - 4 * model.parameterCount(), all.length);
    }

    private static float[][] embeddings(TrainedModel model) {
        int[] nodes = new int[DATA.graph.nodeCount()];
        Arrays.setAll(nodes, i -> i);
        return model.embed(DATA.graph, DATA.features, nodes, 3, 1, Progress.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu:1", "sigmoid:2"})
    void theSnapshotAfterEpochKIsATrainingOfKEpochs(String variant) {
        String activation = variant.split(":")[0];
        int threads = Integer.parseInt(variant.split(":")[1]);
        List<Integer> epochs = new ArrayList<>();
        List<TrainedModel> snapshots = new ArrayList<>();

        TrainedModel watched = MusigTrainer.train(DATA.graph, DATA.features, config(3, threads, activation),
                Progress.NONE, (epoch, snapshot) -> {
                    epochs.add(epoch);
                    snapshots.add(snapshot);
                    embeddings(snapshot); // using a snapshot mid-training must not disturb training
                    return true;
                });

        assertThat(epochs).containsExactly(1, 2, 3);
        for (int k = 1; k <= 3; k++) {
            TrainedModel plain = MusigTrainer.train(DATA.graph, DATA.features, config(k, threads, activation),
                    Progress.NONE);
            TrainedModel snapshot = snapshots.get(k - 1);
            assertThat(parameters(snapshot)).as("epoch %d", k).isEqualTo(parameters(plain));
            assertThat(snapshot.epochsRun()).isEqualTo(k);
            assertThat(snapshot.losses()).isEqualTo(plain.losses());
            assertThat(embeddings(snapshot)).isDeepEqualTo(embeddings(plain));
        }
        assertThat(parameters(watched)).isEqualTo(parameters(snapshots.get(2)));
        assertThat(watched.epochsRun()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void falseStopsTrainingAfterThatEpoch(int stopAfter) {
        List<Integer> epochs = new ArrayList<>();

        TrainedModel stopped = MusigTrainer.train(DATA.graph, DATA.features, config(4, 1, "relu"), Progress.NONE,
                (epoch, snapshot) -> {
                    epochs.add(epoch);
                    return epoch < stopAfter;
                });

        assertThat(epochs).hasSize(stopAfter);
        assertThat(stopped.epochsRun()).isEqualTo(stopAfter);
        assertThat(stopped.losses().get("total")).hasSize(stopAfter);
        assertThat(parameters(stopped)).isEqualTo(parameters(
                MusigTrainer.train(DATA.graph, DATA.features, config(stopAfter, 1, "relu"), Progress.NONE)));
    }
}
