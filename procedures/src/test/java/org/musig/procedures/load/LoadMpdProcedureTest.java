package org.musig.procedures.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/** musig.load.mpd through Cypher on Million Playlist Dataset slices. */
class LoadMpdProcedureTest extends MusigDatabase {

    static String track(int pos, String id, String name) {
        return "{\"pos\": " + pos + ", \"artist_name\": \"Artist " + id + "\", \"track_uri\": \"spotify:track:" + id
                + "\", \"artist_uri\": \"spotify:artist:ar" + id + "\", \"track_name\": \"" + name
                + "\", \"album_uri\": \"spotify:album:al" + id
                + "\", \"duration_ms\": 200000, \"album_name\": \"Album\"}";
    }

    static String playlist(int pid, String name, String... tracks) {
        return "{\"name\": \"" + name + "\", \"collaborative\": \"false\", \"pid\": " + pid
                + ", \"modified_at\": 1493424000, \"num_tracks\": " + tracks.length + ", \"num_followers\": 3, "
                + "\"tracks\": [" + String.join(",\n", tracks) + "], \"num_edits\": 2, \"duration_ms\": 1}";
    }

    static String slice(String... playlists) {
        return "{\"info\": {\"generated_on\": \"2017-12-03\", \"slice\": \"0-999\", \"version\": \"v1\"},\n"
                + "\"playlists\": [" + String.join(",\n", playlists) + "]}";
    }

    @BeforeEach
    void emptyGraph() {
        clearGraph();
    }

    private Map<String, Object> load(String path, Map<String, Object> config) {
        return single("CALL musig.load.mpd($path, $config)", Map.of("path", path, "config", config));
    }

    @Test
    void loadsADirectoryOfSlicesWithPositionsAndMetadata() {
        writeImportFile("mpd/mpd.slice.0-999.json", slice(
                playlist(0, "Throwbacks", track(0, "A", "Song A"), track(1, "B", "Song B"), track(2, "C", "Song C")),
                playlist(1, "Chill", track(0, "C", "Song C"), track(1, "D", "Song D"))));
        writeImportFile("mpd/mpd.slice.1000-1999.json", slice(playlist(1000, "Gym", track(0, "A", "Song A"))));
        writeImportFile("mpd/notes.txt", "not a slice");

        Map<String, Object> row = load("mpd", Map.of());

        assertThat(row).containsEntry("files", 2L).containsEntry("playlists", 3L).containsEntry("tracks", 4L)
                .containsEntry("memberships", 6L).containsEntry("duplicates", 0L);
        assertThat(single("MATCH (p:Playlist {id: '0'}) RETURN p.name AS name, p.pid AS pid, "
                + "p.numFollowers AS followers, p.collaborative AS collaborative"))
                .containsEntry("name", "Throwbacks").containsEntry("pid", 0L).containsEntry("followers", 3L)
                .containsEntry("collaborative", false);
        assertThat(query(
                "MATCH (:Playlist {id: '0'})-[r:CONTAINS]->(t) RETURN t.id AS id, r.position AS pos ORDER BY pos"))
                .extracting(m -> m.get("id")).containsExactly("A", "B", "C");
        assertThat(
                single("MATCH (t:Track {id: 'A'}) RETURN t.name AS name, t.artist AS artist, t.artistId AS artistId, "
                        + "t.albumId AS albumId, t.durationMs AS d"))
                .containsEntry("name", "Song A")
                .containsEntry("artist", "Artist A").containsEntry("artistId", "arA").containsEntry("albumId", "alA")
                .containsEntry("d", 200_000L);
    }

    @Test
    void aDuplicateTrackInAPlaylistIsKeptFirstAndCounted() {
        writeImportFile("dup.json",
                slice(playlist(7, "Dup", track(0, "A", "a"), track(1, "B", "b"), track(2, "A", "a"))));
        Map<String, Object> row = load("dup.json", Map.of());
        assertThat(row).containsEntry("memberships", 2L).containsEntry("duplicates", 1L);
        assertThat(single("MATCH (:Playlist {id: '7'})-[r:CONTAINS]->(:Track {id: 'A'}) RETURN r.position AS pos"))
                .containsEntry("pos", 0L);
    }

