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
import java.util.stream.Stream;
import org.musig.app.bulk.BulkLoad;
import org.musig.app.bulk.OfflineImport;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import org.musig.generator.GeneratorConfig;
import org.musig.loaders.bulk.TableRead;
import org.musig.procedures.progress.TaskRegistry;
import org.neo4j.graphdb.GraphDatabaseService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./musig bench NAME}: benchmarks that print numbers, on synthetic MPD slices generated once and cached
 * under --work. Each benchmark is a subcommand with its own options.
 */
@Command(name = "bench", description = {
        "Benchmarks on synthetic MPD data: 'bench load' (loader throughput), 'bench graph' (co-occurrence build), "
                + "'bench train' (MUSIG vs GDS GraphSAGE training, embed.write), 'bench recommend' (latency over "
                + "Bolt), 'bench load-recommend' (32 Bolt clients during train and embed.write).",
        "./musig bench NAME --help lists a benchmark's options."},
        subcommands = {BenchCommand.Load.class, BenchCommand.GraphBench.class, BenchCommand.Train.class,
                BenchCommand.Recommend.class, BenchCommand.LoadRecommend.class})
public final class BenchCommand {
    private BenchCommand() {
    }

    /** The synthetic data a benchmark runs on: generated once into {@code <work>/import/<name>}. */
    record Dataset(GeneratorConfig config, Path work, String name) {
        Path importDir() {
            return work.resolve("import");
        }
    }

    /** What every benchmark shares: the data's shape and the work folder; the data is generated once. */
    abstract static class Bench extends Subcommand {
        @Mixin
        GeneratorOptions shape = new GeneratorOptions(GeneratorConfig.DEFAULT_PLAYLISTS);
        @Option(names = "--work", paramLabel = "DIR",
                description = "where the data and databases are kept between runs (default: ./data/bench)")
        Path work = Paths.defaultData().resolve("bench");

        @Override
        protected final int run(PrintStream out) throws Exception {
            check();
            GeneratorConfig config = GeneratorOptions.build("bench", shape.builder("bench"));
            Dataset dataset = new Dataset(config, work,
                    "mpd-" + config.playlists() + "-" + config.tracks() + "-" + config.seed());
            Path datasetDir = dataset.importDir().resolve(dataset.name());
            if (!Files.isRegularFile(datasetDir.resolve("README.txt"))) {
                out.println("Generating " + dataset.name() + " (once; cached in " + datasetDir + ") ...");
                deleteRecursively(datasetDir);
                GenerateCommand.generate(config, datasetDir, out);
            }
            return run(dataset, out);
        }

        /** Checks the options before anything starts (nothing by default). */
        void check() {
        }

        abstract int run(Dataset dataset, PrintStream out) throws Exception;
    }

    /** Benchmarks that load the slices themselves. */
    abstract static class Loading extends Bench {
        @Option(names = "--batch-size", paramLabel = "B",
                description = "rows per transaction (default: ${DEFAULT-VALUE})")
        long batchSize = 10_000;

        @Override
        void check() {
            UsageException.checkRange("bench", "--batch-size", batchSize, 1, 10_000_000);
        }
    }

    @Command(name = "load", description = {
            "Loader throughput.",
            "",
            "Generates synthetic MPD slices once (cached under --work, default ./data/bench), loads them into an empty "
                    + "database with ./musig load mpd --bulk (the offline importer; timed from the first byte read to the "
                    + "constraints online), then into another empty database with CALL musig.load.mpd (transactional), "
                    + "then the features CSV with CALL musig.load.features, then the slices again (an idempotent re-load "
                    + "that changes nothing), and prints wall time, playlist-track rows per second and peak heap for each "
                    + "step. --bulk-only stops after the offline import. --csv runs the same steps on the slices written "
                    + "once as one flat CSV in the layout of Kaggle's Spotify playlists export (no ids: tracks keyed by "
                    + "artist and title, playlists by owner and name), through load csv, without the features step."})
    static final class Load extends Loading {
        @Option(names = "--bulk-only", description = "stop after the offline import")
        boolean bulkOnly;
        @Option(names = "--csv", description = "load the slices written as one Kaggle-layout CSV (default: off)")
        boolean csv;

        Load() {
            shape = new GeneratorOptions(100_000);
        }

