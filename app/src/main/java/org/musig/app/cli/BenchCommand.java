package org.musig.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.musig.app.bulk.BulkLoad;
import org.musig.app.bulk.OfflineImport;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import org.musig.loaders.synthetic.GeneratorConfig;
import org.musig.procedures.progress.TaskRegistry;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * {@code ./musig bench}: benchmarks that print numbers. {@code bench load} loads synthetic MPD slices
 * (generated once and cached) into a fresh embedded database through {@code musig.load.mpd} and
 * {@code musig.load.features}, and reports rows per second and peak heap.
 */
public final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmarks on synthetic MPD data: 'bench load' (loader throughput), 'bench graph' (co-occurrence "
                + "build), 'bench train' (MUSIG vs GDS GraphSAGE training, embed.write), "
                + "'bench recommend' (latency over Bolt), 'bench load-recommend' (32 Bolt clients during train and embed.write)";
    }

    @Override
    public String usage() {
        return """
                Usage: ./musig bench load [--playlists 100000] [--tracks 1000000] [--seed S] [--batch-size 10000]
                                          [--work DIR] [--bulk-only]

                Generates synthetic MPD slices once (cached under --work, default ./data/bench), loads them into
                an empty database with ./musig load mpd --bulk (the offline importer; timed from the first byte
                read to the constraints online), then into another empty database with CALL musig.load.mpd
                (transactional), then the features CSV with CALL musig.load.features, then the slices again (an
                idempotent re-load that changes nothing), and prints wall time, playlist-track rows per second
                and peak heap for each step. --bulk-only stops after the offline import.

                Usage: ./musig bench graph [--playlists 95000] [--tracks 1000000] [--seed S] [--min-weight 10]
                                           [--concurrency 2] [--work DIR] [--bulk] [--memory-only]

                Loads the synthetic slices and features once into a database kept under --work (reused by later
                runs with the same data; with --bulk the slices through ./musig load mpd --bulk, which makes the
                full MPD's size practical), then runs CALL musig.graph.build three times: a first build (writes
                every CO_OCCURS relationship and projects into GDS), an unchanged rebuild (writes nothing), and
                an in-memory build (writeRelationshipType: null; --memory-only runs only this one). Prints
                read/count/write/project times, the graph's size and peak heap for each.

                Usage: ./musig bench train [--playlists 95000] [--min-weight 10] [--concurrency 2] [--dimension 64]
                                           [--train-batch 512] [--iterations 5] [--work DIR]

                On the same database as 'bench graph' (loaded once), builds the graph, then trains in one process
                GDS GraphSAGE and MUSIG single-task (taskWeights 1,0,0) and multi-task (1,1,1) with the same
                embedding dimension, sample sizes [25, 10], batch size and number of training examples (GDS: one
                epoch of --iterations iterations over every connected track; MUSIG: as many pairs), and
                prints times, examples per second, the ratio to GDS and peak heap; then musig.embed.write
                throughput.

                Usage: ./musig bench recommend [--playlists 95000] [--queries 1000] [--bolt-port 7687] [--index]
                                               [--pad-tracks N]

                On the database 'bench train' left (embeddings in Track.musigBench), starts the Bolt server and
                times musig.recommend and musig.recommend.fromTracks for --queries different playlists through
                the Java driver: p50/p99/max latency and calls per second. With --index, first creates a cosine
                vector index over Track.musigBench (kept for later runs), which the procedures then use.
                With --pad-tracks N (e.g. 2300000, the full MPD's catalogue), first copies the vectors into
                Track.musigPadded and adds Track nodes up to N whose vectors are real ones plus noise; with
                --index it times the index and then brute force on that set; everything is removed afterwards.

                Usage: ./musig bench load-recommend [--playlists 95000] [--clients 32] [--seconds 60]
                                                    [--property musigLoad] [--train-pairs 100000] [--verify 150]
                                                    [--bolt-port 7687] [--work DIR]

                On the database 'bench train' left, starts the Bolt server; setup (not timed) builds the graph in
                memory, trains models 'load-old' and 'load-new' (different seeds, one epoch of --train-pairs
                pairs; kept for later runs) and writes load-old's vectors into Track.<property>. Then --clients
                Bolt clients, one session each, make one call each (a sample before the write); then
                musig.embed.write starts writing load-new's vectors into the same property, and once its first
                batch has committed the clients call musig.recommend and musig.recommend.fromTracks (5 of the
                playlist's tracks) in turn on random playlists for --seconds while musig.train trains a third
                model; after the write and the training end, one call each again (a sample after). Prints calls
                per second and p50/p99/max latency per query, failed calls, the train and embed.write times, and
                per phase (before, during, after the write) whether each answer's scores match the property's
                vectors before the write (old), after it (new) or neither (MIXED); a sample of --verify answers
                is also checked to be the true top k by brute force. Exits 1 if a call failed or an answer was mixed.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse("bench", args,
                Set.of("playlists", "tracks", "seed", "batch-size", "work", "genres", "mean-length", "min-weight",
                        "concurrency", "dimension", "train-batch", "iterations", "queries", "bolt-port", "http-port",
                        "clients", "seconds", "property", "train-pairs", "verify", "pad-tracks"),
                Set.of("index", "bulk-only", "bulk", "memory-only"));
        String benchmark = options.positional().size() == 1 ? options.positional().get(0) : "";
        if (!Set.of("load", "graph", "train", "recommend", "load-recommend").contains(benchmark)) {
            throw new Options.UsageException("bench: expected a benchmark name: load, graph, train, recommend or "
                    + "load-recommend");
        }
        LoadRecommendBenchmark.Settings loadSettings = benchmark.equals("load-recommend") ? loadSettings(options) : null;
        GeneratorConfig config = GenerateCommand.config(options, benchmark.equals("load") ? 100_000 : 95_000);
        long batchSize = options.number("batch-size", 10_000, 1, 10_000_000);
        Path work = options.path("work", Paths.defaultData().resolve("bench"));
        Path importDir = work.resolve("import");
        String dataset = "mpd-" + config.playlists() + "-" + config.tracks() + "-" + config.seed();
        Path datasetDir = importDir.resolve(dataset);
        if (!Files.isRegularFile(datasetDir.resolve("README.txt"))) {
            out.println("Generating " + dataset + " (once; cached in " + datasetDir + ") ...");
            deleteRecursively(datasetDir);
            GenerateCommand.generate(config, datasetDir, out);
        }
        if (benchmark.equals("recommend") || loadSettings != null) {
            Path db = work.resolve("db-" + dataset);
            if (!Files.exists(db.resolve("musig-bench-loaded"))) {
                throw new Options.UsageException("bench " + benchmark + ": run ./musig bench train with the same data first");
            }
            ServerOptions serverOptions = new ServerOptions(db, importDir, (int) options.number("bolt-port", 7687, 1, 65535),
                    (int) options.number("http-port", 7474, 1, 65535), true);
            try (EmbeddedServer server = EmbeddedServer.start(serverOptions)) {
                if (loadSettings != null) {
                    return LoadRecommendBenchmark.run(server, loadSettings, out);
                }
                long padTo = options.number("pad-tracks", 0, 0, 100_000_000);
                String property = padTo > 0 ? "musigPadded" : "musigBench";
                try {
                    if (padTo > 0) {
                        long start = System.nanoTime();
                        long tracks = TrackPadding.pad(server.database(), "musigBench", property, padTo, config.seed());
                        out.printf(Locale.ROOT, "padded to %,d tracks with a vector in Track.%s in %.1f s%n", tracks,
                                property, (System.nanoTime() - start) / 1e9);
                    }
                    if (options.flag("index")) {
                        long start = System.nanoTime();
                        String index = org.musig.procedures.recommend.VectorIndexes.ensure(server.database(), property, 64, 7200);
                        out.printf(Locale.ROOT, "vector index %s online after %.1f s%n", index, (System.nanoTime() - start) / 1e9);
                    }
                    RecommendBenchmark.run(server.boltUri(), server.authToken(), property, (int) options.number("queries", 1000, 1, 1_000_000), out);
                    if (padTo > 0 && options.flag("index")) {
                        out.println();
                        out.println("the same queries without the index (brute force over the cached matrix):");
                        org.musig.procedures.recommend.VectorIndexes.drop(server.database(), property);
                        RecommendBenchmark.run(server.boltUri(), server.authToken(), property, (int) options.number("queries", 1000, 1, 1_000_000), out);
                    }
                } finally {
                    if (padTo > 0) {
                        org.musig.procedures.recommend.VectorIndexes.drop(server.database(), property);
                        TrackPadding.remove(server.database(), property);
                    }
                }
            }
            return 0;
        }
        if (!benchmark.equals("load")) {
            return graph(options, config, work, importDir, dataset, batchSize, benchmark.equals("train"), out);
        }
        Path db = work.resolve("db-load");
        deleteRecursively(db);

        out.printf(Locale.ROOT, "bench load: %,d synthetic playlists, batchSize %,d, %d cores, max heap %.1f GiB%n",
                config.playlists(), batchSize, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        bulkStep(out, work.resolve("db-bulk"), importDir, dataset, true);
        if (options.flag("bulk-only")) {
            return 0;
        }
        try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(db, importDir));
             ProgressPrinter progress = new ProgressPrinter(out, 30)) {
            GraphDatabaseService graph = server.database();
            Map<String, Object> cfg = Map.of("batchSize", batchSize);
            step(out, graph, "load mpd (fresh db)", "CALL musig.load.mpd($path, $config)",
                    Map.of("path", dataset, "config", cfg), "memberships");
            step(out, graph, "load features", "CALL musig.load.features($path, $config)",
                    Map.of("path", dataset + "/track_features.csv", "config", cfg), "tracks");
            step(out, graph, "re-load mpd (no change)", "CALL musig.load.mpd($path, $config)",
                    Map.of("path", dataset, "config", cfg), "memberships");
        }
        deleteRecursively(db);
        return 0;
    }

    /** ./musig load mpd --bulk into an empty database, timed end to end, with its phases; kept unless {@code remove}. */
    private static void bulkStep(PrintStream out, Path db, Path importDir, String dataset, boolean remove)
            throws IOException {
        deleteRecursively(db);
        resetPeakHeap();
        long start = System.nanoTime();
        BulkLoad.Result result;
        try (ProgressPrinter progress = new ProgressPrinter(out, 30)) {
            result = TaskRegistry.run("musig.load.mpd --bulk", () -> { }, task -> BulkLoad.mpd(
                    ServerOptions.offline(db, importDir), dataset, Map.of(), task, OfflineImport.discard()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = result.load().memberships();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", "load mpd --bulk (empty db)");
        line.put("rows", rows);
        line.put("tracks", result.load().tracks());
        line.put("seconds", Math.round(seconds * 100) / 100.0);
        line.put("rowsPerSecond", Math.round(rows / seconds));
        line.put("readS", seconds(result.readMillis()));
        line.put("importS", seconds(result.importMillis()));
        line.put("constraintsS", seconds(result.constraintMillis()));
        line.put("peakHeapMiB", peakHeap() >> 20);
        line.put("created", result.load().membershipsCreated());
        Table.print(out, List.of(line));
        out.println();
        if (remove) {
            deleteRecursively(db);
        }
    }

    /** load-recommend's options, checked before anything starts. */
    static LoadRecommendBenchmark.Settings loadSettings(Options options) {
        int seconds = (int) options.number("seconds", 60, 2, 3600);
        String property = options.get("property", "musigLoad");
        if (!property.matches("[A-Za-z_][A-Za-z0-9_]*") || property.equals("musigBench")) {
            throw new Options.UsageException("bench load-recommend: --property must be a plain property name other "
                    + "than musigBench (which bench recommend uses), got '" + property + "'");
        }
        return new LoadRecommendBenchmark.Settings((int) options.number("clients", 32, 1, 1024), seconds,
                property, options.number("train-pairs", 100_000, 1, Long.MAX_VALUE),
                (int) options.number("verify", 150, 0, 100_000));
    }

    private static int graph(Options options, GeneratorConfig config, Path work, Path importDir, String dataset,
                             long batchSize, boolean train, PrintStream out) throws Exception {
        long minWeight = options.number("min-weight", 10, 1, Integer.MAX_VALUE);
        long concurrency = options.number("concurrency", 2, 1, 64);
        Path db = work.resolve("db-" + dataset);
        Path loaded = db.resolve("musig-bench-loaded");
        if (!Files.exists(loaded)) {
            deleteRecursively(db);
        }
        out.printf(Locale.ROOT, "bench graph: %,d synthetic playlists, minWeight %d, concurrency %d, %d cores, max heap %.1f GiB%n",
                config.playlists(), minWeight, concurrency, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        boolean bulk = !Files.exists(loaded) && options.flag("bulk");
        if (bulk) {
            bulkStep(out, db, importDir, dataset, false);
        }
        try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(db, importDir));
             ProgressPrinter progress = new ProgressPrinter(out, 30)) {
            GraphDatabaseService graph = server.database();
            if (!Files.exists(loaded)) {
                Map<String, Object> cfg = Map.of("batchSize", batchSize);
                if (!bulk) {
                    step(out, graph, "load mpd (once)", "CALL musig.load.mpd($path, $config)",
                            Map.of("path", dataset, "config", cfg), "memberships");
                }
                step(out, graph, "load features (once)", "CALL musig.load.features($path, $config)",
                        Map.of("path", dataset + "/track_features.csv", "config", cfg), "tracks");
                Files.writeString(loaded, dataset);
            } else {
                out.println("Reusing the database loaded earlier: " + db);
            }
            Map<String, Object> build = Map.of("minWeight", minWeight, "concurrency", concurrency, "graphName", "bench");
            if (train) {
                buildStep(out, graph, "build", build);
                TrainBenchmark.run(graph, "bench", (int) options.number("dimension", 64, 1, 4096), List.of(25, 10),
                        (int) options.number("train-batch", 512, 1, 1_000_000), (int) options.number("iterations", 5, 1, 1000),
                        (int) concurrency, out);
                return 0;
            }
            Map<String, Object> memoryOnly = new LinkedHashMap<>(build);
            memoryOnly.put("writeRelationshipType", null);
            memoryOnly.put("graphName", "bench-memory");
            if (!options.flag("memory-only")) {
                buildStep(out, graph, "build (first write)", build);
                buildStep(out, graph, "build (unchanged rebuild)", build);
            }
            buildStep(out, graph, "build (in memory only)", memoryOnly);
        }
        return 0;
    }

    private static void buildStep(PrintStream out, GraphDatabaseService db, String label, Map<String, Object> config) {
        resetPeakHeap();
        long start = System.nanoTime();
        Map<String, Object> row = db.executeTransactionally("CALL musig.graph.build($config)", Map.of("config", config),
                r -> r.next());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", label);
        line.put("tracks", row.get("nodeCount"));
        line.put("edges", row.get("relationshipCount"));
        line.put("isolated", row.get("isolatedTracks"));
        line.put("pairOccurrences", row.get("pairOccurrences"));
        line.put("readS", seconds(row.get("readMillis")));
        line.put("countS", seconds(row.get("computeMillis")));
        line.put("writeS", seconds(row.get("writeMillis")));
        line.put("projectS", seconds(row.get("projectMillis")));
        line.put("totalS", Math.round(seconds * 10) / 10.0);
        line.put("created", row.get("relationshipsCreated"));
        line.put("peakHeapMiB", peakHeap() >> 20);
        Table.print(out, List.of(line));
        Object notices = row.get("notices");
        if (notices instanceof List<?> list && !list.isEmpty()) {
            list.forEach(n -> out.println("  notice: " + n));
        }
        out.println();
    }

    private static double seconds(Object millis) {
        return Math.round(((Number) millis).longValue() / 100.0) / 10.0;
    }

    private static void step(PrintStream out, GraphDatabaseService db, String label, String cypher,
                             Map<String, Object> params, String rowsColumn) {
        resetPeakHeap();
        long start = System.nanoTime();
        Map<String, Object> row = db.executeTransactionally(cypher, params, r -> r.next());
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = ((Number) row.get(rowsColumn)).longValue();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", label);
        line.put("rows", rows);
        line.put("seconds", Math.round(seconds * 100) / 100.0);
        line.put("rowsPerSecond", Math.round(rows / seconds));
        line.put("peakHeapMiB", peakHeap() >> 20);
        line.put("created", row.get("membershipsCreated") != null && rowsColumn.equals("memberships")
                ? row.get("membershipsCreated") : row.get("tracksCreated"));
        Table.print(out, List.of(line));
        out.println();
    }

    static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
