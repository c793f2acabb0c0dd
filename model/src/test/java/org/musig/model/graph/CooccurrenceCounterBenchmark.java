package org.musig.model.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.musig.common.progress.Progress;

/**
 * Times {@link CooccurrenceCounter} on synthetic playlists at the paper's scale and at the Million
 * Playlist Dataset's. Not a test (the suite does not run it): run its main with the test classpath, e.g.
 * {@code java -Xmx8g -cp model/target/classes:model/target/test-classes:$(cat cp.txt)
 * org.musig.model.graph.CooccurrenceCounterBenchmark [paper|mpd|all] [threads, e.g. 1,2]}.
 *
 * <p>The generator: track popularity is Zipf-like ({@code 1 / (rank + 10)^exponent}); tracks belong to
 * "genres", and each playlist picks one genre and draws most of its tracks from that genre's tracks (by
 * their popularity) and the rest from all tracks. Genres give the clustered co-occurrence real playlists
 * have; without them only the most popular tracks would co-occur often enough to keep an edge.
 */
public final class CooccurrenceCounterBenchmark {

    /**
     * @param head      the popular tracks: Zipf-like popularity by rank
     * @param tailShare the share of draws that go to the other tracks, uniformly (rare tracks)
     * @param genres    genres (the head and the tail are both split among them)
     * @param inGenre   share of a playlist's tracks drawn from its genre
     */
    record Scale(String name, int playlists, int meanLength, int maxLength, int tracks, int head, double exponent,
                 double tailShare, int genres, double inGenre) {
    }

