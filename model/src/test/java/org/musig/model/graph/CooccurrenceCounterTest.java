package org.musig.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;

class CooccurrenceCounterTest {

    @Test
    void weightsEqualABruteForceCountOnRandomGraphs() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            int[][] playlists = randomPlaylists(random, 1 + random.nextInt(60), random.nextInt(120), 16);
            int trackCount = trackCountOf(playlists, random);
            PlaylistMemberships m = PlaylistMemberships.of(trackCount, playlists);
            Map<Long, Integer> expected = bruteForce(playlists);
            for (int minWeight : new int[] {1, 2, 3, 5, 10}) {
                for (int threads : new int[] {1, 2}) {
                    CooccurrenceGraph graph = CooccurrenceCounter.count(m, minWeight, threads, Progress.NONE);
                    assertMatches(graph, expected, minWeight, trackCount,
                            "seed " + seed + " minWeight " + minWeight + " threads " + threads);
                }
            }
        }
    }

    @Test
    void minWeightDropsLighterEdges() {
        // 0-1 co-appear in 3 playlists, 1-2 in 2, 0-2 in 1.
        PlaylistMemberships m =
                PlaylistMemberships.of(3, new int[] {0, 1, 2}, new int[] {0, 1}, new int[] {0, 1}, new int[] {1, 2});

        CooccurrenceGraph all = CooccurrenceCounter.count(m, 1, 1, Progress.NONE);
        assertThat(all.relationshipCount()).isEqualTo(3);
        assertThat(all.weightBetween(0, 1)).isEqualTo(3);
        assertThat(all.weightBetween(1, 2)).isEqualTo(2);
        assertThat(all.weightBetween(2, 0)).isEqualTo(1);

        CooccurrenceGraph two = CooccurrenceCounter.count(m, 2, 1, Progress.NONE);
        assertThat(two.relationshipCount()).isEqualTo(2);
        assertThat(two.weightBetween(0, 2)).isZero();

        CooccurrenceGraph three = CooccurrenceCounter.count(m, 3, 1, Progress.NONE);
        assertThat(three.relationshipCount()).isEqualTo(1);
        assertThat(three.weightBetween(1, 0)).isEqualTo(3);
        assertThat(three.minWeight()).isEqualTo(3);

        assertThat(CooccurrenceCounter.count(m, 4, 1, Progress.NONE).relationshipCount()).isZero();
    }

    @Test
    void aDuplicateTrackInOnePlaylistCountsOnce() {
        PlaylistMemberships m = PlaylistMemberships.of(2, new int[] {0, 1, 1, 0, 1});
        CooccurrenceGraph graph = CooccurrenceCounter.count(m, 1, 1, Progress.NONE);
        assertThat(graph.weightBetween(0, 1)).isEqualTo(1);
        assertThat(CooccurrenceCounter.count(m, 2, 1, Progress.NONE).relationshipCount()).isZero();
    }

    @Test
    void tracksWithoutEdgesAreKeptAsIsolatedNodes() {
        // Tracks 3 and 4 never appear; track 2 appears but only with a light edge; 5 is alone in a playlist.
        PlaylistMemberships m = PlaylistMemberships.of(6, new int[] {0, 1, 2}, new int[] {0, 1}, new int[] {5});
        CooccurrenceGraph graph = CooccurrenceCounter.count(m, 2, 2, Progress.NONE);

        assertThat(graph.nodeCount()).isEqualTo(6);
        assertThat(graph.relationshipCount()).isEqualTo(1);
        assertThat(graph.isolatedNodes()).isEqualTo(4);
        for (int node : new int[] {2, 3, 4, 5}) {
            assertThat(graph.degree(node)).isZero();
            assertThat(graph.neighbours(node)).isEmpty();
        }
        assertThat(graph.weightedDegree(0)).isEqualTo(2);
    }

    @Test
    void outputIsIdenticalForAnyThreadCount() {
        Random random = new Random(42);
        int[][] playlists = randomPlaylists(random, 3000, 4000, 40);
        PlaylistMemberships m = PlaylistMemberships.of(3000, playlists);
        CooccurrenceGraph one = CooccurrenceCounter.count(m, 2, 1, Progress.NONE);
        assertThat(one.relationshipCount()).isGreaterThan(1000);
        for (int threads : new int[] {2, 3, 7}) {
            CooccurrenceGraph many = CooccurrenceCounter.count(m, 2, threads, Progress.NONE);
            assertThat(many.offsetsCopy()).isEqualTo(one.offsetsCopy());
            assertThat(many.targetsCopy()).isEqualTo(one.targetsCopy());
            assertThat(many.weightsCopy()).isEqualTo(one.weightsCopy());
        }
    }

    @Test
    void pairOccurrencesAndPlaylistsScannedDescribeTheWholeInput() {
        PlaylistMemberships m =
                PlaylistMemberships.of(8, new int[] {0, 1, 2, 3}, new int[] {4, 4, 5}, new int[] {6}, new int[] {});
        CooccurrenceGraph graph = CooccurrenceCounter.count(m, 10, 1, Progress.NONE);
        assertThat(graph.pairOccurrences()).isEqualTo(6 + 1); // independent of minWeight
        assertThat(graph.playlistsScanned()).isEqualTo(4);
        assertThat(graph.relationshipCount()).isZero();
        assertThat(graph.isolatedNodes()).isEqualTo(8);
    }

    @Test
    void emptyInputGivesAnEmptyGraph() {
        CooccurrenceGraph graph = CooccurrenceCounter.count(PlaylistMemberships.of(0), 1, 2, Progress.NONE);
        assertThat(graph.nodeCount()).isZero();
        assertThat(graph.relationshipCount()).isZero();
        assertThat(graph.playlistsScanned()).isZero();
    }

    @Test
    void invalidMinWeightOrConcurrencyIsRejected() {
        PlaylistMemberships m = PlaylistMemberships.of(2, new int[] {0, 1});
        assertThatThrownBy(() -> CooccurrenceCounter.count(m, 0, 1, Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minWeight must be >= 1, got 0");
        assertThatThrownBy(() -> CooccurrenceCounter.count(m, 1, 0, Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency must be >= 1, got 0");
    }

    @Test
    void aThrowingCheckRunningStopsTheCountWithThatException() {
        Random random = new Random(7);
        PlaylistMemberships m = PlaylistMemberships.of(2000, randomPlaylists(random, 2000, 3000, 40));
        RecordingProgress recording = new RecordingProgress();
        CooccurrenceCounter.count(m, 2, 2, recording);
        assertThat(recording.checks).hasSize(3).allMatch(calls -> calls >= 1); // every stage checks

        // Stop at every check of the single-threaded stages, and at the first poll of the counting stage
        // (how many polls follow depends on timing).
        for (int stage = 0; stage < 3; stage++) {
            long checks = stage == 1 ? 1 : recording.checks.get(stage);
            for (long n = 1; n <= checks; n++) {
                StopAt stopping = new StopAt(stage, n);
                assertThatThrownBy(() -> CooccurrenceCounter.count(m, 2, 2, stopping)).isSameAs(stopping.stop);
                assertThat(stopping.stage).isEqualTo(stage);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("musig-cooccurrence-"));
    }

    @Test
    void anInterruptedCallerStopsTheCountAndKeepsItsInterruptFlag() {
        PlaylistMemberships m = PlaylistMemberships.of(200, randomPlaylists(new Random(11), 200, 300, 20));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> CooccurrenceCounter.count(m, 2, 2, Progress.NONE))
                    .isInstanceOf(java.util.concurrent.CancellationException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("musig-cooccurrence-"));
    }

    @Test
    void progressReportsEveryStageAndAllPairWork() {
        Random random = new Random(3);
        PlaylistMemberships m = PlaylistMemberships.of(500, randomPlaylists(random, 500, 800, 30));
        RecordingProgress progress = new RecordingProgress();
        CooccurrenceCounter.count(m, 2, 2, progress);
        assertThat(progress.stages).containsExactly(
                "Co-occurrence: index candidate tracks", "Co-occurrence: count pairs", "Co-occurrence: build graph");
        assertThat(progress.done).containsExactlyElementsOf(progress.volumes);
    }

    // --- helpers ---

    /** Playlists drawn from a skewed popularity (squared uniform), so some pairs are heavy. */
    static int[][] randomPlaylists(Random random, int trackCount, int playlistCount, int maxLength) {
        int[][] playlists = new int[playlistCount][];
        for (int p = 0; p < playlistCount; p++) {
            int[] playlist = new int[random.nextInt(maxLength + 1)];
            for (int i = 0; i < playlist.length; i++) {
                double u = random.nextDouble();
                playlist[i] = (int) (u * u * trackCount);
            }
            playlists[p] = playlist;
        }
        return playlists;
    }

    private static int trackCountOf(int[][] playlists, Random random) {
        int max = -1;
        for (int[] playlist : playlists) {
            for (int track : playlist) {
                max = Math.max(max, track);
            }
        }
        return max + 1 + random.nextInt(3); // sometimes tracks that appear nowhere
    }

    /** Unordered pair (a < b) packed in a long -> number of playlists containing both. */
    private static Map<Long, Integer> bruteForce(int[][] playlists) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int[] playlist : playlists) {
            List<Integer> distinct = new ArrayList<>(new TreeSet<>(toList(playlist)));
            for (int i = 0; i < distinct.size(); i++) {
                for (int j = i + 1; j < distinct.size(); j++) {
                    counts.merge(((long) distinct.get(i) << 32) | distinct.get(j), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static List<Integer> toList(int[] values) {
        List<Integer> list = new ArrayList<>();
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    private static void assertMatches(CooccurrenceGraph graph, Map<Long, Integer> all, int minWeight, int trackCount,
                                      String context) {
        Map<Long, Integer> expected = new HashMap<>();
        all.forEach((pair, weight) -> {
            if (weight >= minWeight) {
                expected.put(pair, weight);
            }
        });
        Map<Long, Integer> actual = new HashMap<>();
        graph.forEachRelationship((a, b, w) -> {
            if (a >= b || actual.put(((long) a << 32) | b, w) != null) {
                throw new AssertionError(context + ": edge (" + a + ", " + b + ") out of order or repeated");
            }
        });
        assertThat(actual).as(context).isEqualTo(expected);
        assertThat(graph.relationshipCount()).as(context).isEqualTo(expected.size());
        assertThat(graph.nodeCount()).as(context).isEqualTo(trackCount);

        // Symmetric, sorted rows whose degrees add up (plain checks: this runs thousands of times).
        int isolated = 0;
        long degrees = 0;
        for (int node = 0; node < trackCount; node++) {
            int[] neighbours = graph.neighbours(node);
            int[] weights = graph.neighbourWeights(node);
            for (int i = 0; i < neighbours.length; i++) {
                if (neighbours[i] == node || (i > 0 && neighbours[i] <= neighbours[i - 1])
                        || graph.weightBetween(neighbours[i], node) != weights[i]) {
                    throw new AssertionError(context + ": row " + node + " is not sorted and symmetric: "
                            + java.util.Arrays.toString(neighbours));
                }
            }
            isolated += neighbours.length == 0 ? 1 : 0;
            degrees += graph.degree(node);
        }
        assertThat(degrees).as(context).isEqualTo(2 * expected.size());
        assertThat(graph.isolatedNodes()).as(context).isEqualTo(isolated);
    }

    /** Throws from the n-th checkRunning call of the given stage (0-based, in begin() order). */
    private static final class StopAt implements Progress {
        final RuntimeException stop = new IllegalStateException("stopped by the user");
        final int stopStage;
        final long limit;
        int stage = -1;
        long calls;

        StopAt(int stopStage, long limit) {
            this.stopStage = stopStage;
            this.limit = limit;
        }

        @Override
        public void begin(String name, long volume) {
            stage++;
            calls = 0;
        }

        @Override
        public void checkRunning() {
            if (stage == stopStage && ++calls >= limit) {
                throw stop;
            }
        }
    }

    private static final class RecordingProgress implements Progress {
        final List<String> stages = new ArrayList<>();
        final List<Long> volumes = new ArrayList<>();
        final List<Long> done = new ArrayList<>();
        final List<Long> checks = new ArrayList<>();

        @Override
        public void begin(String stage, long volume) {
            stages.add(stage);
            volumes.add(volume);
            done.add(0L);
            checks.add(0L);
        }

        @Override
        public void advance(long units) {
            assertThat(units).isNotNegative();
            done.set(done.size() - 1, done.get(done.size() - 1) + units);
        }

        @Override
        public void checkRunning() {
            assertThat(stages).isNotEmpty(); // begin() comes first
            checks.set(checks.size() - 1, checks.get(checks.size() - 1) + 1);
        }
    }
}
