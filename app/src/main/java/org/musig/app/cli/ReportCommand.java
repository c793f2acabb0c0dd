package org.musig.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.musig.app.report.HtmlReport;
import org.musig.app.report.ReportContent;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./musig report}: the HTML report (benchmark chart, loss curves, embedding map) from the database in --data. */
@Command(name = "report", description = {
        "A self-contained HTML report: benchmark chart, loss curves, 2-D map of the embeddings.",
        "",
        "Writes a self-contained HTML file (default <data>/report/musig-report.html): the loss per task and epoch of "
                + "the stored model --model, a 2-D PCA map of up to 2,000 tracks' --property embeddings coloured by "
                + "genre (hover for the track), and the benchmark table's hit rates when <data>/report/benchmark.json "
                + "exists (./musig demo writes it). Open it in any browser."})
public final class ReportCommand extends Subcommand {
    @Mixin
    private DataDir dataDir;
    @Option(names = "--model", paramLabel = "NAME", description = "the stored model (default: ${DEFAULT-VALUE})")
    private String model = "musig";
    @Option(names = "--property", paramLabel = "NAME",
            description = "the tracks' embedding property (default: ${DEFAULT-VALUE})")
    private String property = "musig";
    @Option(names = "--out", paramLabel = "FILE",
            description = "the HTML file to write (default: <data>/report/musig-report.html)")
    private Path file;

    @Override
    protected int run(PrintStream out) throws Exception {
        Path data = dataDir.path();
        Path file = this.file != null ? this.file : reportFile(data);
        try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(data, data.resolve("import")))) {
            HtmlReport.write(file, ReportContent.read(server.database(), model, property, savedBenchmark(data)));
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
