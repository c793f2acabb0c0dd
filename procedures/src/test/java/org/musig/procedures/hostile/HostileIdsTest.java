package org.musig.procedures.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/**
 * Ids and names with quotes, backslashes, Cypher syntax and unicode (emoji, combining marks, right-to-left text)
 * load from CSV and from MPD slices exactly as written, are found again by {@code MATCH ... {id: $id}}, and are
 * accepted as arguments by musig.recommend, musig.recommend.fromTracks, musig.similar and musig.explain; an
 * unknown one is named in the error. Nothing in them is ever executed as Cypher.
 */
class HostileIdsTest extends MusigDatabase {
    static final List<String> IDS = List.of(
            "it's \"quoted\"",
            "back\\slash \\\\ \\n \\u0041",
            "x'}) DETACH DELETE n //",
            "$param {id: $id}",
            "`tick`` MATCH (n) DETACH DELETE n`",
            "\uD83C\uDFB5\uD83D\uDD25 emoji \uD834\uDD1E",
            "e\u0301 n\u0303 combining \u0308\u0308",
            "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 \u202Eright-to-left\u202C");
    /** Tracks 0-3 are in the first playlist, 4-7 in the second. */
    private static final List<String> PLAYLISTS = List.of("list " + IDS.get(2), "list " + IDS.get(5));

    @BeforeEach
    void emptyGraph() {
        clearGraph();
    }

    private static String name(String id) {
        return "name of " + id;
    }

