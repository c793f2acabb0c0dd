package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.sample.RandomStreams;

/** {@code ensembleSize}: members trained side by side from their own seeds, embedded side by side. */
class EnsembleTest {

    private static final ToyData DATA = ToyData.planted(300, 2, 240, 8, 10, 0.8, 5);
    private static final int[] NODES = java.util.stream.IntStream.range(0, DATA.graph.nodeCount()).toArray();

    private static TrainConfig config(Object... keyValues) {
        Map<String, Object> map = new HashMap<>(Map.of("embeddingDimension", 16, "sampleSizes", List.of(5, 3),
                "batchSize", 64, "epochs", 2, "tolerance", 0.0, "concurrency", 1, "randomSeed", 7L));
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return TrainConfig.parse(map);
    }

    private static TrainedModel train(TrainConfig config) {
        return MusigTrainer.train(DATA.graph, DATA.features, config, Progress.NONE);
    }

    @Test
    void eachMemberTrainsWhatItsOwnSeedTrainsAlone() {
        TrainedModel ensemble = train(config("ensembleSize", 3, "concurrency", 2));
        TrainedModel first = train(config());
        TrainedModel second = train(config("randomSeed", RandomStreams.memberSeed(7, 1)));

        assertThat(ensemble.parameters(0)).isEqualTo(first.parameters());
        assertThat(ensemble.parameters(1)).isEqualTo(second.parameters());
        assertThat(ensemble.parameters(2)).isNotEqualTo(ensemble.parameters(1)).isNotEqualTo(first.parameters());
        assertThat(ensemble.losses()).as("member 0's, as a single model of this seed reports")
                .isEqualTo(first.losses());
        assertThat(ensemble.summary().trainedPairs()).isEqualTo(3 * first.summary().trainedPairs());
        assertThat(ensemble.epochsRun()).isEqualTo(2);
    }

    @Test
    void anEnsembleEmbedsItsMembersUnitVectorsSideBySideScaledToUnitLength() {
        TrainedModel ensemble = train(config("ensembleSize", 2));
        float[][] first = train(config()).embed(DATA.graph, DATA.features, NODES, 3);
        float[][] second = train(config("randomSeed", RandomStreams.memberSeed(7, 1)))
                .embed(DATA.graph, DATA.features, NODES, 3);

        float[][] wide = ensemble.embed(DATA.graph, DATA.features, NODES, 3, 2, Progress.NONE);
        assertThat(ensemble.embeddingDimension()).isEqualTo(32);
        float scale = (float) (1 / Math.sqrt(2));
        for (int i = 0; i < NODES.length; i++) {
            assertThat(wide[i]).hasSize(32);
            double norm = 0;
            for (int k = 0; k < 16; k++) {
                assertThat(wide[i][k]).isEqualTo(first[i][k] * scale);
                assertThat(wide[i][16 + k]).isEqualTo(second[i][k] * scale);
                norm += wide[i][k] * wide[i][k] + wide[i][16 + k] * wide[i][16 + k];
            }
            assertThat(norm).isCloseTo(1.0, Offset.offset(1e-5));
        }
    }

    @Test
    void anEnsembleListenerSeesEveryMemberAfterTheSameEpoch() {
        List<float[][]> snapshots = new java.util.ArrayList<>();
        TrainedModel ensemble = MusigTrainer.train(DATA.graph, DATA.features, config("ensembleSize", 2, "epochs", 3),
                Progress.NONE, (epoch, snapshot) -> {
                    snapshots.add(new float[][] {snapshot.parameters(0), snapshot.parameters(1)});
                    return epoch < 2;
                });
        assertThat(snapshots).hasSize(2);
        TrainedModel twoEpochs = train(config("ensembleSize", 2, "epochs", 2));
        assertThat(snapshots.get(1)[0]).isEqualTo(twoEpochs.parameters(0));
        assertThat(snapshots.get(1)[1]).isEqualTo(twoEpochs.parameters(1));
        assertThat(ensemble.parameters(1)).isEqualTo(twoEpochs.parameters(1));
    }

    @Test
    void anEnsembleRoundTripsThroughItsBytesAndTruncatedBytesAreRefused() {
        TrainedModel ensemble = train(config("ensembleSize", 2));
        byte[] bytes = ensemble.serialize();
        TrainedModel copy = TrainedModel.deserialize(bytes);
        assertThat(copy.parameters(1)).isEqualTo(ensemble.parameters(1));
        assertThat(copy.embed(DATA.graph, DATA.features, NODES, 5))
                .isDeepEqualTo(ensemble.embed(DATA.graph, DATA.features, NODES, 5));
        assertThatThrownBy(() -> TrainedModel.deserialize(Arrays.copyOf(bytes, bytes.length - 4)))
                .isInstanceOf(CorruptModelException.class);
    }

    @Test
    void aModelStoredBeforeEnsemblesReadsAsItsOneMember() {
        TrainedModel model = train(config());
        byte[] current = model.serialize();
        // Format 4 had no member count before the one parameter array: drop it and say version 4.
        int memberCountAt = current.length - 4 * model.parameterCount() - 4 - 4;
        assertThat(ByteBuffer.wrap(current, memberCountAt, 4).getInt()).isEqualTo(1);
        byte[] old = new byte[current.length - 4];
        System.arraycopy(current, 0, old, 0, memberCountAt);
        System.arraycopy(current, memberCountAt + 4, old, memberCountAt, current.length - memberCountAt - 4);
        ByteBuffer.wrap(old).putInt(4, 4);

        TrainedModel read = TrainedModel.deserialize(old);
        assertThat(read.parameters()).isEqualTo(model.parameters());
        assertThat(read.embed(DATA.graph, DATA.features, NODES, 5))
                .isDeepEqualTo(model.embed(DATA.graph, DATA.features, NODES, 5));
    }

    @Test
    void theMemoryEstimateCountsEveryMembersTrainingState() {
        long one = TrainedModel.estimateBytes(20_000, 1_000_000, config(), 70);
        long three = TrainedModel.estimateBytes(20_000, 1_000_000, config("ensembleSize", 3), 70);
        long pairOrder = org.musig.model.sample.PositivePairSampler.memoryBytes(1_000_000, false);
        assertThat(three - one).isGreaterThanOrEqualTo(2 * pairOrder).isLessThan(2 * one);
    }
}
