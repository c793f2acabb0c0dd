package org.musig.procedures.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/**
 * musig.load.mpd on files that are not MPD slices, or are built to exhaust the loader: each fails with the file,
 * the place and the limit, writes nothing, stops reading at the limit (not at the end of the file) and leaves
 * the database answering.
 */
class HostileJsonInputTest extends MusigDatabase {
    private static final long BIG = 64L * 1024 * 1024;
    private static final String TRACK = "{\"pos\": 0, \"track_uri\": \"spotify:track:A\", \"track_name\": \"Song\"}";

    @BeforeEach
    void emptyGraph() {
        clearGraph();
    }

    private void load(String path) {
        single("CALL musig.load.mpd($path)", Map.of("path", path));
    }

    /** Writes head, then {@code fill} repeated up to {@code BIG} bytes, then tail. */
    private Path writeBig(String name, String head, char fill, String tail) throws IOException {
        Path file = importDir.resolve(name);
        char[] chunk = new char[1 << 16];
        java.util.Arrays.fill(chunk, fill);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.write(head);
            for (long written = 0; written < BIG; written += chunk.length) {
                out.write(chunk);
            }
            out.write(tail);
        }
        return file;
    }

    private void assertNothingWrittenAndDatabaseUp() {
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();
        assertThat(single("RETURN 1 AS one")).containsEntry("one", 1L);
    }

    private static long column(String message) {
        Matcher m = Pattern.compile("column (\\d+)").matcher(message);
        assertThat(m.find()).as("a column in: " + message).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void sixtyFourMegabytesOfJunkFailAtTheFirstCharacter() throws IOException {
        writeBig("junk.json", "", 'x', "");
        long start = System.nanoTime();
        assertThatThrownBy(() -> load("junk.json")).hasMessageContaining("junk.json, line 1, column 1")
                .hasMessageContaining("malformed JSON");
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(5_000);
        assertNothingWrittenAndDatabaseUp();
    }

    @Test
    void aFileThatIsOneHugeStringIsRejectedWithoutReadingTheString() throws IOException {
        writeBig("string.json", "\"", 'a', "\"");
        assertThatThrownBy(() -> load("string.json")).hasMessageContaining("string.json, line 1, column 1")
                .hasMessageContaining("expected a JSON object");
        assertNothingWrittenAndDatabaseUp();
    }

    @Test
    void aHugeStringInAPlaylistFailsAtTheStringLimitNotAtTheEndOfTheFile() throws IOException {
        // No closing quote: a loader that read the whole string would report an unexpected end of input.
        writeBig("long.json", "{\"playlists\": [{\"pid\": 1, \"name\": \"", 'a', "");
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> load("long.json"));
        assertThat(error).hasMessageContaining("long.json, line 1")
                .hasMessageContaining("exceeds a limit of the MPD loader").hasMessageContaining("1000000")
                .hasMessageNotContaining("end-of-input");
        assertThat(column(error.getMessage())).isLessThan(2_000_000);
        assertNothingWrittenAndDatabaseUp();
    }

    @Test
    void aTenMegabyteNameIsRefusedButATenMegabyteUnknownFieldIsSkipped() throws IOException {
        String tenMegabytes = "b".repeat(10 * 1024 * 1024);
        writeImportFile("name.json", "{\"playlists\": [{\"pid\": 1, \"name\": \"" + tenMegabytes + "\", \"tracks\": ["
                + TRACK + "]}]}");
        assertThatThrownBy(() -> load("name.json")).hasMessageContaining("name.json, line 1")
                .hasMessageContaining("exceeds a limit of the MPD loader").hasMessageContaining("1000000");
        assertNothingWrittenAndDatabaseUp();

        // Fields the loader does not read are skipped unbuffered, whatever their size.
        writeImportFile("extra.json", "{\"playlists\": [{\"pid\": 1, \"blob\": \"" + tenMegabytes + "\", \"tracks\": ["
                + TRACK + "]}]}");
        load("extra.json");
        assertThat(count("MATCH (:Playlist {id: '1'})-[:CONTAINS]->(:Track {id: 'A'}) RETURN count(*)")).isEqualTo(1);
    }

    @Test
    void aHundredThousandNestedArraysFailWithTheDepthLimitAndNoStackOverflow() {
        int depth = 100_000;
        String nested = "[".repeat(depth) + "]".repeat(depth);
        writeImportFile("deep.json", "{\"playlists\": [{\"pid\": 1, \"extra\": " + nested + ", \"tracks\": []}]}");
        assertThatThrownBy(() -> load("deep.json")).hasMessageContaining("deep.json, line 1")
                .hasMessageContaining("exceeds a limit of the MPD loader").hasMessageContaining("nesting depth")
                .hasMessageContaining("100");
        writeImportFile("deep-objects.json", "{\"playlists\": [{\"pid\": 1, \"tracks\": [], \"x\": "
                + "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth) + "}]}");
        assertThatThrownBy(() -> load("deep-objects.json")).hasMessageContaining("nesting depth");
        // Deep nesting where a track belongs is not even descended into.
        writeImportFile("deep-tracks.json", "{\"playlists\": [{\"pid\": 1, \"tracks\": " + nested + "}]}");
        assertThatThrownBy(() -> load("deep-tracks.json")).hasMessageContaining("a track must be a JSON object");
        assertNothingWrittenAndDatabaseUp();
    }

    @Test
    void aPlaylistWithMoreTracksThanTheLimitIsRefused() {
        StringBuilder tracks = new StringBuilder();
        for (int i = 0; i <= 100_000; i++) {
            tracks.append(i == 0 ? "" : ",").append("{\"track_uri\": \"t").append(i).append("\"}");
        }
        writeImportFile("many.json", "{\"playlists\": [{\"pid\": 1, \"tracks\": [" + tracks + "]}]}");
        assertThatThrownBy(() -> load("many.json")).hasMessageContaining("many.json, line 1")
                .hasMessageContaining("more than 100000 tracks");
        assertNothingWrittenAndDatabaseUp();
    }
}
