package org.musig.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;

/** {@code ./musig benchmark}: {@code CALL musig.benchmark(config)} on the database under --data, as a table. */
public final class BenchmarkCommand implements Command {

    @Override
    public String name() {
        return "benchmark";
    }

    @Override
    public String summary() {
        return "the paper's Table 2 on the database in --data (CALL musig.benchmark), printed as a table";
    }

    @Override
    public String usage() {
        return """
                Usage: ./musig benchmark [--config JSON] [--data DIR]

                Runs CALL musig.benchmark(config) on the database under --data (default ./data): creates the
                split if it does not exist, builds the co-occurrence graph without its held-out memberships,
                fits every requested method on it and prints one line per method and feature group, the best
                value per metric marked. The server must not be running on the same --data at the same time.

                Examples:
                  ./musig benchmark --config '{"split": "demo", "minWeight": 2}'
                  ./musig benchmark --config '{"methods": ["popularity", "cooccurrence", "musig"], "features": ["audio"],
                                               "taskGrid": [[1, 1, 1], [1, 0, 0]], "train": {"epochs": 5}}'
                """;
    }

    @Override
    public int run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse("benchmark", args, Set.of("config", "data"), Set.of());
        if (!options.positional().isEmpty()) {
            throw new Options.UsageException("benchmark: unexpected argument " + options.positional().get(0));
        }
        Map<String, Object> config = LoadCommand.parseConfig(options.get("config", "{}"));
        Path data = options.path("data", Paths.defaultData());
        long start = System.currentTimeMillis();
        try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(data, Paths.importDir(options, data)));
             ProgressPrinter progress = new ProgressPrinter(out, 30)) {
            List<Map<String, Object>> rows = server.database().executeTransactionally(
                    "CALL musig.benchmark($config)", Map.of("config", config), result -> result.stream().toList());
            progress.close();
            BenchmarkTable.print(out, rows);
        }
        out.printf("benchmark took %.1f s%n", (System.currentTimeMillis() - start) / 1000.0);
        return 0;
    }
}
