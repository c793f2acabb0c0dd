package org.musig.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.musig.app.bulk.BulkLoad;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import org.musig.loaders.bulk.TableRead;
import org.musig.loaders.csv.PlaylistCsvLoader;
import org.musig.loaders.mpd.MpdLoader;
import org.musig.procedures.progress.TaskRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./musig load}: runs a {@code musig.load.*} procedure against the embedded database. */
@Command(name = "load", description = {
        "Load MPD slices, a playlist CSV or a features CSV into the database in --data.",
        "",
        "Calls CALL musig.load.<kind>(PATH, config) on the database under --data (default ./data), exactly as a "
                + "Cypher user would (same code, same checks). PATH is relative to the import directory (--import, "
                + "default <data>/import); point --import at the folder that holds your files. The server must not "
                + "be running on the same --data at the same time. While it loads, it prints its progress with the "
                + "elapsed time and an estimate of the time left.",
        "",
        "--bulk (mpd and csv) is for the first load into an empty database: it writes the store with Neo4j's "
                + "offline importer (what neo4j-admin database import uses) instead of transactions, several times "
                + "faster, with the same checks, graph and counts. It is all or nothing, and it refuses a database "
                + "that holds anything. Later loads, and features files, go without --bulk."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./musig load mpd mpd/ --import ~/mpd_data",
                "  ./musig load mpd mpd/ --import ~/mpd_data --bulk --data ./mpd-db",
                "  ./musig load csv spotify_songs.csv --config '{\"batchSize\": 20000}'",
                "  ./musig load csv spotify_dataset.csv --bulk --data ./kaggle-db --config '{\"onError\": \"skip\", "
                        + "\"columns\": {\"trackId\": [\"artistname\", \"trackname\"], \"playlistId\": "
                        + "[\"user_id\", \"playlistname\"]}}'",
                "  ./musig load features audio_features.csv --config '{\"columns\": {\"trackId\": \"uri\"}}'"})
public final class LoadCommand extends Subcommand {
    /** What {@code musig.load.<kind>} reads. */
    enum Kind { mpd, csv, features }

    @Parameters(index = "0", paramLabel = "KIND", description = "what PATH holds: ${COMPLETION-CANDIDATES}")
    private Kind kind;
    @Parameters(index = "1", paramLabel = "PATH", description = "a file or folder, relative to the import directory")
    private String path;
    @Option(names = "--config", paramLabel = "JSON", description = "the procedure's configuration map as JSON "
            + "(default: {})")
    private String config = "{}";
    @Mixin
    private DataDir dataDir;
    @Mixin
    private ImportDir importDir;
    @Option(names = "--bulk", negatable = true, description = "the first load of MPD slices or a playlist CSV into "
            + "an empty database, through Neo4j's offline importer (default: off)")
    private boolean bulk;

    @Override
    protected int run(PrintStream out) throws Exception {
        Map<String, Object> config = parseConfig("load", this.config);
        Path data = dataDir.path();
        ServerOptions serverOptions = ServerOptions.offline(data, importDir.path(data));
        if (bulk) {
            if (kind == Kind.features) {
                throw new UsageException("load: --bulk loads playlists (load mpd|csv PATH --bulk); a features file "
                        + "adds to tracks already loaded, so load it without --bulk after them");
            }
            return bulk(serverOptions, kind, path, config, out);
        }
        try (EmbeddedServer server = EmbeddedServer.start(serverOptions);
             ProgressPrinter progress = ProgressPrinter.start(out)) {
            Map<String, Object> row = server.database().executeTransactionally(
                    "CALL musig.load." + kind + "($path, $config)", Map.of("path", path, "config", config),
                    result -> result.next());
            progress.close();
            printLoadResult(out, row);
        }
        return 0;
    }

    /** {@code load mpd|csv PATH --bulk}: the offline first load (see {@link BulkLoad}). */
    private static int bulk(ServerOptions server, Kind kind, String path, Map<String, Object> config, PrintStream out)
            throws IOException {
        BulkLoad.Result result;
        try (PrintStream importerLog = importerLog(server.dataDir());
             ProgressPrinter printer = ProgressPrinter.start(out)) {
            boolean mpd = kind == Kind.mpd;
            result = TaskRegistry.run((mpd ? MpdLoader.NAME : PlaylistCsvLoader.NAME) + " --bulk", () -> {},
                    progress -> BulkLoad.run(server, mpd ? TableRead::mpd : TableRead::csv, path, config, progress,
                            importerLog));
        }
        printLoadResult(out, result.load().asMap());
        out.printf(Locale.ROOT, "read %.1f s, store written %.1f s, constraints %.1f s%n",
                result.readMillis() / 1e3, result.importMillis() / 1e3, result.constraintMillis() / 1e3);
        return 0;
    }

    /** The importer's own progress lines go to the log directory, not the terminal. */
    private static PrintStream importerLog(Path data) throws IOException {
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        return new PrintStream(Files.newOutputStream(logs.resolve("import.log")), true, StandardCharsets.UTF_8);
    }

    /** {@code --config}'s JSON object, or a usage error naming {@code command}. */
    static Map<String, Object> parseConfig(String command, String json) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new ObjectMapper().readValue(json, LinkedHashMap.class);
            return config;
        } catch (Exception e) {
            throw new UsageException(command + ": --config must be a JSON object, e.g. '{\"batchSize\": 20000}': "
                    + e.getMessage().split("\n")[0]);
        }
    }

    private static final List<String> RESULT_COLUMNS = List.of("files", "playlists", "tracks", "memberships",
            "playlistsCreated", "tracksCreated", "membershipsCreated", "duplicates", "tracksNotFound", "rowsSkipped",
            "millis");

    static void printLoadResult(PrintStream out, Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>();
        RESULT_COLUMNS.forEach(column -> shown.put(column, row.get(column)));
        Table.print(out, List.of(shown));
        printList(out, "Skipped (onError: 'skip'):", row.get("errors"));
        printList(out, "Notices:", row.get("notices"));
    }

    private static void printList(PrintStream out, String title, Object messages) {
        if (messages instanceof List<?> list && !list.isEmpty()) {
            out.println(title);
            list.forEach(m -> out.println("  - " + m));
        }
    }
}
