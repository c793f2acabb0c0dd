package org.musig.model.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;

class HardNegativeSamplerTest {
    // Triangles 0-1-2 and 3-4-5 joined by the edge 2-3; triangle 6-7-8 on its own; node 9 isolated.
    private static final CooccurrenceGraph GRAPH = CooccurrenceCounter.count(PlaylistMemberships.of(10,
            new int[] {0, 1, 2}, new int[] {3, 4, 5}, new int[] {2, 3}, new int[] {6, 7, 8}, new int[] {9}), 1, 1,
            Progress.NONE);
    /** Each node's tracks at distance exactly 2, by hand. */
    private static final Map<Integer, Set<Integer>> TWO_HOPS = Map.of(0, Set.of(3), 1, Set.of(3), 2, Set.of(4, 5),
            3, Set.of(0, 1), 4, Set.of(2), 5, Set.of(2));

    @Test
    void walksEndOnlyOnTracksAtDistanceTwoAndReachEachOfThem() {
        HardNegativeSampler sampler = new HardNegativeSampler(GRAPH, NegativeSampler.uniform(10), 1);
        SplittableRandom random = new SplittableRandom(1);
        TWO_HOPS.forEach((node, expected) -> {
            Set<Integer> found = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                int hard = sampler.twoHopsAway(node, random);
                if (hard >= 0) {
                    found.add(hard);
                }
            }
            assertThat(found).as("node " + node).isEqualTo(expected);
        });
    }

    @Test
    void aTrackWithoutTracksAtDistanceTwoGetsOrdinaryNegatives() {
        HardNegativeSampler sampler = new HardNegativeSampler(GRAPH, NegativeSampler.uniform(10), 1);
        SplittableRandom random = new SplittableRandom(2);
        for (int node : new int[] {6, 9}) {
            Set<Integer> drawn = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                assertThat(sampler.twoHopsAway(node, random)).isEqualTo(-1);
                drawn.add(sampler.next(node, random));
            }
            Set<Integer> others = new HashSet<>(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            others.remove(node);
            assertThat(drawn).as("node " + node).isEqualTo(others);
        }
    }

    @Test
    void theSameSeedDrawsTheSameNegatives() {
        HardNegativeSampler sampler = new HardNegativeSampler(GRAPH, NegativeSampler.byDegree(GRAPH, 0.75), 0.5);
        SplittableRandom a = new SplittableRandom(3);
        SplittableRandom b = new SplittableRandom(3);
        SplittableRandom c = new SplittableRandom(4);
        int[] first = new int[500];
        int[] again = new int[500];
        int[] other = new int[500];
        for (int i = 0; i < first.length; i++) {
            first[i] = sampler.next(i % 10, a);
            again[i] = sampler.next(i % 10, b);
            other[i] = sampler.next(i % 10, c);
        }
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void withoutHardNegativesItDrawsWhatTheOrdinarySamplerDrawsFromTheSameStream() {
        NegativeSampler ordinary = NegativeSampler.byDegree(GRAPH, 0.75);
        HardNegativeSampler sampler = new HardNegativeSampler(GRAPH, ordinary, 0);
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            assertThat(sampler.next(i % 10, a)).isEqualTo(ordinary.nextOtherThan(i % 10, b));
        }
        assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new HardNegativeSampler(GRAPH, NegativeSampler.uniform(10), 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
    }
}
