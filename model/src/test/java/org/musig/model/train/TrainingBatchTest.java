package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.nn.TaskLabels;
import org.musig.model.sample.HardNegativeSampler;
import org.musig.model.sample.NegativeSampler;
import org.musig.model.sample.PositivePairSampler;

class TrainingBatchTest {

    @Test
    void withoutHardNegativesABatchDrawsTheOrientationsAndNegativesOfTheOrdinarySampler() {
        ToyData data = ToyData.planted(300, 2, 240, 8, 10, 0.8, 5);
        TrainingBatch batch = batch(data, 0, 3, 11);

        // What the batch drew before hard negatives, from a twin of its stream.
        NegativeSampler ordinary = NegativeSampler.byDegree(data.graph, 0.75);
        PositivePairSampler positives = new PositivePairSampler(data.graph);
        SplittableRandom random = new SplittableRandom(11);
        for (int p = 0; p < batch.pairs; p++) {
            boolean flip = random.nextBoolean();
            int a = flip ? positives.target(p) : positives.source(p);
            assertThat(batch.anchor[p]).isEqualTo(a);
            assertThat(batch.positive[p]).isEqualTo(flip ? positives.source(p) : positives.target(p));
            for (int k = 0; k < 3; k++) {
                assertThat(batch.negative[p * 3 + k]).isEqualTo(ordinary.nextOtherThan(a, random));
            }
        }
    }

    @Test
    void withHardNegativesAtHalfHalfTheNegativesAreDrawnLikeHardOnes() {
        // Twelve communities: an ordinary negative is rarely two hops from its anchor, a hard one nearly always.
        ToyData data = ToyData.planted(600, 12, 240, 8, 0, 0.8, 5);
        double ordinary = twoHopShare(data, 0);
        double hard = twoHopShare(data, 1);
        double half = twoHopShare(data, 0.5);
        assertThat(ordinary).isLessThan(0.1);
        assertThat(hard).isGreaterThan(0.8);
        // Each negative is hard with probability 1/2, so the share is the mean of the two. About 20,000
        // negatives: each share's standard deviation is under 0.004, so 0.03 is far outside chance.
        assertThat(half).isCloseTo((ordinary + hard) / 2, offset(0.03));
    }

    private static TrainingBatch batch(ToyData data, double hardShare, int negatives, long seed) {
        PositivePairSampler positives = new PositivePairSampler(data.graph);
        HardNegativeSampler sampler = new HardNegativeSampler(data.graph, NegativeSampler.byDegree(data.graph, 0.75),
                hardShare);
        return TrainingBatch.sample(positives, 0, positives.pairCount(), sampler, negatives,
                TaskLabels.of(data.features, "audio"), new SplittableRandom(seed));
    }

    /** The share of the negatives of a batch of every edge that are two hops from their anchor. */
    private static double twoHopShare(ToyData data, double hardShare) {
        TrainingBatch batch = batch(data, hardShare, 4, 1);
        int twoHops = 0;
        for (int q = 0; q < batch.negative.length; q++) {
            if (atDistanceTwo(data.graph, batch.anchor[q / batch.negatives], batch.negative[q])) {
                twoHops++;
            }
        }
        return twoHops / (double) batch.negative.length;
    }

    private static boolean atDistanceTwo(CooccurrenceGraph graph, int a, int b) {
        if (a == b || graph.weightBetween(a, b) > 0) {
            return false;
        }
        for (int m : graph.neighbours(a)) {
            if (graph.weightBetween(m, b) > 0) {
                return true;
            }
        }
        return false;
    }
}
