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
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import org.musig.loaders.synthetic.GeneratorConfig;
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
        return "benchmarks: 'bench load' (loader throughput on synthetic MPD data)";
    }

    @Override
    public String usage() {
        return """
                Usage: ./musig bench load [--playlists 100000] [--tracks 1000000] [--seed S] [--batch-size 10000]
                                          [--work DIR]

                Generates synthetic MPD slices once (cached under --work, default ./data/bench), loads them into
                a fresh embedded database with CALL musig.load.mpd, then the features CSV with
                CALL musig.load.features, then the slices again (an idempotent re-load that changes nothing),
                and prints wall time, playlist-track rows per second and peak heap for each step.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse("bench", args,
                Set.of("playlists", "tracks", "seed", "batch-size", "work", "genres", "mean-length"), Set.of());
        if (options.positional().size() != 1 || !options.positional().get(0).equals("load")) {
            throw new Options.UsageException("bench: expected a benchmark name: load");
        }
        GeneratorConfig config = GenerateCommand.config(options, 100_000);
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
        Path db = work.resolve("db-load");
        deleteRecursively(db);

        out.printf(Locale.ROOT, "bench load: %,d synthetic playlists, batchSize %,d, %d cores, max heap %.1f GiB%n",
                config.playlists(), batchSize, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30));
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

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
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
