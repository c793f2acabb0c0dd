package org.musig.app.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.app.Main;
import org.musig.app.cli.Paths;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;

/**
 * {@code ./musig load mpd|csv PATH --bulk} through the command line and the offline importer, checked against
 * the transactional {@code musig.load.mpd} / {@code musig.load.csv} on the same input: the same graph, property for
 * property, the same counts, skipped rows and notices, and the same uniqueness constraints.
 */
class BulkLoadTest {
    private static final String SKIP = "{\"onError\": \"skip\"}";

    @TempDir
    static Path dir;

    static Path slices;

    @BeforeAll
    static void generateSlicesWithEdgeCases() throws Exception {
        slices = dir.resolve("slices");
        assertThat(new Cli().run("generate", "--out", slices.toString(), "--playlists", "1200", "--tracks", "4000",
                "--seed", "7").exit).isZero();
        // A later file meets playlist 0 again (new name, one new track, one of its tracks at a new position)
        // and brings a playlist with a repeated track and a track met before with other metadata.
        String firstTrack = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(slices.resolve("mpd.slice.0-999.json").toFile())
                .at("/playlists/0/tracks/0/track_uri").asText();
        Files.writeString(slices.resolve("mpd.slice.9000-9001.json"), """
                {"playlists": [
                  {"pid": 0, "name": "met again", "tracks": [
                    {"pos": 0, "track_uri": "spotify:track:EXTRA1", "track_name": "Extra", "artist_name": "X"},
                    {"pos": 7, "track_uri": "%s", "track_name": "renamed (first row wins)",
                     "artist_name": "Another Artist"}]},
                  {"pid": 9001, "name": "repeats", "collaborative": "true", "tracks": [
                    {"pos": 0, "track_uri": "spotify:track:EXTRA2", "duration_ms": 1000},
                    {"pos": 1, "track_uri": "EXTRA2"},
                    {"pos": 2, "track_uri": "spotify:track:EXTRA1"}]}
                ]}
                """.formatted(firstTrack));
    }

    @Test
    void bulkLoadWritesTheGraphAndCountsOfTheTransactionalLoad() throws Exception {
        BothWays loaded = loadBothWays("slices", slices, "mpd", ".");
        assertThat(countsLine(loaded.bulk.out)).isEqualTo(countsLine(loaded.tx.out)).startsWith("3      1202");
        assertThat(skipped(loaded.bulk.out)).isEqualTo(skipped(loaded.tx.out)).singleElement().asString()
                .contains("1 rows give a track another artist than its first row did", "'Another Artist'");

        List<String> expected = dump(loaded.txData);
        assertThat(expected).hasSizeGreaterThan(70_000);
        assertThat(dump(loaded.bulkData)).containsExactlyElementsOf(expected);
    }

    @Test
    void anIdempotentTransactionalReloadOfABulkLoadedDatabaseCreatesNothing() {
        Path bulk = dir.resolve("reloaded");
        assertThat(new Cli().run("load", "mpd", ".", "--bulk", "--import", slices.toString(),
                "--data", bulk.toString()).exit).isZero();
        Cli again = new Cli().run("load", "mpd", ".", "--import", slices.toString(), "--data", bulk.toString());
        assertThat(again.exit).as(again.err).isZero();
        // playlistsCreated, tracksCreated and membershipsCreated are all 0: the constraints found every id.
        String[] counts = countsLine(again.out).split("\\s+");
        assertThat(counts[4]).isEqualTo("0");
        assertThat(counts[5]).isEqualTo("0");
        assertThat(counts[6]).isEqualTo("0");
    }

