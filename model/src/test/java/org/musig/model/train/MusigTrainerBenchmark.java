package org.musig.model.train;

import java.util.ArrayList;
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
 * Times {@link MusigTrainer} on a synthetic graph of about 20K tracks and 1M co-occurrence edges (dim 64,
 * samples [25, 10], batch 512) and prints pairs/s with the per-stage split, then embedding throughput.
 * Not a test (the suite does not run it); run its main with the test classpath:
 * {@code java -Xmx4g -cp model/target/classes:model/target/test-classes:$(cat cp.txt)
 * org.musig.model.train.MusigTrainerBenchmark [pairs, e.g. 60000] [threads, e.g. 1,2] [inputs, e.g.
 * genre,popularity,audio,artistId,albumId,track; default genre,popularity,audio]}.
 */
public final class MusigTrainerBenchmark {

    public static void main(String[] args) {
        long pairs = args.length > 0 ? Long.parseLong(args[0]) : 60_000;
        String[] threads = (args.length > 1 ? args[1] : "1,2").split(",");
        List<String> inputs = args.length > 2 ? List.of(args[2].split(",")) : TrainConfig.DEFAULT_FEATURES;
        NativeBackend.ensureLoaded(MusigTrainerBenchmark.class);
        long t0 = System.nanoTime();
        PlaylistMemberships playlists = playlists(20_000, 60, 9_000, 16, 42);
        CooccurrenceGraph graph = CooccurrenceCounter.count(playlists, 1, 2, Progress.NONE);
        TrackFeatures features = withCategories(features(graph, 60, 43), playlists, 60, 44);
        System.out.printf(Locale.ROOT, "graph: %,d nodes, %,d relationships, %,d isolated (built in %.1f s)%n",
                graph.nodeCount(), graph.relationshipCount(), graph.isolatedNodes(), (System.nanoTime() - t0) / 1e9);
        // Warm-up: JIT and native libraries.
        System.out.println("inputs: " + inputs);
        train(graph, features, inputs, Math.min(pairs, 5_000), 1);
        for (String t : threads) {
            long cpu0 = processCpuNanos();
            TrainedModel model = train(graph, features, inputs, pairs, Integer.parseInt(t));
            double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            report(model, Integer.parseInt(t));
            System.out.printf(Locale.ROOT,
                    "  process CPU time %.1f s = %,.0f pairs per CPU-second (load-independent-ish; "
                            + "the wall figure above drops when other processes share the cores)%n",
                    cpuSeconds,
                    model.summary().trainedPairs() / cpuSeconds);
            int[] nodes = new int[graph.nodeCount()];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = i;
            }
            long e0 = System.nanoTime();
            model.embed(graph, features, nodes, 1, Integer.parseInt(t), Progress.NONE);
            double s = (System.nanoTime() - e0) / 1e9;
            System.out.printf(Locale.ROOT, "  embed all %,d nodes: %.2f s = %,.0f nodes/s%n", nodes.length, s,
                    nodes.length / s);
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static TrainedModel train(CooccurrenceGraph graph, TrackFeatures features, List<String> inputs, long pairs,
                              int threads) {
        TrainConfig config = TrainConfig.parse(Map.of("epochs", 1, "maxPairsPerEpoch", pairs, "concurrency", threads,
                "features", inputs));
        return MusigTrainer.train(graph, features, config, Progress.NONE);
    }

    static void report(TrainedModel model, int threads) {
        TrainedModel.TrainingSummary s = model.summary();
        System.out.printf(Locale.ROOT, "concurrency %d: %,d pairs in %.1f s = %,.0f pairs/s; loss %s%n", threads,
                s.trainedPairs(), s.trainMillis() / 1000, s.pairsPerSecond(), s.losses());
        System.out.printf(Locale.ROOT, "  inputs %s (%,d parameters); notices %s%n", model.featureGroups(),
                model.parameterCount(), model.notices());
        double total = s.stageMillis().values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder line = new StringBuilder("  stage split (thread time, ms per 512 pairs):");
        double batches = s.trainedPairs() / 512.0;
        s.stageMillis().forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.1f (%.0f%%)", k, v / batches,
                100 * v / total)));
        System.out.println(line);
    }

    /** Playlists of one genre's tracks each (Zipf-like popularity inside the genre), counted at minWeight 1. */
    static PlaylistMemberships playlists(int tracks, int genres, int playlists, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] lists = new int[playlists][];
        int perGenre = tracks / genres;
        for (int p = 0; p < playlists; p++) {
            int g = random.nextInt(genres);
            int[] list = new int[length];
            for (int i = 0; i < length; i++) {
                int rank = (int) Math.min(perGenre - 1, Math.floor(Math.pow(random.nextDouble(), 1.6) * perGenre));
                list[i] = random.nextDouble() < 0.8 ? rank * genres + g : random.nextInt(tracks);
            }
            lists[p] = list;
        }
        return PlaylistMemberships.of(tracks, lists);
    }

    /**
     * The features with an artist per track (about 8 tracks per artist, mostly of one genre), an album per two
     * tracks of an artist and the track ids, for the learned tables ({@code artistId}, {@code albumId}, {@code track}).
     */
    static TrackFeatures withCategories(TrackFeatures features, PlaylistMemberships playlists, int genres, long seed) {
        int n = features.trackCount();
        SplittableRandom random = new SplittableRandom(seed);
        String[] artists = new String[n];
        String[] albums = new String[n];
        String[] tracks = new String[n];
        for (int t = 0; t < n; t++) {
            int artist = random.nextDouble() < 0.9 ? (t % genres) + genres * random.nextInt(n / (8 * genres))
                    : random.nextInt(n / 8);
            artists[t] = "artist" + artist;
            albums[t] = "album" + artist + "-" + random.nextInt(4);
            tracks[t] = "track" + t;
        }
        return features.withCategories(List.of(TrackCategory.of("artist", artists), TrackCategory.of("album", albums),
                TrackCategory.of(TrackFeatures.TRACK, tracks)), playlists);
    }

    static TrackFeatures features(CooccurrenceGraph graph, int genres, long seed) {
        int n = graph.nodeCount();
        SplittableRandom random = new SplittableRandom(seed);
        FeatureGroup.Builder popularity = FeatureGroup.builder(TrackFeatures.POPULARITY, n, 1);
        FeatureGroup.Builder audio = FeatureGroup.builder(TrackFeatures.AUDIO, n, 12);
        int[] genreIds = new int[n];
        List<String> names = new ArrayList<>();
        for (int g = 0; g < genres; g++) {
            names.add("genre" + g);
        }
        for (int t = 0; t < n; t++) {
            genreIds[t] = random.nextDouble() < 0.9 ? t % genres : TrackFeatures.NO_GENRE;
            popularity.set(t, new float[] {(float) (Math.log1p(graph.degree(t)) / Math.log1p(n))});
            if (random.nextDouble() < 0.9) {
                float[] row = new float[12];
                for (int i = 0; i < 12; i++) {
                    row[i] = (float) (Math.sin(t % genres + i) + 0.5 * random.nextGaussian());
                }
                audio.set(t, row);
            }
        }
        return TrackFeatures.of(n, List.of(popularity.build(), audio.build()), genreIds, names);
    }
}