        @Override
        int run(Dataset dataset, PrintStream out) throws Exception {
            GeneratorConfig config = dataset.config();
            Path importDir = dataset.importDir();
            Path db = dataset.work().resolve("db-load");
            deleteRecursively(db);
            out.printf(Locale.ROOT, "bench load: %,d synthetic playlists, batchSize %,d, %d cores, max heap %.1f GiB%n",
                    config.playlists(), batchSize, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (double) (1L << 30));
            if (csv) {
                return csv(dataset, db, out);
            }
            bulkStep(out, dataset.work().resolve("db-bulk"), importDir, dataset.name(), true);
            if (bulkOnly) {
                return 0;
            }
            try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(db, importDir));
                 ProgressPrinter progress = ProgressPrinter.start(out)) {
                GraphDatabaseService graph = server.database();
                Map<String, Object> cfg = Map.of("batchSize", batchSize);
                step(out, graph, "load mpd (fresh db)", "CALL musig.load.mpd($path, $config)",
                        Map.of("path", dataset.name(), "config", cfg), "memberships");
                step(out, graph, "load features", "CALL musig.load.features($path, $config)",
                        Map.of("path", dataset.name() + "/track_features.csv", "config", cfg), "tracks");
                step(out, graph, "re-load mpd (no change)", "CALL musig.load.mpd($path, $config)",
                        Map.of("path", dataset.name(), "config", cfg), "memberships");
            }
            deleteRecursively(db);
            return 0;
        }

        /** The --csv steps: the slices as one Kaggle-layout CSV (written once), bulk, then transactional loads. */
        private int csv(Dataset dataset, Path db, PrintStream out) throws IOException {
            Path importDir = dataset.importDir();
            String file = dataset.name() + ".kaggle.csv";
            if (!Files.isRegularFile(importDir.resolve(file))) {
                out.println("Writing the slices as one CSV in Kaggle's layout (once; cached as " + file + ") ...");
                long rows = KaggleLayoutCsv.write(importDir, dataset.name(), importDir.resolve(file));
                out.printf(Locale.ROOT, "%,d rows, %.1f MB%n", rows, Files.size(importDir.resolve(file)) / 1e6);
            }
            bulkStep(out, dataset.work().resolve("db-bulk"), importDir, "csv", TableRead::csv, file,
                    KaggleLayoutCsv.LOAD_CONFIG, true);
            if (bulkOnly) {
                return 0;
            }
            try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(db, importDir));
                 ProgressPrinter progress = ProgressPrinter.start(out)) {
                GraphDatabaseService graph = server.database();
                Map<String, Object> cfg = new LinkedHashMap<>(KaggleLayoutCsv.LOAD_CONFIG);
                cfg.put("batchSize", batchSize);
                step(out, graph, "load csv (fresh db)", "CALL musig.load.csv($path, $config)",
                        Map.of("path", file, "config", cfg), "memberships");
                step(out, graph, "re-load csv (no change)", "CALL musig.load.csv($path, $config)",
                        Map.of("path", file, "config", cfg), "memberships");
            }
            deleteRecursively(db);
            return 0;
        }
    }

    @Command(name = "graph", description = {
            "musig.graph.build on synthetic data.",
            "",
            "Loads the synthetic slices and features once into a database kept under --work (reused by later runs with "
                    + "the same data; with --bulk the slices through ./musig load mpd --bulk, which makes the full MPD's "
                    + "size practical), then runs CALL musig.graph.build three times: a first build (writes every "
                    + "CO_OCCURS relationship and projects into GDS), an unchanged rebuild (writes nothing), and an "
                    + "in-memory build (writeRelationshipType: null; --memory-only runs only this one). Prints "
                    + "read/count/write/project times, the graph's size and peak heap for each."})
    static class GraphBench extends Loading {
        @Option(names = "--min-weight", paramLabel = "W",
                description = "playlists a pair of tracks must share (default: ${DEFAULT-VALUE})")
        long minWeight = 10;
        @Option(names = "--concurrency", paramLabel = "N", description = "threads (default: ${DEFAULT-VALUE})")
        long concurrency = 2;
        @Option(names = "--bulk", negatable = true,
                description = "load the slices with ./musig load mpd --bulk the first time (default: off)")
        boolean bulk;
        @Option(names = "--memory-only", description = "run only the in-memory build")
        boolean memoryOnly;

        @Override
        int run(Dataset dataset, PrintStream out) throws Exception {
            return graph(this, dataset, null, out);
        }
    }

    @Command(name = "train", description = {
            "MUSIG vs GDS GraphSAGE training, and embed.write.",
            "",
            "On the same database as 'bench graph' (loaded once), builds the graph, then trains in one process GDS "
                    + "GraphSAGE and MUSIG single-task (taskWeights 1,0,0) and multi-task (1,1,1) with the same embedding "
                    + "dimension, sample sizes [25, 10], batch size and number of training examples (GDS: one epoch of "
                    + "--iterations iterations over every connected track; MUSIG: as many pairs), and prints times, "
                    + "examples per second, the ratio to GDS and peak heap (and, where tracks have artists, MUSIG with the "
                    + "artist, album and title inputs added, with GDS GraphSAGE on those same inputs as their peer, and "
                    + "MUSIG with the learned tables); then musig.embed.write throughput."})
    static final class Train extends GraphBench {
        @Option(names = "--dimension", paramLabel = "D",
                description = "embedding dimension (default: ${DEFAULT-VALUE})")
        int dimension = 64;
        @Option(names = "--train-batch", paramLabel = "B",
                description = "training batch size (default: ${DEFAULT-VALUE})")
        int trainBatch = 512;
        @Option(names = "--iterations", paramLabel = "N", description = "GDS iterations (default: ${DEFAULT-VALUE})")
        int iterations = 5;

        @Override
        void check() {
            super.check();
            UsageException.checkRange("bench train", "--dimension", dimension, 1, 4096);
            UsageException.checkRange("bench train", "--train-batch", trainBatch, 1, 1_000_000);
            UsageException.checkRange("bench train", "--iterations", iterations, 1, 1000);
        }

        @Override
        int run(Dataset dataset, PrintStream out) throws Exception {
            return graph(this, dataset, this, out);
        }
    }

    /** Benchmarks that serve the database 'bench train' left over Bolt. */
    abstract static class Serving extends Bench {
        @Option(names = "--bolt-port", paramLabel = "PORT", description = "the Bolt port (default: ${DEFAULT-VALUE})")
        int boltPort = 7687;
        @Option(names = "--http-port", paramLabel = "PORT", description = "the HTTP port (default: ${DEFAULT-VALUE})")
        int httpPort = 7474;

        @Override
        void check() {
            UsageException.checkRange("bench", "--bolt-port", boltPort, 1, 65535);
            UsageException.checkRange("bench", "--http-port", httpPort, 1, 65535);
        }

        @Override
        final int run(Dataset dataset, PrintStream out) throws Exception {
            Path db = dataset.work().resolve("db-" + dataset.name());
            String name = getClass().getAnnotation(Command.class).name();
            if (!Files.exists(db.resolve("musig-bench-loaded"))) {
                throw new UsageException("bench " + name + ": run ./musig bench train with the same data first");
            }
            try (EmbeddedServer server = EmbeddedServer.start(
                    new ServerOptions(db, dataset.importDir(), boltPort, httpPort, true))) {
                return serve(server, dataset, out);
            }
        }

        abstract int serve(EmbeddedServer server, Dataset dataset, PrintStream out) throws Exception;
    }

    @Command(name = "recommend", description = {
            "musig.recommend latency over Bolt.",
            "",
            "On the database 'bench train' left (embeddings in Track.musigBench), starts the Bolt server and times "
                    + "musig.recommend and musig.recommend.fromTracks for --queries different playlists through the "
                    + "Java driver: p50/p99/max latency and calls per second. With --index, first creates a cosine "
                    + "vector index over Track.musigBench (kept for later runs), which the procedures then use. With "
                    + "--pad-tracks N (e.g. 2300000, the full MPD's catalogue), first copies the vectors into "
                    + "Track.musigPadded and adds Track nodes up to N whose vectors are real ones plus noise; with "
                    + "--index it times the index and then brute force on that set; everything is removed afterwards."})
    static final class Recommend extends Serving {
        @Option(names = "--queries", paramLabel = "N", description = "playlists queried (default: ${DEFAULT-VALUE})")
        int queries = 1000;
        @Option(names = "--index", description = "create (and keep) a vector index first")
        boolean index;
        @Option(names = "--pad-tracks", paramLabel = "N",
                description = "pad the catalogue to N tracks with noisy copies (default: no padding)")
        long padTo;

        @Override
        void check() {
            super.check();
            UsageException.checkRange("bench recommend", "--queries", queries, 1, 1_000_000);
            UsageException.checkRange("bench recommend", "--pad-tracks", padTo, 0, 100_000_000);
        }

        @Override
        int serve(EmbeddedServer server, Dataset dataset, PrintStream out) throws Exception {
            String property = padTo > 0 ? "musigPadded" : "musigBench";
            try {
                if (padTo > 0) {
                    long start = System.nanoTime();
                    long tracks = TrackPadding.pad(server.database(), "musigBench", property, padTo,
                            dataset.config().seed());
                    out.printf(Locale.ROOT, "padded to %,d tracks with a vector in Track.%s in %.1f s%n", tracks,
                            property, (System.nanoTime() - start) / 1e9);
                }
                if (index) {
                    long start = System.nanoTime();
                    String name =
                            org.musig.procedures.recommend.VectorIndexes.ensure(server.database(), property, 64, 7200);
                    out.printf(Locale.ROOT, "vector index %s online after %.1f s%n", name,
                            (System.nanoTime() - start) / 1e9);
                }
                RecommendBenchmark.run(server.boltUri(), server.authToken(), property, queries, out);
                if (padTo > 0 && index) {
                    out.println();
                    out.println("the same queries without the index (brute force over the cached matrix):");
                    org.musig.procedures.recommend.VectorIndexes.drop(server.database(), property);
                    RecommendBenchmark.run(server.boltUri(), server.authToken(), property, queries, out);
                }
            } finally {
                if (padTo > 0) {
                    org.musig.procedures.recommend.VectorIndexes.drop(server.database(), property);
                    TrackPadding.remove(server.database(), property);
                }
            }
            return 0;
        }
    }

    @Command(name = "load-recommend", description = {
            "32 Bolt clients during train and embed.write.",
            "",
            "On the database 'bench train' left, starts the Bolt server; setup (not timed) builds the graph in memory, "
                    + "trains models 'load-old' and 'load-new' (different seeds, one epoch of --train-pairs pairs; kept "
                    + "for later runs) and writes load-old's vectors into Track.<property>. Then --clients Bolt clients, "
                    + "one session each, make one call each (a sample before the write); then musig.embed.write starts "
                    + "writing load-new's vectors into the same property, and once its first batch has committed the "
                    + "clients call musig.recommend and musig.recommend.fromTracks (5 of the playlist's tracks) in turn "
                    + "on random playlists for --seconds while musig.train trains a third model; after the write and the "
                    + "training end, one call each again (a sample after). Prints calls per second and p50/p99/max "
                    + "latency per query, failed calls, the train and embed.write times, and per phase (before, during, "
                    + "after the write) whether each answer's scores match the property's vectors before the write "
                    + "(old), after it (new) or neither (MIXED); a sample of --verify answers is also checked to be the "
                    + "true top k by brute force. Exits 1 if a call failed or an answer was mixed."})
    static final class LoadRecommend extends Serving {
        @Option(names = "--clients", paramLabel = "N", description = "Bolt clients (default: ${DEFAULT-VALUE})")
        int clients = 32;
        @Option(names = "--seconds", paramLabel = "S",
                description = "how long the clients call during the write (default: ${DEFAULT-VALUE})")
        int seconds = 60;
        @Option(names = "--property", paramLabel = "NAME",
                description = "the Track property written and queried (default: ${DEFAULT-VALUE})")
        String property = "musigLoad";
        @Option(names = "--train-pairs", paramLabel = "N",
                description = "training pairs per model (default: ${DEFAULT-VALUE})")
        long trainPairs = 100_000;
        @Option(names = "--verify", paramLabel = "N",
                description = "answers checked by brute force (default: ${DEFAULT-VALUE})")
        int verify = 150;

        @Override
        void check() {
            super.check();
            settings();
        }

        /** The benchmark's settings, checked before anything starts. */
        LoadRecommendBenchmark.Settings settings() {
            String command = "bench load-recommend";
            UsageException.checkRange(command, "--seconds", seconds, 2, 3600);
            if (!property.matches("[A-Za-z_][A-Za-z0-9_]*") || property.equals("musigBench")) {
                throw new UsageException(command + ": --property must be a plain property name other than "
                        + "musigBench (which bench recommend uses), got '" + property + "'");
            }
            UsageException.checkRange(command, "--clients", clients, 1, 1024);
            UsageException.checkRange(command, "--train-pairs", trainPairs, 1, Long.MAX_VALUE);
            UsageException.checkRange(command, "--verify", verify, 0, 100_000);
            return new LoadRecommendBenchmark.Settings(clients, seconds, property, trainPairs, verify);
        }

        @Override
        int serve(EmbeddedServer server, Dataset dataset, PrintStream out) throws Exception {
            return LoadRecommendBenchmark.run(server, settings(), out);
        }
    }

    /** ./musig load mpd --bulk of the slices into an empty database (see {@link #bulkStep}). */
    private static void bulkStep(PrintStream out, Path db, Path importDir, String dataset, boolean remove)
            throws IOException {
        bulkStep(out, db, importDir, "mpd", TableRead::mpd, dataset, Map.of(), remove);
    }

    /**
     * ./musig load KIND PATH --bulk into an empty database, timed end to end, with its phases; kept unless
     * {@code remove}.
     */
    private static void bulkStep(PrintStream out, Path db, Path importDir, String kind, BulkLoad.Reader reader,
                                 String path, Map<String, Object> config, boolean remove)
            throws IOException {
        deleteRecursively(db);
        resetPeakHeap();
        long start = System.nanoTime();
        BulkLoad.Result result;
        try (ProgressPrinter progress = ProgressPrinter.start(out)) {
            result = TaskRegistry.run("musig.load." + kind + " --bulk", () -> {}, task -> BulkLoad.run(
                    ServerOptions.offline(db, importDir), reader, path, config, task, OfflineImport.discard()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = result.load().memberships();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", "load " + kind + " --bulk (empty db)");
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

    /** bench graph, and bench train's setup: the database loaded once, then the graph built. */
    private static int graph(GraphBench options, Dataset dataset, Train train, PrintStream out) throws Exception {
        GeneratorConfig config = dataset.config();
        Path work = dataset.work();
        Path importDir = dataset.importDir();
        long batchSize = options.batchSize;
        long minWeight = UsageException.checkRange("bench", "--min-weight", options.minWeight, 1, Integer.MAX_VALUE);
        long concurrency = UsageException.checkRange("bench", "--concurrency", options.concurrency, 1, 64);
        Path db = work.resolve("db-" + dataset.name());
        Path loaded = db.resolve("musig-bench-loaded");
        if (!Files.exists(loaded)) {
            deleteRecursively(db);
        }
        out.printf(Locale.ROOT,
                "bench graph: %,d synthetic playlists, minWeight %d, concurrency %d, %d cores, max heap %.1f GiB%n",
                config.playlists(), minWeight, concurrency, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        boolean bulk = !Files.exists(loaded) && options.bulk;
        if (bulk) {
            bulkStep(out, db, importDir, dataset.name(), false);
        }
        try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(db, importDir));
             ProgressPrinter progress = ProgressPrinter.start(out)) {
            GraphDatabaseService graph = server.database();
            if (!Files.exists(loaded)) {
                Map<String, Object> cfg = Map.of("batchSize", batchSize);
                if (!bulk) {
                    step(out, graph, "load mpd (once)", "CALL musig.load.mpd($path, $config)",
                            Map.of("path", dataset.name(), "config", cfg), "memberships");
                }
                step(out, graph, "load features (once)", "CALL musig.load.features($path, $config)",
                        Map.of("path", dataset.name() + "/track_features.csv", "config", cfg), "tracks");
                Files.writeString(loaded, dataset.name());
            } else {
                out.println("Reusing the database loaded earlier: " + db);
            }
            Map<String, Object> build =
                    Map.of("minWeight", minWeight, "concurrency", concurrency, "graphName", "bench");
            if (train != null) {
                buildStep(out, graph, "build", build);
                TrainBenchmark.run(graph, "bench", train.dimension, List.of(25, 10), train.trainBatch, train.iterations,
                        (int) concurrency, out);
                return 0;
            }
            Map<String, Object> memoryOnly = new LinkedHashMap<>(build);
            memoryOnly.put("writeRelationshipType", null);
            memoryOnly.put("graphName", "bench-memory");
            if (!options.memoryOnly) {
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
