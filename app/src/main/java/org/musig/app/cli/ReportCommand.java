package org.musig.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.musig.app.report.HtmlReport;
import org.musig.app.report.ReportContent;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;

/** {@code ./musig report}: the HTML report (benchmark chart, loss curves, embedding map) from the database in --data. */
public final class ReportCommand implements Command {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "a self-contained HTML report: benchmark chart, loss curves, 2-D map of the embeddings";
    }

    @Override
    public String usage() {
        return """
                Usage: ./musig report [--data DIR] [--model musig] [--property musig] [--out FILE]

                Writes a self-contained HTML file (default <data>/report/musig-report.html): the loss per task
                and epoch of the stored model --model, a 2-D PCA map of up to 2,000 tracks' --property
                embeddings coloured by genre (hover for the track), and the benchmark table's hit rates when
                <data>/report/benchmark.json exists (./musig demo writes it). Open it in any browser.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse("report", args, Set.of("data", "model", "property", "out"), Set.of());
        Path data = options.path("data", Paths.defaultData());
        Path file = options.path("out", reportFile(data));
        try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(data, Paths.importDir(options, data)))) {
            HtmlReport.write(file, ReportContent.read(server.database(), options.get("model", "musig"),
                    options.get("property", "musig"), savedBenchmark(data)));
        }
        out.println("Report written: " + file.toAbsolutePath());
        return 0;
    }

    static Path reportFile(Path data) {
        return data.resolve("report").resolve("musig-report.html");
    }

    /** Where the demo keeps its benchmark rows for the report. */
    static Path benchmarkFile(Path data) {
        return data.resolve("report").resolve("benchmark.json");
    }

    static void saveBenchmark(Path data, List<Map<String, Object>> rows) throws IOException {
        Files.createDirectories(benchmarkFile(data).getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(benchmarkFile(data).toFile(), rows);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> savedBenchmark(Path data) throws IOException {
        Path file = benchmarkFile(data);
        return Files.isRegularFile(file) ? new ObjectMapper().readValue(file.toFile(), List.class) : List.of();
    }
}
