package org.musig.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./musig's command line, run in-process through Main.run. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int musig(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(musig("--help")).isZero();
        assertThat(stdout()).contains("demo", "serve", "load", "generate", "bench");
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : new String[] {"demo", "serve", "load", "generate", "bench", "benchmark", "report",
                "bench load", "bench graph", "bench train", "bench recommend", "bench load-recommend"}) {
            out.reset();
            String[] args = (command + " --help").split(" ");
            assertThat(musig(args)).isZero();
            assertThat(stdout()).startsWith("Usage: ./musig " + command);
        }
    }

    @Test
    void helpListsEachCommandsOptionsWithTheirDefaults() {
        Map<String, List<String>> options = Map.of(
                "demo", List.of("--data=DIR", "--import=DIR", "--quick"),
                "serve", List.of("--bolt-port=PORT", "default: 7687", "--http-port=PORT", "default: 7474", "--no-auth"),
                "load", List.of("KIND", "PATH", "mpd, csv, features", "--config=JSON", "--[no-]bulk"),
                "generate", List.of("--out=DIR", "--playlists=N", "default: 95000", "--no-acoustic", "--threads=N",
                        "--artist-affinity=X", "--new-release-share=X", "--new-release-rate=X"),
                "benchmark", List.of("--config=JSON", "--data=DIR"),
                "report", List.of("--model=NAME", "--property=NAME", "--out=FILE"),
                "bench load",
                List.of("--playlists=N", "default: 100000", "--batch-size=B", "--bulk-only", "--work=DIR"),
                "bench train", List.of("--dimension=D", "--iterations=N", "--min-weight=W", "--concurrency=N"),
                "bench load-recommend", List.of("--clients=N", "default: 32", "--seconds=S", "default: 60"));
        options.forEach((command, expected) -> {
            out.reset();
            assertThat(musig((command + " --help").split(" "))).isZero();
            assertThat(stdout()).as(command).contains(expected).contains("--help", "--version");
        });
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(musig("--version")).isZero();
        assertThat(stdout()).startsWith("MUSIG for Neo4j 0.").doesNotContain("unknown version");
        out.reset();
        assertThat(musig("demo", "--version")).isZero();
        assertThat(stdout()).startsWith("MUSIG for Neo4j 0.");
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        assertThat(musig("train-everything")).isEqualTo(2);
        assertThat(stderr()).contains("Unmatched argument at index 0: 'train-everything'");
        assertThat(musig("serve", "--port", "1")).isEqualTo(2);
        assertThat(stderr()).contains("Unknown options: '--port'").contains("--bolt-port");
        assertThat(musig("serve", "extra")).isEqualTo(2);
        assertThat(stderr()).contains("'extra'");
        assertThat(musig("bench")).isEqualTo(2);
        assertThat(stderr()).contains("Missing required subcommand").contains("load-recommend");
    }

    @Test
    void aBadNumberIsAUsageErrorNamingTheOption() {
        assertThat(musig("generate", "--out", dir.toString(), "--playlists", "many")).isEqualTo(2);
        assertThat(stderr()).contains("'--playlists': must be a whole number, got 'many'");
        assertThat(musig("generate", "--out", dir.toString(), "--playlists", "0")).isEqualTo(2);
        assertThat(stderr()).contains("--playlists must be between 1 and 100000000, got 0");
        assertThat(musig("serve", "--bolt-port", "99999999999")).isEqualTo(2);
        assertThat(stderr()).contains("'--bolt-port'");
        assertThat(dir.resolve("mpd.slice.0-999.json")).doesNotExist();
    }

    @Test
    void anOptionGivenTwiceIsAUsageError() {
        assertThat(musig("generate", "--out", dir.toString(), "--seed", "1", "--seed", "2")).isEqualTo(2);
        assertThat(stderr()).contains("option '--seed' (S) should be specified only once");
        assertThat(musig("demo", "--data", "a", "--data=b")).isEqualTo(2);
        assertThat(stderr()).contains("option '--data' (DIR) should be specified only once");
    }

    @Test
    void helpGivenAsAnOptionsValueIsAnErrorNotHelp() {
        assertThat(musig("demo", "--data", "--help")).isEqualTo(2);
        assertThat(stderr()).contains("Expected parameter for option '--data' but found '--help'");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void bulkFalseLoadsTransactionallyAndNoBulkToo() throws Exception {
        Path importDir = Files.createDirectories(dir.resolve("import"));
        Files.writeString(importDir.resolve("ok.csv"), "track_id,playlist_id\nA,p1\nB,p1\n");
        String data = dir.resolve("data").toString();
        assertThat(musig("load", "csv", "ok.csv", "--data", data, "--import", importDir.toString())).isZero();
        // --bulk refuses a database that holds data, so a load into this one proves bulk stayed off.
        assertThat(musig("load", "csv", "ok.csv", "--bulk", "--data", data, "--import", importDir.toString()))
                .isEqualTo(1);
        assertThat(stderr()).contains("--bulk loads only into an empty database");
        assertThat(musig("load", "csv", "ok.csv", "--bulk=false", "--data", data, "--import", importDir.toString()))
                .isZero();
        assertThat(musig("load", "csv", "ok.csv", "--no-bulk", "--data", data, "--import", importDir.toString()))
                .isZero();
        assertThat(stdout()).contains("memberships");
    }

    @Test
    void benchLoadRecommendHasHelpAndChecksItsOptionsBeforeStarting() {
        assertThat(musig("bench", "load-recommend", "--help")).isZero();
        assertThat(stdout()).contains("Usage: ./musig bench load-recommend", "--clients=N", "default: 32",
                "--seconds=S", "default: 60");
        assertThat(musig("bench", "load-recommend", "--seconds", "1")).isEqualTo(2);
        assertThat(stderr()).contains("--seconds must be between 2 and 3600, got 1");
        assertThat(musig("bench", "load-recommend", "--clients", "many")).isEqualTo(2);
        assertThat(stderr()).contains("'--clients': must be a whole number, got 'many'");
        assertThat(musig("bench", "load-recommend", "--property", "musigBench")).isEqualTo(2);
        assertThat(stderr()).contains("--property must be a plain property name other than musigBench");
        // With valid options and no database from bench train under --work, it refuses, naming the step to run.
        assertThat(musig("bench", "load-recommend", "--playlists", "10", "--tracks", "500", "--work",
                dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("bench load-recommend: run ./musig bench train with the same data first");
    }

    @Test
    void benchLoadCsvLoadsTheSlicesWrittenAsAKaggleLayoutCsvInBulkAndTransactionallyWithTheSameRows()
            throws Exception {
        assertThat(musig("bench", "load", "--csv", "--playlists", "150", "--tracks", "1500", "--work",
                dir.toString())).as(stderr()).isZero();
        Path csv = dir.resolve("import/mpd-150-1500-20211107.kaggle.csv");
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("user_id,artistname,trackname,playlistname");
        String out = stdout();
        long bulkRows = rowsOfStep(out, "load csv --bulk (empty db)");
        assertThat(bulkRows).isGreaterThan(1_000).isEqualTo(rowsOfStep(out, "load csv (fresh db)"))
                .isEqualTo(rowsOfStep(out, "re-load csv (no change)"));
        // The re-load created no membership: the last column of its row is 0.
        assertThat(out.lines().filter(l -> l.startsWith("re-load csv (no change)")).findFirst().orElseThrow())
                .endsWith(" 0");
    }

    private static long rowsOfStep(String out, String step) {
        java.util.regex.Matcher row = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(step)
                + "\\s+(\\d+)").matcher(out);
        assertThat(row.find()).as("a row for '" + step + "' in:%n%s", out).isTrue();
        return Long.parseLong(row.group(1));
    }

    @Test
    void loadRunsTheProcedureAndReportsProblemsWithFileAndLine() throws Exception {
        Path importDir = Files.createDirectories(dir.resolve("import"));
        Files.writeString(importDir.resolve("ok.csv"), "track_id,playlist_id\nA,p1\nB,p1\n");
        Files.writeString(importDir.resolve("bad.csv"), "track_id,playlist_id,energy\nA,p1,high\n");
        String data = dir.resolve("data").toString();
        String imports = importDir.toString();

        assertThat(musig("load", "csv", "ok.csv", "--data", data, "--import", imports)).isZero();
        assertThat(stdout()).contains("memberships").contains("2");

        assertThat(musig("load", "csv", "bad.csv", "--data", data, "--import", imports)).isEqualTo(1);
        assertThat(stderr()).contains("bad.csv, line 2: value 'high' in column 'energy' is not a number");

        assertThat(musig("load", "csv", "ok.csv", "--data", data, "--import", imports,
                "--config", "{\"batchSize\": 0}")).isEqualTo(1);
        assertThat(stderr()).contains("'batchSize' must be between 1 and");
    }

    @Test
    void generateWritesMpdSlicesAndFeatures() throws Exception {
        Path out = dir.resolve("synthetic");
        assertThat(musig("generate", "--out", out.toString(), "--playlists", "1500", "--tracks", "3000",
                "--seed", "7")).isZero();
        assertThat(out.resolve("mpd.slice.0-999.json")).exists();
        assertThat(out.resolve("mpd.slice.1000-1499.json")).exists();
        assertThat(out.resolve("track_features.csv")).exists();
        assertThat(stdout()).contains("Wrote 1,500 playlists", "distinct artists per playlist track",
                "cold by an artist seen in training");
    }

    @Test
    void demoRunsThePipelineOnTheBundledRealDatasetToTheBenchmarkTable() {
        assertThat(musig("demo", "--quick", "--data", dir.resolve("data").toString())).isZero();
        assertThat(stdout()).contains("471").contains("28356").contains("32251");
        // The pipeline ran through: split, graph (every shared playlist counts: 1,061,486 pairs), training,
        // embeddings, evaluation, the benchmark table and a recommendation.
        assertThat(stdout()).contains("3165").contains("1061486").contains("randomHitRate").contains("Hip-Hop 'n RnB");
        // The task-label diagnostics before training.
        assertThat(stdout()).contains("CALL musig.graph.diagnostics()").contains("  - genre: ")
                .contains("  - artist: ").contains("  - audio: mean cosine");
        // One row per family, chosen on validation playlists, with the hit rate's interval.
        assertThat(stdout()).contains("musig", "content", "cooccurrence", "* best per column", "val HR", "HR 95% CI",
                "validation playlists (val HR), evaluated once on the test playlists")
                .doesNotContain("INFO  Starting"); // the server's log stays in neo4j.log
        // The evidence for each choice: the paper's MUSIG's two task triples, by validation hit rate.
        String choices = stdout().substring(stdout().indexOf("Validation choices: the variants of each row's family"));
        assertThat(choices).containsPattern("\\nmusig \\(paper\\) +0\\.\\d{3} +musig")
                .containsPattern(" 0\\.\\d{3} +musig(-single-task)? +audio +\\(1,0,0\\)")
                .containsPattern(" 0\\.\\d{3} +musig(-single-task)? +audio +\\(1,1,1\\)");
        Path report = dir.resolve("data/report/musig-report.html");
        assertThat(stdout())
                .contains("Report (benchmark chart, loss curves, embedding map): " + report.toAbsolutePath());
        assertThat(report).content().contains("<svg", " / audio", "95% interval", "Track embeddings");
    }
}
