package org.musig.model.train;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.musig.common.progress.Progress;
import org.musig.model.NativeBackend;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;

/**
 * Measures the heap the learned tables ({@code artistId}, {@code track}) take at a given size, by default the full
 * Million Playlist Dataset's (2M tracks, every one of them in a training playlist; 300K artists): the same short
 * training with popularity alone and with the tables, each after a full GC, with the heap's peak during training and
 * what the trained model keeps, beside {@link MusigTrainer#estimateBytes}. The graph is random playlists of 15 tracks;
 * the tables' size does not depend on its shape. Not a test (the suite does not run it); run its main with the test
 * classpath and a heap that holds the tables (about 1 KB per row while training):
 * {@code java -Xmx8g -cp model/target/classes:model/target/test-classes:$(cat cp.txt)
 * org.musig.model.train.LearnedTablesMemoryBenchmark [tracks, e.g. 2000000] [artists, e.g. 300000]}.
 */
public final class LearnedTablesMemoryBenchmark {

    public static void main(String[] args) {
        int tracks = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int artists = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        NativeBackend.ensureLoaded(LearnedTablesMemoryBenchmark.class);
        long t0 = System.nanoTime();
        PlaylistMemberships memberships = playlists(tracks, 10, 7);
        CooccurrenceGraph graph = CooccurrenceCounter.count(memberships, 1, 2, Progress.NONE);
        TrackFeatures features = features(graph, memberships, artists);
        System.out.printf(Locale.ROOT,
                "%,d tracks (%,d in the graph), %,d artists, %,d relationships; built in %.1f s%n",
                tracks, graph.nodeCount() - graph.isolatedNodes(), artists, graph.relationshipCount(),
                (System.nanoTime() - t0) / 1e9);
        measure("popularity only", graph, features, List.of(TrackFeatures.POPULARITY));
        measure("+ artistId + track", graph, features, List.of(TrackFeatures.POPULARITY, "artistId",
                TrackFeatures.TRACK));
    }

    private static void measure(String name, CooccurrenceGraph graph, TrackFeatures features, List<String> groups) {
        TrainConfig config = TrainConfig.parse(Map.of("features", groups, "epochs", 1, "maxPairsPerEpoch", 20_000,
                "concurrency", 2));
        long before = usedAfterGc();
        resetPeaks();
        TrainedModel model = MusigTrainer.train(graph, features, config, Progress.NONE);
        long peak = peakSinceReset();
        long kept = usedAfterGc() - before;
        System.out.printf(Locale.ROOT, "%-20s peak during training +%.2f GiB over the graph and features, kept by the "
                + "model %.3f GiB, estimate %.2f GiB (%s)%n", name, (peak - before) / GIB, kept / GIB,
                MusigTrainer.estimateBytes(graph, features, config) / GIB, model.summary().trainedPairs() + " pairs");
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap's peak (the pools peak at different times). */
    private static long peakSinceReset() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * Playlists of {@code length} consecutive tracks, so every track is in one, each with {@code length / 2} random
     * tracks more, so that they connect into one graph.
     */
    private static PlaylistMemberships playlists(int tracks, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int count = (tracks + length - 1) / length;
        int[][] lists = new int[count][];
        for (int p = 0; p < count; p++) {
            int[] list = new int[length + length / 2];
            for (int i = 0; i < list.length; i++) {
                int slot = p * length + i;
                list[i] = i < length && slot < tracks ? slot : random.nextInt(tracks);
            }
            lists[p] = list;
        }
        return PlaylistMemberships.of(tracks, lists);
    }

    private static TrackFeatures features(CooccurrenceGraph graph, PlaylistMemberships memberships, int artists) {
        int n = graph.nodeCount();
        FeatureGroup.Builder popularity = FeatureGroup.builder(TrackFeatures.POPULARITY, n, 1);
        String[] artistOf = new String[n];
        String[] trackId = new String[n];
        for (int t = 0; t < n; t++) {
            popularity.set(t, new float[] {(float) (Math.log1p(graph.degree(t)) / Math.log1p(n))});
            artistOf[t] = "artist" + (t % artists);
            trackId[t] = "track" + t;
        }
        return TrackFeatures.of(n, List.of(popularity.build()), null, List.of())
                .withCategories(List.of(TrackCategory.of(TrackFeatures.ARTIST, artistOf),
                        TrackCategory.of(TrackFeatures.TRACK, trackId)), memberships);
    }
}