    static final Scale PAPER = new Scale("paper (95K playlists x ~94 over 55K tracks)",
            95_000, 94, 376, 55_000, 16_000, 0.8, 0.03, 40, 0.7);
    static final Scale MPD = new Scale("MPD (1M playlists x ~66 over 2M tracks)",
            1_000_000, 66, 250, 2_000_000, 300_000, 0.8, 0.05, 400, 0.7);

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "all";
        int[] threads =
                Arrays.stream((args.length > 1 ? args[1] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        if (which.equals("paper") || which.equals("all")) {
            run(PAPER, 10, threads);
        }
        if (which.equals("mpd") || which.equals("all")) {
            run(MPD, 10, threads);
        }
    }

    static void run(Scale scale, int minWeight, int[] threadCounts) {
        System.out.printf(Locale.ROOT, "%n== %s, minWeight %d, max heap %.1f GB%n", scale.name(), minWeight,
                Runtime.getRuntime().maxMemory() / 1e9);
        long start = System.nanoTime();
        PlaylistMemberships m = generate(scale, 42);
        System.out.printf(Locale.ROOT, "generated %,d playlists, %,d memberships, %,d pair occurrences in %.1f s%n",
                m.playlistCount(), m.membershipCount(), m.pairOccurrences(), seconds(start));

        candidates(m, minWeight);
        if (threadCounts[0] == 1) {
            timeStages(m, minWeight);
        }
        CooccurrenceMemoryEstimate estimate = CooccurrenceMemoryEstimate.of(m, minWeight, 2);
        System.out.printf(Locale.ROOT,
                "estimate: memberships %s, index %s, scratch/thread %s, max edges %,d, peak <= %s%n",
                mb(estimate.membershipBytes()), mb(estimate.indexBytes()), mb(estimate.scratchBytesPerThread()),
                estimate.maxRelationships(), mb(estimate.peakBytesUpperBound()));

        long firstHash = 0;
        for (int threads : threadCounts) {
            for (int repeat = 0; repeat < 2; repeat++) {
                System.gc();
                long baseline = usedHeap();
                HeapSampler sampler = new HeapSampler();
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                CooccurrenceGraph graph = CooccurrenceCounter.count(m, minWeight, threads, Progress.NONE);
                double seconds = seconds(t0);
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                long peak = sampler.stop();
                System.out.printf(Locale.ROOT,
                        "threads %d: %.2f s (process cpu %.2f s), %,d edges, %,d tracks with edges,"
                                + " %,d isolated, graph %s, heap before %s, peak heap used %s (+%s)%n",
                        threads, seconds, cpu, graph.relationshipCount(), graph.nodeCount() - graph.isolatedNodes(),
                        graph.isolatedNodes(), mb(graph.memoryBytes()), mb(baseline), mb(peak), mb(peak - baseline));
                long hash = hash(graph);
                if (firstHash == 0) {
                    firstHash = hash;
                    describe(graph);
                } else if (hash != firstHash) {
                    throw new AssertionError("results differ between runs");
                }
            }
        }
        stopLatency(m, minWeight);
    }

    /** A fingerprint of the whole graph, so runs can be compared without keeping a graph alive. */
    static long hash(CooccurrenceGraph graph) {
        long[] h = {1};
        graph.forEachRelationship((a, b, w) -> h[0] = h[0] * 1_000_003L + ((long) a * 31 + b) * 31 + w);
        return h[0];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Prints how long each stage of one 1-thread count takes. */
    static void timeStages(PlaylistMemberships m, int minWeight) {
        StringBuilder out = new StringBuilder("stages (1 thread):");
        long[] last = {System.nanoTime()};
        String[] current = {null};
        Progress progress = new Progress() {
            @Override
            public void begin(String stage, long volume) {
                lap();
                current[0] = stage + String.format(Locale.ROOT, " [volume %,d]", volume);
            }

            void lap() {
                long now = System.nanoTime();
                if (current[0] != null) {
                    out.append(String.format(Locale.ROOT, "%n  %s: %.2f s", current[0], (now - last[0]) / 1e9));
                }
                last[0] = now;
            }

            @Override
            public void checkRunning() {
            }
        };
        CooccurrenceCounter.count(m, minWeight, 1, progress);
        long now = System.nanoTime();
        out.append(String.format(Locale.ROOT, "%n  %s: %.2f s", current[0], (now - last[0]) / 1e9));
        System.out.println(out);
    }

    /** How long a count takes to give up once checkRunning starts throwing, 1 s into counting pairs. */
    static void stopLatency(PlaylistMemberships m, int minWeight) {
        AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        Progress progress = new Progress() {
            @Override
            public void begin(String stage, long volume) {
                if (stage.contains("count pairs")) {
                    stopAt.set(System.nanoTime() + 1_000_000_000L);
                }
            }

            @Override
            public void checkRunning() {
                if (System.nanoTime() >= stopAt.get()) {
                    throw new IllegalStateException("stop");
                }
            }
        };
        try {
            CooccurrenceCounter.count(m, minWeight, 2, progress);
            System.out.println("stop: the count finished within 1 s of counting pairs; nothing to stop");
        } catch (IllegalStateException e) {
            System.out.printf(Locale.ROOT, "stop: returned %.0f ms after the stop time%n",
                    (System.nanoTime() - stopAt.get()) / 1e6);
        }
    }

    static void describe(CooccurrenceGraph graph) {
        int[] weights = graph.weightsCopy();
        Arrays.sort(weights);
        int maxDegree = 0;
        for (int node = 0; node < graph.nodeCount(); node++) {
            maxDegree = Math.max(maxDegree, graph.degree(node));
        }
        if (weights.length > 0) {
            System.out.printf(Locale.ROOT, "weights: median %d, p99 %d, max %d; max degree %,d%n",
                    weights[weights.length / 2], weights[(int) (weights.length * 0.99)], weights[weights.length - 1],
                    maxDegree);
        }
    }

    /** Synthetic playlists, see the class comment. */
    static PlaylistMemberships generate(Scale s, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // Ranks are shuffled into track ids so that popular tracks are spread over the id range.
        int[] trackOfRank = new int[s.tracks()];
        for (int i = 0; i < trackOfRank.length; i++) {
            trackOfRank[i] = i;
        }
        for (int i = trackOfRank.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = trackOfRank[i];
            trackOfRank[i] = trackOfRank[j];
            trackOfRank[j] = t;
        }
        double[] weight = new double[s.head()];
        for (int rank = 0; rank < weight.length; rank++) {
            weight[rank] = Math.pow(rank + 10, -s.exponent());
        }
        // Genre g holds head ranks g, g + genres, ...: every genre has hits and a long tail.
        double[] global = cumulative(weight, 0, 1);
        double[][] genre = new double[s.genres()][];
        for (int g = 0; g < s.genres(); g++) {
            genre[g] = cumulative(weight, g, s.genres());
        }
        int tail = s.tracks() - s.head();

        PlaylistMemberships.Builder builder = PlaylistMemberships.builder(s.tracks(), s.playlists(),
                (long) s.playlists() * s.meanLength());
        int[] buffer = new int[s.maxLength()];
        int[] seenIn = new int[s.tracks()];
        Arrays.fill(seenIn, -1);
        int minLength = 5;
        for (int p = 0; p < s.playlists(); p++) {
            // Exponential length above the minimum: many short playlists, a few long ones.
            int length = (int) Math.min(s.maxLength(),
                    minLength - Math.log(1 - random.nextDouble()) * (s.meanLength() - minLength));
            int g = random.nextInt(s.genres());
            int size = 0;
            for (int attempt = 0; size < length && attempt < 20 * length; attempt++) {
                int rank;
                double u = random.nextDouble();
                if (u < s.tailShare()) {
                    rank = s.head() + random.nextInt(tail);
                } else if (u < s.tailShare() + (1 - s.tailShare()) * s.inGenre()) {
                    rank = g + s.genres() * sample(genre[g], random);
                } else {
                    rank = sample(global, random);
                }
                int track = trackOfRank[rank];
                if (seenIn[track] != p) { // draw without replacement, as a playlist lists a song once
                    seenIn[track] = p;
                    buffer[size++] = track;
                }
            }
            builder.addPlaylist(buffer, 0, size);
        }
        return builder.build();
    }

    /** Tracks in at least minWeight playlists: the only ones that can keep an edge. */
    static int candidates(PlaylistMemberships m, int minWeight) {
        int[] count = new int[m.trackCount()];
        for (int i = 0; i < m.membershipCount(); i++) {
            count[m.track(i)]++;
        }
        int candidates = 0;
        int max = 0;
        for (int c : count) {
            candidates += c >= minWeight ? 1 : 0;
            max = Math.max(max, c);
        }
        System.out.printf(Locale.ROOT, "most popular track in %,d playlists; %,d tracks in >= %d playlists%n", max,
                candidates, minWeight);
        return candidates;
    }

    private static double[] cumulative(double[] weight, int from, int step) {
        double[] cumulative = new double[(weight.length - from + step - 1) / step];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += weight[from + i * step];
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private static int sample(double[] cumulative, SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }

    /** Samples used heap every 5 ms on a daemon thread (garbage included: an upper bound of what is live). */
    private static final class HeapSampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong(usedHeap());
        private final Thread thread;

        HeapSampler() {
            thread = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(usedHeap(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() {
            peak.accumulateAndGet(usedHeap(), Math::max);
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return peak.get();
        }
    }
}
