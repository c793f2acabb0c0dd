package org.musig.model.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;

class WalkNeighbourhoodsTest {
    // Triangles 0-1-2 and 3-4-5 joined by the edge 2-3; triangle 6-7-8 on its own; node 9 isolated.
    private static final CooccurrenceGraph GRAPH = graph(10,
            new int[] {0, 1, 2}, new int[] {3, 4, 5}, new int[] {2, 3}, new int[] {6, 7, 8}, new int[] {9});

    private static CooccurrenceGraph graph(int tracks, int[]... playlists) {
        return CooccurrenceCounter.count(PlaylistMemberships.of(tracks, playlists), 1, 1, Progress.NONE);
    }

    private static WalkNeighbourhoods walks(CooccurrenceGraph graph, int threads) {
        return WalkNeighbourhoods.of(graph, new NeighborhoodSampler(graph, true), 7, threads, Progress.NONE);
    }

    @Test
    void walksKeepTracksWithinTwoStepsButNeverTheStartAndReachTracksThatShareNoPlaylistWithIt() {
        WalkNeighbourhoods walks = walks(GRAPH, 1);
        assertThat(walks.neighbours(0)).containsOnly(1, 2, 3).contains(3);
        assertThat(walks.neighbours(2)).containsOnly(0, 1, 3, 4, 5).contains(4, 5);
        assertThat(walks.neighbours(7)).containsExactlyInAnyOrder(6, 8);
        for (int node = 0; node < 9; node++) {
            int[] visits = walks.visits(node);
            assertThat(Arrays.stream(visits).min().orElse(1)).as("node " + node).isPositive();
            // Most visited first; the first step of every walk lands on a neighbour.
            for (int i = 1; i < visits.length; i++) {
                assertThat(visits[i]).isLessThanOrEqualTo(visits[i - 1]);
            }
            assertThat(Arrays.stream(visits).sum()).isBetween(WalkNeighbourhoods.WALKS,
                    WalkNeighbourhoods.WALKS * WalkNeighbourhoods.HOPS);
        }
    }

    @Test
    void aStrongCooccurrenceIsVisitedMoreOftenThanAWeakOne() {
        // 0 shares five playlists with 1 and one with 2.
        CooccurrenceGraph graph = graph(3, new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 1},
                new int[] {0, 1}, new int[] {0, 2});
        WalkNeighbourhoods walks = walks(graph, 1);
        assertThat(walks.neighbours(0)).containsExactly(1, 2);
        assertThat(walks.visits(0)[0]).isGreaterThan(3 * walks.visits(0)[1]);
    }

    @Test
    void aHubKeepsOnlyItsMostVisitedTracks() {
        int leaves = 2 * WalkNeighbourhoods.TOP;
        int[][] playlists = new int[leaves][];
        for (int leaf = 1; leaf <= leaves; leaf++) {
            playlists[leaf - 1] = new int[] {0, leaf};
        }
        WalkNeighbourhoods walks = walks(graph(leaves + 1, playlists), 1);
        assertThat(walks.size(0)).isEqualTo(WalkNeighbourhoods.TOP);
        // A leaf's every walk passes through the hub, so the hub is its most visited track.
        assertThat(walks.neighbours(5)[0]).isZero();
        assertThat(walks.visits(5)[0]).isEqualTo(WalkNeighbourhoods.WALKS);
    }

    @Test
    void anIsolatedTrackKeepsNoneAndSamplesItself() {
        NeighborhoodSampler sampler = NeighborhoodSampler.byWalks(GRAPH, 7, 1, Progress.NONE);
        int[] out = new int[5];
        sampler.sample(new int[] {9}, 0, 1, 5, out, 0, new SplittableRandom(1));
        assertThat(out).containsOnly(9);
        assertThat(walks(GRAPH, 1).size(9)).isZero();
    }

    @Test
    void samplesFollowTheVisitCounts() {
        WalkNeighbourhoods walks = walks(GRAPH, 1);
        NeighborhoodSampler sampler = NeighborhoodSampler.byWalks(GRAPH, 7, 1, Progress.NONE);
        int draws = 100_000;
        int[] out = new int[draws];
        sampler.sample(new int[] {2}, 0, 1, draws, out, 0, new SplittableRandom(3));
        int[] neighbours = walks.neighbours(2);
        int[] visits = walks.visits(2);
        int total = Arrays.stream(visits).sum();
        for (int i = 0; i < neighbours.length; i++) {
            int target = neighbours[i];
            long drawn = Arrays.stream(out).filter(t -> t == target).count();
            assertThat((double) drawn / draws).as("track " + target).isCloseTo((double) visits[i] / total,
                    offset(0.01));
        }
    }

    @Test
    void walkingReportsEveryNodeAndStopsWhenTheWorkMustStop() {
        List<String> stages = new ArrayList<>();
        long[] done = {0};
        Progress recording = new Progress() {
            @Override
            public void begin(String stage, long volume) {
                stages.add(stage + " " + volume);
            }

            @Override
            public void advance(long units) {
                done[0] += units;
            }

            @Override
            public void checkRunning() {
            }
        };
        WalkNeighbourhoods.of(GRAPH, new NeighborhoodSampler(GRAPH, true), 7, 2, recording);
        assertThat(stages).containsExactly("neighbourhood walks 10");
        assertThat(done[0]).isEqualTo(10);

        Progress stopped = () -> {
            throw new IllegalStateException("terminated");
        };
        assertThatThrownBy(() -> NeighborhoodSampler.byWalks(GRAPH, 7, 1, stopped)).hasMessage("terminated");
    }

    @Test
    void theNeighbourhoodsDependOnTheSeedAndGraphButNotOnTheThreadCount() {
        SplittableRandom random = new SplittableRandom(11);
        List<int[]> playlists = new ArrayList<>();
        for (int p = 0; p < 150; p++) {
            int[] tracks = random.ints(2 + random.nextInt(8), 0, 400).distinct().toArray();
            playlists.add(tracks);
        }
        CooccurrenceGraph graph = graph(400, playlists.toArray(new int[0][]));
        WalkNeighbourhoods one = walks(graph, 1);
        for (int threads : new int[] {2, 3}) {
            WalkNeighbourhoods many = walks(graph, threads);
            for (int node = 0; node < 400; node++) {
                assertThat(many.neighbours(node)).as("node " + node).isEqualTo(one.neighbours(node));
                assertThat(many.visits(node)).as("node " + node).isEqualTo(one.visits(node));
            }
        }
        WalkNeighbourhoods otherSeed =
                WalkNeighbourhoods.of(graph, new NeighborhoodSampler(graph, true), 8, 1, Progress.NONE);
        boolean differs = false;
        for (int node = 0; node < 400 && !differs; node++) {
            differs = !Arrays.equals(otherSeed.visits(node), one.visits(node));
        }
        assertThat(differs).isTrue();
    }
}