    @Test
    void bulkRefusesADatabaseThatHoldsDataAndLeavesItAsItWas() throws Exception {
        Path data = dir.resolve("holds-data");
        Path small = edgeCaseSliceIn("small");
        assertThat(new Cli().run("load", "mpd", ".", "--import", small.toString(), "--data", data.toString()).exit)
                .isZero();
        List<String> before = dump(data);

        Cli refused = new Cli().run("load", "mpd", ".", "--bulk", "--import", slices.toString(),
                "--data", data.toString());
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.err).contains("--bulk loads only into an empty database", "has nodes",
                "Load without --bulk");
        assertThat(dump(data)).containsExactlyElementsOf(before);
    }

    @Test
    void aMalformedFileFailsTheBulkLoadBeforeAnythingIsWrittenAndAnEmptyDatabaseCanThenBeLoaded() throws Exception {
        Path data = dir.resolve("empty-then-loaded");
        Path bad = edgeCaseSliceIn("bad");
        Files.writeString(bad.resolve("mpd.slice.2-3.json"), "{\"playlists\": [{\"pid\": 2, \"tracks\": [}");
        // The server created the (empty) database first, as ./musig serve would.
        new EmbeddedServerRun(data, bad).close();

        Cli failed = new Cli().run("load", "mpd", ".", "--bulk", "--import", bad.toString(), "--data", data.toString());
        assertThat(failed.exit).isEqualTo(1);
        assertThat(failed.err).contains("mpd.slice.2-3.json, line 1, column", "malformed JSON");
        assertThat(dump(data)).isEmpty();

        Files.delete(bad.resolve("mpd.slice.2-3.json"));
        Cli loaded = new Cli().run("load", "mpd", ".", "--bulk", "--import", bad.toString(), "--data", data.toString());
        assertThat(loaded.exit).as(loaded.err).isZero();
        assertThat(dump(data)).contains("P|0|{id=0, name=met again, pid=0}",
                "P|9001|{collaborative=true, id=9001, name=repeats, pid=9001}", "C|9001|EXTRA1|2");
    }

    @Test
    void skipModeSkipsAndReportsTheSameEntriesAsTheTransactionalLoad() throws Exception {
        Path input = edgeCaseSliceIn("skip-input");
        Files.writeString(input.resolve("mpd.slice.2-4.json"), """
                {"playlists": [
                  {"pid": 2, "tracks": [{"pos": 0, "track_uri": "spotify:track:OK1"}]},
                  {"pid": 3, "tracks": [{"pos": -1, "track_uri": "spotify:track:BADPOS"}]},
                  {"name": "no pid", "tracks": []},
                  {"pid": 4, "tracks": [{"pos": 0, "track_uri": "spotify:track:OK2"}]}
                ]}
                """);
        BothWays loaded = loadBothWays("skip", input, "mpd", ".", "--config", SKIP);
        assertThat(countsLine(loaded.bulk.out)).isEqualTo(countsLine(loaded.tx.out)).endsWith(" 2");
        assertThat(skipped(loaded.bulk.out)).isEqualTo(skipped(loaded.tx.out)).hasSize(2);
        assertThat(dump(loaded.bulkData)).containsExactlyElementsOf(dump(loaded.txData));
    }

    @Test
    void whatAKilledImportLeftBehindIsClearedByTheNextBulkLoad() throws Exception {
        Path data = dir.resolve("after-kill");
        // A kill during the import leaves a partial store in staging; one between the two moves leaves the
        // transaction logs in place without a store.
        Files.createDirectories(data.resolve("databases/musig-bulk-staging"));
        Files.writeString(data.resolve("databases/musig-bulk-staging/neostore.nodestore.db"), "partial");
        Files.createDirectories(data.resolve("transactions/neo4j"));
        Files.writeString(data.resolve("transactions/neo4j/neostore.transaction.db.0"), "orphan");

        Cli loaded = new Cli().run("load", "mpd", ".", "--bulk", "--import", slices.toString(),
                "--data", data.toString());
        assertThat(loaded.exit).as(loaded.err).isZero();
        assertThat(data.resolve("databases/musig-bulk-staging")).doesNotExist();
        assertThat(dump(data)).contains("C|9001|EXTRA1|2").hasSizeGreaterThan(70_000);
    }

    @Test
    void bulkLoadOfTheTidyTuesdayExportWritesTheGraphAndCountsOfTheTransactionalLoad() throws Exception {
        Path input = Files.createDirectories(dir.resolve("tidytuesday"));
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Paths.bundledDataset()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                if (entry.getName().endsWith("spotify_songs.csv")) {
                    Files.copy(zip, input.resolve("spotify_songs.csv"));
                }
            }
        }
        BothWays loaded = loadBothWays("tidy", input, "csv", "spotify_songs.csv");
        // 471 playlists, 28,356 tracks, 32,833 rows of which 31,719 are distinct (playlist, track) pairs
        assertThat(countsLine(loaded.bulk.out)).isEqualTo(countsLine(loaded.tx.out)).startsWith("1      471");
        assertThat(skipped(loaded.bulk.out)).isEqualTo(skipped(loaded.tx.out));

        List<String> expected = dump(loaded.txData);
        assertThat(expected).hasSizeGreaterThan(60_000).anyMatch(line -> line.contains("audio=["));
        assertThat(dump(loaded.bulkData)).containsExactlyElementsOf(expected);
    }

    @Test
    void bulkCsvLoadKeepsThePlaylistsRowsApartAndAcrossFilesAndSkipsAndNoticesAsTheTransactionalLoad()
            throws Exception {
        Path input = Files.createDirectories(dir.resolve("csv-edges"));
        Files.writeString(input.resolve("a.csv"), """
                playlist_id,playlist_name,playlist_genre,track_id,track_name,track_artist
                p1,One,pop,T1,Song 1,Adele
                p2,Two,rock,T2,Song 2,Muse
                p1,One,rock,T3,Song 3,Muse
                p1,One,pop,T1,Song 1 again,Adele
                p2,Two,rock,T1,Song 1,Someone Else
                p3,Three,pop,,No id,X
                p4,"Four "quoted"",pop,T5,Song 5,Y
                p4,Four,pop,T5,Song 5,Y
                """);
        Files.writeString(input.resolve("b.csv"), """
                playlist_id,track_id,track_name,track_artist
                p1,T4,Song 4,Adele
                p2,T2,Song 2,Muse
                """);
        BothWays loaded = loadBothWays("csv-edges", input, "csv", ".", "--config", SKIP);
        // 2 files, 3 playlists, 5 tracks, 6 memberships, 2 duplicate rows, 2 rows skipped
        assertThat(countsLine(loaded.bulk.out)).isEqualTo(countsLine(loaded.tx.out))
                .matches("2\\s+3\\s+5\\s+6\\s+3\\s+5\\s+6\\s+2\\s+0\\s+2");
        assertThat(skipped(loaded.bulk.out)).isEqualTo(skipped(loaded.tx.out)).hasSize(3)
                .anyMatch(line -> line.contains("a.csv, line 8") && line.contains("malformed CSV"))
                .anyMatch(line -> line.contains("track 'T1' is by 'Adele' in its first row and by 'Someone Else'"));
        List<String> graph = dump(loaded.bulkData);
        assertThat(graph).containsExactlyElementsOf(dump(loaded.txData))
                .contains("C|p1|T1|0", "C|p1|T3|1", "C|p1|T4|2", "C|p2|T2|0", "C|p2|T1|1",
                        "P|p1|{genre=pop, genres=[pop, rock], id=p1, name=One}");
    }

    @Test
    void aBadCsvRowFailsTheBulkLoadNamingItsLineBeforeAnythingIsWritten() throws Exception {
        Path input = Files.createDirectories(dir.resolve("csv-bad"));
        Files.writeString(input.resolve("a.csv"), "playlist_id,track_id,energy\np1,T1,0.5\np1,T2,high\n");
        Path data = dir.resolve("csv-bad-db");
        Cli failed = new Cli().run("load", "csv", "a.csv", "--bulk", "--import", input.toString(),
                "--data", data.toString());
        assertThat(failed.exit).isEqualTo(1);
        assertThat(failed.err).contains("a.csv, line 3: value 'high' in column 'energy' is not a number",
                "onError: 'skip' skips such rows");
        assertThat(data.resolve("databases/neo4j")).doesNotExist();
        assertThat(data.resolve("databases/musig-bulk-staging")).doesNotExist();
    }

    @Test
    void bulkIsRefusedForAFeaturesFile() {
        Cli features = new Cli().run("load", "features", "x.csv", "--bulk", "--data", dir.resolve("csv").toString());
        assertThat(features.exit).isEqualTo(2);
        assertThat(features.err).contains("--bulk loads playlists", "load it without --bulk after them");
    }

    /** One load command, run transactionally and with --bulk into two new data directories. */
    private record BothWays(Cli tx, Cli bulk, Path txData, Path bulkData) {
    }

    /**
     * {@code ./musig load ARGS --import input} into {@code <name>-tx}, then with {@code --bulk} into
     * {@code <name>-bulk}; both must succeed.
     */
    private static BothWays loadBothWays(String name, Path input, String... args) {
        Path txData = dir.resolve(name + "-tx");
        Path bulkData = dir.resolve(name + "-bulk");
        List<String> load = new ArrayList<>(List.of("load"));
        load.addAll(List.of(args));
        load.addAll(List.of("--import", input.toString()));
        Cli tx = new Cli().run(withData(load, txData));
        List<String> bulk = new ArrayList<>(load);
        bulk.add("--bulk");
        Cli offline = new Cli().run(withData(bulk, bulkData));
        assertThat(tx.exit).as(tx.err).isZero();
        assertThat(offline.exit).as(offline.err).isZero();
        return new BothWays(tx, offline, txData, bulkData);
    }

    private static String[] withData(List<String> args, Path data) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--data", data.toString()));
        return all.toArray(String[]::new);
    }

    /** A new import directory holding only the edge-case slice, as mpd.slice.0-1.json. */
    private static Path edgeCaseSliceIn(String name) throws Exception {
        Path input = dir.resolve(name);
        Files.createDirectories(input);
        Files.copy(slices.resolve("mpd.slice.9000-9001.json"), input.resolve("mpd.slice.0-1.json"));
        return input;
    }

    private static List<String> skipped(String out) {
        return out.lines().filter(l -> l.startsWith("  - ")).toList();
    }

    /** The counts row of a load's printed table (third line), without the run time. */
    private static String countsLine(String out) {
        String[] lines = out.lines().filter(l -> !l.startsWith("  ...")).toArray(String[]::new);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("files")) {
                String row = lines[i + 2].trim();
                return row.substring(0, row.lastIndexOf(' ')).trim();
            }
        }
        throw new AssertionError("no result table in:\n" + out);
    }

    /** Every playlist, track and membership with its properties, one sorted line each; and the constraints. */
    private static List<String> dump(Path data) {
        try (EmbeddedServerRun run = new EmbeddedServerRun(data, data.resolve("import"))) {
            List<String> lines = new ArrayList<>();
            var db = run.server.database();
            db.executeTransactionally("MATCH (p:Playlist) RETURN p.id AS id, properties(p) AS props", Map.of(),
                    r -> {
                        r.forEachRemaining(row -> lines.add("P|" + row.get("id") + "|" + text(row.get("props"))));
                        return null;
                    });
            db.executeTransactionally("MATCH (t:Track) RETURN t.id AS id, properties(t) AS props", Map.of(),
                    r -> {
                        r.forEachRemaining(row -> lines.add("T|" + row.get("id") + "|" + text(row.get("props"))));
                        return null;
                    });
            db.executeTransactionally("MATCH (p)-[c]->(t) RETURN p.id AS p, t.id AS t, type(c) AS type, "
                    + "properties(c) AS props", Map.of(),
                    r -> {
                        r.forEachRemaining(row -> lines.add((row.get("type").equals("CONTAINS") ? "C|" : "?|")
                                + row.get("p") + "|" + row.get("t") + "|"
                                + ((Map<?, ?>) row.get("props")).get("position")
                                + (((Map<?, ?>) row.get("props")).size() == 1 ? "" : "|" + row.get("props"))));
                        return null;
                    });
            long nodes = db.executeTransactionally("MATCH (n) RETURN count(n) AS n", Map.of(),
                    r -> (Long) r.next().get("n"));
            if (nodes > 0) {
                db.executeTransactionally("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type",
                        Map.of(), r -> {
                            r.forEachRemaining(row -> lines.add("S|" + new TreeMap<>(row)));
                            return null;
                        });
            }
            lines.sort(null);
            return lines;
        }
    }

    private static String text(Object props) {
        Map<String, String> sorted = new TreeMap<>();
        ((Map<?, ?>) props).forEach((k, v) -> sorted.put((String) k, v instanceof Object[] a ? Arrays.toString(a)
                : v instanceof float[] f ? Arrays.toString(f) : String.valueOf(v)));
        return sorted.toString();
    }

    /** A batch-mode server on a data directory, for looking at what a command left there. */
    private static final class EmbeddedServerRun implements AutoCloseable {
        final EmbeddedServer server;

        EmbeddedServerRun(Path data, Path importDir) {
            this.server = EmbeddedServer.start(ServerOptions.offline(data, importDir));
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** One run of ./musig's command line, in process. */
    private static final class Cli {
        int exit;
        String out;
        String err;

        Cli run(String... args) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            exit = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8));
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
            return this;
        }
    }
}