    @Test
    void mpdUrisAndBareCsvIdsNameTheSameTrack() {
        writeImportFile("s.json", slice(playlist(1, "One", track(0, "6f807x0ima9a1j3VPbc7VN", "x"))));
        load("s.json", Map.of());
        writeImportFile("f.csv", "track_id,danceability\n6f807x0ima9a1j3VPbc7VN,0.7\n");
        Map<String, Object> features = single("CALL musig.load.features('f.csv')");
        assertThat(features).containsEntry("tracks", 1L).containsEntry("tracksNotFound", 0L);
        assertThat(count("MATCH (t:Track) RETURN count(t)")).isEqualTo(1L);
    }

    @Test
    void loadingTwiceChangesNothing() {
        writeImportFile("s.json", slice(playlist(1, "One", track(0, "A", "a"), track(1, "B", "b")),
                playlist(2, "Two", track(0, "B", "b"))));
        load("s.json", Map.of());
        Map<String, Object> again = load("s.json", Map.of());
        assertThat(again).containsEntry("playlistsCreated", 0L).containsEntry("tracksCreated", 0L)
                .containsEntry("membershipsCreated", 0L).containsEntry("memberships", 3L);
        assertThat(count("MATCH ()-[r:CONTAINS]->() RETURN count(r)")).isEqualTo(3L);
        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(4L);
    }

    @Test
    void malformedJsonFailsWithLineAndWritesNothingOfThatFile() {
        writeImportFile("mpd/mpd.slice.0-999.json", slice(playlist(0, "Good", track(0, "A", "a"))));
        writeImportFile("mpd/mpd.slice.1000-1999.json", slice(playlist(1000, "Broken", track(0, "B", "b")))
                .replace("\"Broken\",", "\"Broken\" \n \"oops\","));
        assertThatThrownBy(() -> load("mpd", Map.of()))
                .hasMessageContaining("mpd.slice.1000-1999.json, line 3").hasMessageContaining("malformed JSON");
        // Files are loaded in order: the first one is in, nothing of the broken one is.
        assertThat(query("MATCH (p:Playlist) RETURN p.id AS id")).containsExactly(Map.of("id", "0"));
        assertThat(count("MATCH (t:Track {id: 'B'}) RETURN count(t)")).isZero();
    }

    @Test
    void tracksThatAreNotAnArrayAreNamed() {
        writeImportFile("bad.json", slice(playlist(0, "Good", track(0, "A", "a")),
                "{\"pid\": 5, \"name\": \"Bad\", \"tracks\": {\"pos\": 0}}"));
        assertThatThrownBy(() -> load("bad.json", Map.of())).hasMessageContaining("bad.json, line")
                .hasMessageContaining("\"tracks\" is not an array");
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();
    }

    @Test
    void skipModeSkipsBrokenPlaylistsAndLoadsTheRest() {
        writeImportFile("bad.json", slice(
                "{\"pid\": 5, \"name\": \"Bad\", \"tracks\": {\"pos\": 0, \"nested\": [1, {\"x\": 2}]}, \"num_edits\": 1}",
                playlist(0, "Good", track(0, "A", "a")),
                "{\"name\": \"No pid\", \"tracks\": []}",
                "{\"pid\": 9, \"tracks\": [{\"pos\": 0}]}"));
        Map<String, Object> row = load("bad.json", Map.of("onError", "skip"));
        assertThat(row).containsEntry("playlists", 1L).containsEntry("rowsSkipped", 3L);
        assertThat((List<?>) row.get("errors")).hasSize(3);
        assertThat(query("MATCH (p:Playlist) RETURN p.id AS id")).containsExactly(Map.of("id", "0"));
    }

    @Test
    void aFileThatIsNotAnMpdSliceIsRejected() {
        writeImportFile("other.json", "{\"rows\": []}");
        assertThatThrownBy(() -> load("other.json", Map.of())).hasMessageContaining("no \"playlists\" array");
        writeImportFile("array.json", "[1, 2]");
        assertThatThrownBy(() -> load("array.json", Map.of())).hasMessageContaining("expected a JSON object");
    }

    @Test
    void anEmptyDirectoryIsReported() {
        writeImportFile("empty/readme.txt", "nothing");
        assertThatThrownBy(() -> load("empty", Map.of())).hasMessageContaining("No file matching 'mpd.slice.*.json'");
    }
}