    private static String csvField(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    @Test
    void idsAndNamesFromACsvRoundTripAndWorkAsProcedureArguments() {
        StringBuilder csv = new StringBuilder("track_id,track_name,track_artist,playlist_name,playlist_id\n");
        for (int i = 0; i < IDS.size(); i++) {
            String playlist = PLAYLISTS.get(i / 4);
            csv.append(String.join(",", csvField(IDS.get(i)), csvField(name(IDS.get(i))), csvField(IDS.get(7 - i)),
                    csvField(name(playlist)), csvField(playlist))).append('\n');
        }
        writeImportFile("ids.csv", csv.toString());
        single("CALL musig.load.csv('ids.csv')");
        assertRoundTripAndProcedureArguments();
        assertThat(single("MATCH (t:Track {id: $id}) RETURN t.artist AS a", Map.of("id", IDS.get(0))))
                .containsEntry("a", IDS.get(7));
    }

    @Test
    void idsAndNamesFromAnMpdSliceRoundTripAndWorkAsProcedureArguments() throws JsonProcessingException {
        List<Map<String, Object>> playlists = new ArrayList<>();
        for (int p = 0; p < PLAYLISTS.size(); p++) {
            List<Map<String, Object>> tracks = new ArrayList<>();
            for (int i = p * 4; i < p * 4 + 4; i++) {
                Map<String, Object> track = new LinkedHashMap<>();
                track.put("pos", i - p * 4);
                track.put("track_uri", "spotify:track:" + IDS.get(i));
                track.put("track_name", name(IDS.get(i)));
                track.put("artist_name", IDS.get(7 - i));
                tracks.add(track);
            }
            playlists.add(Map.of("pid", PLAYLISTS.get(p), "name", name(PLAYLISTS.get(p)), "tracks", tracks));
        }
        writeImportFile("ids.json", new ObjectMapper().writeValueAsString(Map.of("playlists", playlists)));
        single("CALL musig.load.mpd('ids.json')");
        assertRoundTripAndProcedureArguments();
    }

    private void assertRoundTripAndProcedureArguments() {
        assertThat(count("MATCH (t:Track) RETURN count(t)")).isEqualTo(IDS.size());
        for (int i = 0; i < IDS.size(); i++) {
            String id = IDS.get(i);
            assertThat(single("MATCH (p:Playlist)-[:CONTAINS]->(t:Track {id: $id}) RETURN t.name AS name, p.id AS p",
                    Map.of("id", id))).containsEntry("name", name(id)).containsEntry("p", PLAYLISTS.get(i / 4));
        }
        for (String playlist : PLAYLISTS) {
            assertThat(single("MATCH (p:Playlist {id: $id}) RETURN p.name AS name", Map.of("id", playlist)))
                    .containsEntry("name", name(playlist));
        }
        query("UNWIND range(0, size($ids) - 1) AS i MATCH (t:Track {id: $ids[i]}) SET t.vec = [cos(i), sin(i)]",
                Map.of("ids", IDS));
        long nodes = count("MATCH (n) RETURN count(n)");

        for (String playlist : PLAYLISTS) {
            List<Object> recommended = column("CALL musig.recommend($id, {k: 4, property: 'vec'})", "trackId",
                    Map.of("id", playlist));
            List<String> others = playlist.equals(PLAYLISTS.get(0)) ? IDS.subList(4, 8) : IDS.subList(0, 4);
            assertThat(recommended).containsExactlyInAnyOrderElementsOf(others);
        }
        for (String id : IDS) {
            assertThat(column("CALL musig.similar($id, {k: 7, property: 'vec'})", "trackId", Map.of("id", id)))
                    .hasSize(7).doesNotContain(id).isSubsetOf(IDS);
            assertThat(column("CALL musig.recommend.fromTracks([$id], {k: 7, property: 'vec'})", "name",
                    Map.of("id", id))).hasSize(7).doesNotContain(name(id));
            List<Map<String, Object>> explained = query("CALL musig.explain($p, $id, {property: 'vec'})",
                    Map.of("p", PLAYLISTS.get(0), "id", id));
            assertThat(explained).isNotEmpty().allSatisfy(row -> assertThat(row).containsEntry("trackId", id));
            assertThat(explained).extracting(row -> row.get("seedTrackId")).isSubsetOf(IDS.subList(0, 4));
        }
        assertThat(column("CALL musig.recommend.fromTracks($ids, {k: 10, property: 'vec', excludeSeed: false})",
                "trackId", Map.of("ids", IDS))).containsExactlyInAnyOrderElementsOf(IDS);

        String unknown = IDS.get(2) + " (unknown)";
        assertThatThrownBy(() -> query("CALL musig.recommend($id, {property: 'vec'})", Map.of("id", unknown)))
                .hasMessageContaining("no playlist with id '" + unknown + "'");
        assertThatThrownBy(() -> query("CALL musig.similar($id, {property: 'vec'})", Map.of("id", unknown)))
                .hasMessageContaining("no track with id [" + unknown + "]");
        assertThatThrownBy(() -> query("CALL musig.recommend.fromTracks([$known, $id], {property: 'vec'})",
                Map.of("known", IDS.get(0), "id", unknown))).hasMessageContaining("no track with id [" + unknown + "]");
        assertThatThrownBy(() -> query("CALL musig.explain($p, $id, {property: 'vec'})",
                Map.of("p", PLAYLISTS.get(0), "id", unknown)))
                .hasMessageContaining("no track with id '" + unknown + "'");
        assertThatThrownBy(() -> query("CALL musig.explain($id, $t, {property: 'vec'})",
                Map.of("id", unknown, "t", IDS.get(0)))).hasMessageContaining("no playlist with id '" + unknown + "'");
        // Neither the loads nor the calls ran anything of the ids: every node is still there.
        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
    }

    @Test
    void anIdOverTheIndexableLengthFailsTheFileWithItsPlaceAndWritesNothing() {
        // Neo4j's unique index refuses keys over about 8 kB only at commit, after earlier batches: checked up front.
        String longId = "i".repeat(40_000);
        writeImportFile("long.csv", "track_id,playlist_id\nt1,p1\nt2,p1\n" + longId + ",p2\nt3," + longId + "\n");
        assertThatThrownBy(() -> single("CALL musig.load.csv('long.csv', {batchSize: 2})"))
                .hasMessageContaining(
                        "long.csv, line 4: track id of 40000 characters is longer than the limit of 1000");
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();
        Map<String, Object> skipped = single("CALL musig.load.csv('long.csv', {batchSize: 2, onError: 'skip'})");
        assertThat(skipped).containsEntry("rowsSkipped", 2L);
        assertThat((List<?>) skipped.get("errors")).last().asString()
                .contains("long.csv, line 5: playlist id of 40000 characters is longer than the limit of 1000");
        clearGraph();
        writeImportFile("long.json", "{\"playlists\": [{\"pid\": 1, \"tracks\": [{\"track_uri\": \"a\"}]}, "
                + "{\"pid\": \"" + longId + "\", \"tracks\": [{\"track_uri\": \"b\"}]}]}");
        assertThatThrownBy(() -> single("CALL musig.load.mpd('long.json', {batchSize: 1})"))
                .hasMessageContaining("long.json, line 1").hasMessageContaining("playlist id of 40000 characters");
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();
    }

    private List<Object> column(String cypher, String key, Map<String, Object> params) {
        return query(cypher, params).stream().map(row -> row.get(key)).toList();
    }
}
