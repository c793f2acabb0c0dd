package org.musig.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./musig benchmark}: {@code CALL musig.benchmark(config)} on the database under --data, as a table. */
@Command(name = "benchmark", description = {
        "The paper's Table 2 on the database in --data (CALL musig.benchmark), printed as a table.",
        "",
        "Runs CALL musig.benchmark(config) on the database under --data (default ./data): creates the split if it "
                + "does not exist, builds the co-occurrence graph without its held-out memberships, fits every "
                + "requested method on it and prints one line per method and feature group, the best value per "
                + "metric marked. The server must not be running on the same --data at the same time. While it runs, "
                + "it prints its progress with the elapsed time and, where the volume is known, an estimate of the "
                + "time left."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./musig benchmark --config '{\"split\": \"demo\", \"minWeight\": 2}'",
                "  ./musig benchmark --config '{\"methods\": [\"popularity\", \"cooccurrence\", \"musig\"], "
                        + "\"features\": [\"audio\"],",
                "                               \"taskGrid\": [[1, 1, 1], [1, 0, 0]], \"train\": {\"epochs\": 5}}'"})
public final class BenchmarkCommand extends Subcommand {
    @Option(names = "--config", paramLabel = "JSON", description = "musig.benchmark's configuration map as JSON "
            + "(default: {})")
    private String config = "{}";
    @Mixin
    private DataDir dataDir;

    @Override
    protected int run(PrintStream out) throws Exception {
        Map<String, Object> config = LoadCommand.parseConfig("benchmark", this.config);
        Path data = dataDir.path();
        long start = System.currentTimeMillis();
        try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(data, data.resolve("import")));
             ProgressPrinter progress = ProgressPrinter.start(out)) {
            List<Map<String, Object>> rows = server.database().executeTransactionally(
                    "CALL musig.benchmark($config)", Map.of("config", config), result -> result.stream().toList());
            progress.close();
            BenchmarkTable.print(out, rows);
        }
        out.printf("benchmark took %.1f s%n", (System.currentTimeMillis() - start) / 1000.0);
        return 0;
    }
}
