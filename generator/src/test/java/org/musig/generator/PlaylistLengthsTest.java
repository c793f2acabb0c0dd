package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlaylistLengthsTest {

    @Test
    void lengthsStayInMpdBoundsWithTheRequestedMeanAndAMpdLikeMedian() {
        PlaylistLengths lengths = new PlaylistLengths(66.0);
        assertThat(lengths.mean()).isCloseTo(66.0, within(0.01));
        assertThat(lengths.probability(4)).isZero();
        assertThat(lengths.probability(251)).isZero();
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 200_000;
        int[] histogram = new int[PlaylistLengths.MAX_LENGTH + 1];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int l = lengths.sample(rnd);
            assertThat(l).isBetween(PlaylistLengths.MIN_LENGTH, PlaylistLengths.MAX_LENGTH);
            histogram[l]++;
            sum += l;
        }
        assertThat(sum / (double) n).isCloseTo(66.0, within(0.5));
        int below = 0;
        int median = 0;
        while (below + histogram[median] < n / 2) {
            below += histogram[median++];
        }
        assertThat(median).as("median (the real MPD's is 49)").isBetween(44, 54);
    }

    @Test
    void otherMeansAreHitToo() {
        assertThat(new PlaylistLengths(10.0).mean()).isCloseTo(10.0, within(0.01));
        assertThat(new PlaylistLengths(150.0).mean()).isCloseTo(150.0, within(0.01));
    }
}
