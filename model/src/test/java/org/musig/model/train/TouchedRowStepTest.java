package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.model.nn.SageNetwork;
import org.musig.model.nn.TableGradient;

/** The table rows' Adam step in chunks: every touched row once, with its shards' sum, in any chunk order. */
class TouchedRowStepTest {
    /** 2 dense columns, a 40-column table (one group, outside the neighbour mean), dimension 3. */
    private static final SageNetwork NET =
            new SageNetwork(new SageNetwork.InputShape(2, 40, 1, 0, 0, 42), 3, new int[] {2}, false);

    /** Three shards touching overlapping rows, in different orders, with random values. */
    private static TableGradient[] shards() {
        SplittableRandom random = new SplittableRandom(5);
        TableGradient[] shards = new TableGradient[3];
        for (int s = 0; s < shards.length; s++) {
            shards[s] = new TableGradient(NET);
            for (int i = 0; i < 12; i++) {
                float[] values = shards[s].touch(random.nextInt(25));
                for (int d = 0; d < values.length; d++) {
                    values[d] += (float) random.nextGaussian();
                }
            }
        }
        return shards;
    }

    private static float[] parameters() {
        float[] parameters = new float[NET.parameterCount()];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = (float) random.nextGaussian();
        }
        return parameters;
    }

    @Test
    void chunksInAnyOrderStepEachTouchedRowOnceWithTheSumOfItsShardsInShardOrder() {
        TableGradient[] shards = shards();
        int dim = NET.dimension();
        float[] dense = new float[NET.tableOffset()];

        // By hand: each touched row's sum from zero over the shards in shard order, one stepRow per row.
        float[] expected = parameters();
        AdamOptimizer reference = new AdamOptimizer(NET.parameterCount(), 0.01);
        reference.stepDense(expected, dense, NET.tableOffset());
        int touched = 0;
        for (int row = 0; row < TableGradient.rows(NET); row++) {
            float[] sum = new float[dim];
            boolean any = false;
            for (TableGradient shard : shards) {
                float[] values = shard.valuesOf(row);
                if (values != null) {
                    any = true;
                    for (int d = 0; d < dim; d++) {
                        sum[d] += values[d];
                    }
                }
            }
            if (any) {
                touched++;
                reference.stepRow(expected, NET.tableOffset() + row * dim, sum, new AdamOptimizer.RowScratch(dim));
            }
        }

        float[] actual = parameters();
        AdamOptimizer adam = new AdamOptimizer(NET.parameterCount(), 0.01);
        adam.stepDense(actual, dense, NET.tableOffset());
        TouchedRowStep step = new TouchedRowStep(NET, 4);
        int chunks = step.collect(shards, shards.length);
        for (int c = chunks - 1; c >= 0; c--) {
            step.stepChunk(c, shards, shards.length, adam, actual);
        }

        assertThat(step.count()).isEqualTo(touched).isGreaterThan(12);
        assertThat(chunks).isEqualTo((touched + 3) / 4);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).isNotEqualTo(parameters());
    }

    @Test
    void aLaterBatchListsOnlyItsOwnRows() {
        TouchedRowStep step = new TouchedRowStep(NET, 4);
        step.collect(shards(), 3);
        TableGradient one = new TableGradient(NET);
        one.touch(7);
        one.touch(3);

        assertThat(step.collect(new TableGradient[] {one}, 1)).isEqualTo(1);
        assertThat(step.count()).isEqualTo(2);
    }
}
