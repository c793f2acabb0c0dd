package org.musig.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;

class CooccurrenceMemoryEstimateTest {

    @Test
    void theEdgeBoundHoldsAndTheGraphSizeIsExactForTheKeptEdges() {
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            PlaylistMemberships m =
                    PlaylistMemberships.of(300, CooccurrenceCounterTest.randomPlaylists(random, 300, 400, 30));
            for (int minWeight : new int[] {1, 2, 5}) {
                CooccurrenceMemoryEstimate estimate = CooccurrenceMemoryEstimate.of(m, minWeight, 2);
                CooccurrenceGraph graph = CooccurrenceCounter.count(m, minWeight, 2, Progress.NONE);
                assertThat(estimate.maxRelationships()).isGreaterThanOrEqualTo(graph.relationshipCount());
                assertThat(estimate.graphBytesUpperBound()).isGreaterThanOrEqualTo(graph.memoryBytes());
                assertThat(CooccurrenceMemoryEstimate.graphBytes(graph.nodeCount(), graph.relationshipCount()))
                        .isEqualTo(graph.memoryBytes());
                assertThat(estimate.membershipBytes()).isEqualTo(m.memoryBytes());
                assertThat(estimate.peakBytesUpperBound())
                        .isGreaterThan(estimate.membershipBytes() + estimate.indexBytes());
            }
        }
    }

    @Test
    void theWorstCaseNeedsNoMembershipsAndBoundsTheExactEstimate() {
        PlaylistMemberships m =
                PlaylistMemberships.of(300, CooccurrenceCounterTest.randomPlaylists(new Random(5), 300, 400, 30));
        CooccurrenceMemoryEstimate exact = CooccurrenceMemoryEstimate.of(m, 3, 4);
        CooccurrenceMemoryEstimate worst = CooccurrenceMemoryEstimate.worstCase(m.trackCount(), m.playlistCount(),
                m.membershipCount(), m.pairOccurrences(), 3, 4);
        assertThat(worst.membershipBytes()).isEqualTo(exact.membershipBytes());
        assertThat(worst.indexBytes()).isGreaterThanOrEqualTo(exact.indexBytes());
        assertThat(worst.scratchBytesPerThread()).isGreaterThanOrEqualTo(exact.scratchBytesPerThread());
        assertThat(worst.maxRelationships()).isGreaterThanOrEqualTo(exact.maxRelationships());
        assertThat(worst.peakBytesUpperBound()).isGreaterThanOrEqualTo(exact.peakBytesUpperBound());
        assertThat(worst.concurrency()).isEqualTo(4);
    }

    @Test
    void scratchScalesWithCandidatesNotTracks() {
        // 1000 tracks, but only tracks 0 and 1 are in >= 2 playlists.
        int[][] playlists = new int[500][];
        for (int p = 0; p < playlists.length; p++) {
            playlists[p] = p < 2 ? new int[] {0, 1} : new int[] {2 + p};
        }
        CooccurrenceMemoryEstimate estimate =
                CooccurrenceMemoryEstimate.of(PlaylistMemberships.of(1000, playlists), 2, 1);
        assertThat(estimate.scratchBytesPerThread()).isLessThan(100);
        assertThat(estimate.maxRelationships()).isEqualTo(1);
    }

    @Test
    void invalidArgumentsAreRejected() {
        PlaylistMemberships m = PlaylistMemberships.of(2, new int[] {0, 1});
        assertThatThrownBy(() -> CooccurrenceMemoryEstimate.of(m, 0, 1)).hasMessageContaining("minWeight must be >= 1");
        assertThatThrownBy(() -> CooccurrenceMemoryEstimate.of(m, 1, 0))
                .hasMessageContaining("concurrency must be >= 1");
    }
}
