package org.musig.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musig.app.cli.AnswerConsistency.Verdict;
import org.musig.model.rank.VectorTable;

/**
 * The load benchmark's classifier, fed answers computed the way musig.recommend computes them
 * (VectorTable's seed mean and top k) from the old vectors, the new ones, or a matrix read half way
 * through a write.
 */
class AnswerConsistencyTest {
    private static final int TRACKS = 200;
    private static final int[] SEEDS = {3, 3, 150, 17}; // a duplicate counts once, as in the procedures

    private final float[][] oldVectors = random(1);
    private final float[][] newVectors = random(2);
    private final AnswerConsistency check = new AnswerConsistency(AnswerConsistency.units(oldVectors),
            AnswerConsistency.units(newVectors));

    private record Answer(int[] rows, double[] scores) {
    }

    private static float[][] random(long seed) {
        Random random = new Random(seed);
        float[][] vectors = new float[TRACKS][16];
        for (float[] v : vectors) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * 3);
            }
        }
        return vectors;
    }

    /** What the procedure returns when its cached matrix holds these vectors. */
    private static Answer serve(float[][] vectors, int k) {
        VectorTable table = VectorTable.of(vectors);
        int[] distinct = Arrays.stream(SEEDS).distinct().toArray();
        VectorTable.Hit[] hits = table.top(table.meanOf(distinct), k,
                row -> Arrays.stream(distinct).noneMatch(s -> s == row));
        return new Answer(Arrays.stream(hits).mapToInt(VectorTable.Hit::row).toArray(),
                Arrays.stream(hits).mapToDouble(VectorTable.Hit::score).toArray());
    }

    @Test
    void answersFromOneVectorSetAreOldOrNewAndTheTrueTopK() {
        Answer old = serve(oldVectors, 10);
        Answer fresh = serve(newVectors, 10);
        assertThat(check.classify(SEEDS, old.rows(), old.scores())).isEqualTo(Verdict.OLD);
        assertThat(check.classify(SEEDS, fresh.rows(), fresh.scores())).isEqualTo(Verdict.NEW);
        assertThat(check.isTopK(Verdict.OLD, SEEDS, old.scores())).isTrue();
        assertThat(check.isTopK(Verdict.NEW, SEEDS, fresh.scores())).isTrue();
        assertThat(check.isTopK(Verdict.NEW, SEEDS, old.scores())).isFalse();
    }

    @Test
    void anAnswerFromAMatrixReadHalfWayThroughAWriteIsMixed() {
        float[][] halfWritten = oldVectors.clone();
        System.arraycopy(newVectors, 0, halfWritten, 0, TRACKS / 2); // rows 0-99 already rewritten
        Answer mixed = serve(halfWritten, 10);
        assertThat(check.classify(SEEDS, mixed.rows(), mixed.scores())).isEqualTo(Verdict.MIXED);
        assertThat(check.isTopK(Verdict.MIXED, SEEDS, mixed.scores())).isFalse();
    }

    @Test
    void oneWrongScoreMakesAnAnswerMixed() {
        Answer old = serve(oldVectors, 10);
        double[] scores = old.scores().clone();
        scores[9] += 1e-3;
        assertThat(check.classify(SEEDS, old.rows(), scores)).isEqualTo(Verdict.MIXED);
        assertThat(check.classify(SEEDS, old.rows(), old.scores())).isEqualTo(Verdict.OLD);
    }

    @Test
    void aConsistentAnswerThatSkipsABetterTrackIsNotTheTopK() {
        Answer top11 = serve(oldVectors, 11);
        int[] rows = Arrays.copyOfRange(top11.rows(), 1, 11); // the best track left out
        double[] scores = Arrays.copyOfRange(top11.scores(), 1, 11);
        assertThat(check.classify(SEEDS, rows, scores)).isEqualTo(Verdict.OLD);
        assertThat(check.isTopK(Verdict.OLD, SEEDS, scores)).isFalse();
    }
}
