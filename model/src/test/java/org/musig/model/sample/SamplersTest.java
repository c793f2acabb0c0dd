package org.musig.model.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;

class SamplersTest {
    // Edges: 0-1 weight 3, 0-2 weight 1, 1-2 weight 1; node 3 isolated; node 4 alone with 5 (weight 1).
    private static final CooccurrenceGraph GRAPH = CooccurrenceCounter.count(PlaylistMemberships.of(6,
            new int[] {0, 1, 2}, new int[] {0, 1}, new int[] {0, 1}, new int[] {4, 5}, new int[] {3}), 1, 1,
            Progress.NONE);

    @Test
    void isolatedNodeSamplesItself() {
        int[] out = new int[4];
        new NeighborhoodSampler(GRAPH, false).sample(new int[] {3}, 0, 1, 4, out, 0, new SplittableRandom(1));
        assertThat(out).containsOnly(3);
    }

    @Test
    void uniformSamplingIgnoresWeightsAndWeightedSamplingFollowsThem() {
        int draws = 40_000;
        int[] out = new int[draws];
        new NeighborhoodSampler(GRAPH, false).sample(new int[] {0}, 0, 1, draws, out, 0, new SplittableRandom(2));
        assertThat(share(out, 1)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
        new NeighborhoodSampler(GRAPH, true).sample(new int[] {0}, 0, 1, draws, out, 0, new SplittableRandom(2));
        assertThat(share(out, 1)).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.02));
        assertThat(out).containsOnly(1, 2);
    }

    @Test
    void degreeNegativesFollowDegreeToThePowerThreeQuartersAndSkipIsolatedNodes() {
        NegativeSampler sampler = NegativeSampler.byDegree(GRAPH, 0.75);
        SplittableRandom random = new SplittableRandom(3);
        int[] counts = new int[6];
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            counts[sampler.next(random)]++;
        }
        double two = Math.pow(2, 0.75);
        double total = 3 * two + 2; // nodes 0, 1, 2 have degree 2; nodes 4, 5 degree 1
        assertThat(counts[3]).isZero();
        assertThat(counts[0] / (double) draws).isCloseTo(two / total, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts[4] / (double) draws).isCloseTo(1 / total, org.assertj.core.data.Offset.offset(0.01));
        assertThat(sampler.nextOtherThan(0, random)).isNotEqualTo(0);
    }

    @Test
    void everyEdgeIsAPositivePairOncePerEpoch() {
        PositivePairSampler pairs = new PositivePairSampler(GRAPH);
        assertThat(pairs.pairCount()).isEqualTo(4);
        for (int epoch = 0; epoch < 3; epoch++) {
            pairs.shuffle(pairs.pairCount(), RandomStreams.of(1, RandomStreams.PAIR_ORDER, epoch, 0, 0));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < pairs.pairCount(); i++) {
                assertThat(GRAPH.weightBetween(pairs.source(i), pairs.target(i))).isPositive();
                seen.add(pairs.source(i) + "-" + pairs.target(i));
            }
            assertThat(seen).containsExactlyInAnyOrder("0-1", "0-2", "1-2", "4-5");
        }
        assertThat(pairs.pairsPerEpoch(2)).isEqualTo(2);
        assertThat(pairs.pairsPerEpoch(Long.MAX_VALUE)).isEqualTo(4);
    }

    @Test
    void weightedPositivesAreDrawnInProportionToCooccurrenceWeight() {
        // Weights 3 + 1 + 1 + 1 = 6: edge 0-1 is half of the draws, each other edge a sixth.
        PositivePairSampler pairs = new PositivePairSampler(GRAPH, true);
        assertThat(pairs.weighted()).isTrue();
        Map<String, Integer> drawn = new HashMap<>();
        int epochs = 3000;
        for (int epoch = 0; epoch < epochs; epoch++) {
            pairs.shuffle(pairs.pairCount(), RandomStreams.of(1, RandomStreams.PAIR_ORDER, epoch, 0, 0));
            for (int i = 0; i < pairs.pairCount(); i++) {
                drawn.merge(pairs.source(i) + "-" + pairs.target(i), 1, Integer::sum);
            }
        }
        double total = epochs * pairs.pairCount();
        assertThat(drawn).containsOnlyKeys("0-1", "0-2", "1-2", "4-5");
        assertThat(drawn.get("0-1") / total).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
        assertThat(drawn.get("4-5") / total).isCloseTo(1 / 6.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(PositivePairSampler.memoryBytes(10, true)).isGreaterThan(PositivePairSampler.memoryBytes(10, false));
    }

    @Test
    void playlistPositivesPairEveryMembershipOncePerEpochWithAnotherTrackOfItsPlaylist() {
        // Playlists {0,1,2}, {0,1}, {0,1}, {4,5} and {3}: track 3's playlist has no partner, so 9 memberships pair.
        PlaylistMemberships memberships = PlaylistMemberships.of(6, new int[] {0, 1, 2}, new int[] {0, 1},
                new int[] {0, 1}, new int[] {4, 5}, new int[] {3});
        PositivePairSampler pairs = PositivePairSampler.fromPlaylists(memberships);
        assertThat(pairs.pairCount()).isEqualTo(9);
        Map<String, Integer> drawn = new HashMap<>();
        int epochs = 3000;
        for (int epoch = 0; epoch < epochs; epoch++) {
            pairs.shuffle(pairs.pairCount(), RandomStreams.of(1, RandomStreams.PAIR_ORDER, epoch, 0, 0));
            for (int i = 0; i < pairs.pairCount(); i++) {
                assertThat(pairs.source(i)).isLessThan(pairs.target(i));
                drawn.merge(pairs.source(i) + "-" + pairs.target(i), 1, Integer::sum);
            }
        }
        // Per epoch: pair 4-5 twice (each of its memberships), 0-1 four times from the two-track playlists and
        // once from {0,1,2} (two of its three memberships draw it with chance 1/2), 0-2 and 1-2 once each.
        double total = epochs;
        assertThat(drawn).containsOnlyKeys("0-1", "0-2", "1-2", "4-5");
        assertThat(drawn.get("4-5") / total).isEqualTo(2.0);
        assertThat(drawn.get("0-1") / total).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(drawn.get("0-2") / total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(pairs.pairsPerEpoch(4)).isEqualTo(4);
    }

    @Test
    void playlistCountNegativesSkipTracksNoPlaylistHolds() {
        NegativeSampler sampler = NegativeSampler.byCount(new int[] {16, 0, 1}, 0.75);
        SplittableRandom random = new SplittableRandom(4);
        int[] counts = new int[3];
        for (int i = 0; i < 90_000; i++) {
            counts[sampler.next(random)]++;
        }
        assertThat(counts[1]).isZero();
        assertThat(counts[0] / (double) counts[2]).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void randomStreamsDependOnEveryCoordinate() {
        long base = RandomStreams.of(42, RandomStreams.NEGATIVES, 1, 2, 3).nextLong();
        assertThat(RandomStreams.of(42, RandomStreams.NEGATIVES, 1, 2, 3).nextLong()).isEqualTo(base);
        assertThat(RandomStreams.of(43, RandomStreams.NEGATIVES, 1, 2, 3).nextLong()).isNotEqualTo(base);
        assertThat(RandomStreams.of(42, RandomStreams.INIT, 1, 2, 3).nextLong()).isNotEqualTo(base);
        assertThat(RandomStreams.of(42, RandomStreams.NEGATIVES, 2, 2, 3).nextLong()).isNotEqualTo(base);
        assertThat(RandomStreams.of(42, RandomStreams.NEGATIVES, 1, 3, 3).nextLong()).isNotEqualTo(base);
        assertThat(RandomStreams.of(42, RandomStreams.NEGATIVES, 1, 2, 4).nextLong()).isNotEqualTo(base);
    }

    private static double share(int[] values, int value) {
        int count = 0;
        for (int v : values) {
            if (v == value) {
                count++;
            }
        }
        return count / (double) values.length;
    }
}
