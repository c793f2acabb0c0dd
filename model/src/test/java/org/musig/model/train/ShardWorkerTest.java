package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.model.nn.HeldBytes;
import org.musig.model.nn.SageNetwork;
import org.musig.model.nn.TableGradient;

/** One shard: its roots' partner and cold-start masks, its result, and the bytes a worker holds. */
class ShardWorkerTest {
    private static final ToyData DATA = ToyData.planted(120, 2, 80, 6, 4, 0.8, 3);

    @Test
    void partnersPairAnchorsWithPositivesAndNegativesWithNone() {
        int[] roots = {10, 11, 20, 21, 30, 31, 32, 33};
        int[] partner = new int[8];

        ShardWorker.pairPartners(roots, 8, 2, partner);

        assertThat(partner).containsExactly(20, 21, 10, 11, -1, -1, -1, -1);
    }

    @Test
    void coldStartRootsAreDrawnAtTheRateFromTheGivenStream() {
        boolean[] isolated = new boolean[10_000];
        ShardWorker.drawIsolated(new SplittableRandom(4), 0.3, isolated.length, isolated);
        boolean[] again = new boolean[isolated.length];
        ShardWorker.drawIsolated(new SplittableRandom(4), 0.3, again.length, again);

        int cold = 0;
        for (boolean b : isolated) {
            cold += b ? 1 : 0;
        }
        assertThat(cold).isBetween(2_800, 3_200);
        assertThat(again).isEqualTo(isolated);
    }

    @Test
    void aShardsResultDoesNotDependOnWhatTheWorkerRanBefore() {
        TrainingParts parts = new TrainingParts(DATA, Map.of("embeddingDimension", 8, "sampleSizes",
                TrainingParts.samples(4, 3), "maskPartner", true));
        parts.shared.inner().fill(0, parts.shared.inner().rowCount(), parts.shared.neighbours(), parts.shared.encoded(),
                node -> new SplittableRandom(node));
        TrainingBatch batch = parts.batch(200); // shards of 128 and 72 pairs
        double[] scale = {0.01, 0.01, 0.01};
        int maxRoots = ShardWorker.maxRoots(1);
        int p = parts.net.tableOffset();
        TableGradient tables = new TableGradient(parts.net);

        ShardWorker fresh = new ShardWorker(parts.shared, maxRoots);
        float[] alone = new float[p];
        double[] aloneLosses = new double[SageNetwork.TASKS];
        fresh.run(batch, 0, 0, 1, scale, alone, tables, aloneLosses);

        ShardWorker used = new ShardWorker(parts.shared, maxRoots);
        used.run(batch, 0, 0, 0, scale, new float[p], tables, new double[SageNetwork.TASKS]);
        float[] after = new float[p];
        java.util.Arrays.fill(after, 7f); // the shard overwrites its gradient
        double[] afterLosses = {1, 2, 3};
        used.run(batch, 0, 0, 1, scale, after, tables, afterLosses);

        assertThat(after).containsExactly(alone);
        assertThat(afterLosses).containsExactly(aloneLosses);
        assertThat(alone).isNotEqualTo(new float[p]);
        assertThat(used.headNanos()).isPositive();
        assertThat(used.aggregatorNanos()).hasSize(4);
    }

    @Test
    void memoryBytesIsWhatAWorkerHolds() {
        TrainingParts parts = new TrainingParts(DATA, Map.of("embeddingDimension", 8, "sampleSizes",
                TrainingParts.samples(4, 3), "negativeSamples", 2));
        int maxRoots = ShardWorker.maxRoots(2);
        ShardWorker worker = new ShardWorker(parts.shared, maxRoots);

        assertThat(ShardWorker.memoryBytes(parts.net, maxRoots))
                .isEqualTo(HeldBytes.of(worker, ShardWorker.Shared.class, SageNetwork.class));
    }
}
