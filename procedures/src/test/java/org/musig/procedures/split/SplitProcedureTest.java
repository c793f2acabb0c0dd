package org.musig.procedures.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

class SplitProcedureTest extends MusigDatabase {

    @BeforeEach
    void playlists() {
        clearGraph();
        // p0 .. p19 with 2 .. 21 tracks each.
        query("UNWIND range(0, 19) AS p MERGE (pl:Playlist {id: 'p' + p}) "
                + "WITH pl, p UNWIND range(0, p + 1) AS i MERGE (t:Track {id: 't' + i}) "
                + "CREATE (pl)-[:CONTAINS {position: i}]->(t)");
    }

    @Test
    void aSplitChoosesOnlyLongEnoughPlaylistsAndStoresTheirSeedSizes() {
        Map<String, Object> row = single(
                "CALL musig.split.create('eval', {testPlaylists: 5, minTracks: 12, seedFraction: 0.5, randomSeed: 3})");
        assertThat(row.get("playlists")).isEqualTo(5L);
        assertThat(row.get("eligiblePlaylists")).isEqualTo(10L);
        Map<String, Object> stored =
                single("MATCH (s:MusigSplit {name: 'eval'}) RETURN s.playlistIds AS ids, s.seedSizes AS seeds");
        String[] ids = (String[]) stored.get("ids");
        int[] seeds = (int[]) stored.get("seeds");
        long seedTotal = 0;
        long heldOut = 0;
        for (int i = 0; i < ids.length; i++) {
            int length = Integer.parseInt(ids[i].substring(1)) + 2;
            assertThat(length).isGreaterThanOrEqualTo(12);
            assertThat(seeds[i]).isEqualTo(Math.round(length * 0.5));
            seedTotal += seeds[i];
            heldOut += length - seeds[i];
        }
        assertThat(row.get("seedMemberships")).isEqualTo(seedTotal);
        assertThat(row.get("heldOutMemberships")).isEqualTo(heldOut);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAFractionCountsEligiblePlaylists() {
        single("CALL musig.split.create('a', {testPlaylists: 4, minTracks: 2, randomSeed: 9})");
        single("CALL musig.split.create('b', {testPlaylists: 4, minTracks: 2, randomSeed: 9})");
        List<Map<String, Object>> ids =
                query("MATCH (s:MusigSplit) RETURN s.name AS name, s.playlistIds AS ids ORDER BY name");
        assertThat((String[]) ids.get(1).get("ids")).isEqualTo((String[]) ids.get(0).get("ids"));
        Map<String, Object> fraction = single("CALL musig.split.create('c', {testPlaylists: 0.25, minTracks: 2})");
        assertThat(fraction.get("playlists")).isEqualTo(5L);
        assertThat(query("CALL musig.split.list() YIELD splitName RETURN splitName"))
                .extracting(r -> r.get("splitName")).containsExactly("a", "b", "c");
    }

    @Test
    void anExistingNameIsKeptUnlessOverwriteIsAskedFor() {
        single("CALL musig.split.create('s', {testPlaylists: 2, minTracks: 2})");
        assertThatThrownBy(() -> query("CALL musig.split.create('s', {testPlaylists: 3, minTracks: 2})"))
                .hasMessageContaining("already exists");
        assertThat(single("CALL musig.split.create('s', {testPlaylists: 3, minTracks: 2, overwrite: true})")
                .get("playlists"))
                .isEqualTo(3L);
        assertThat(count("MATCH (s:MusigSplit {name: 's'}) RETURN count(s)")).isEqualTo(1);
        assertThat(single("CALL musig.split.drop('s')").get("dropped")).isEqualTo(true);
        assertThatThrownBy(() -> query("CALL musig.split.drop('s')")).hasMessageContaining("no split named 's'");
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> query("CALL musig.split.create('x', {seedFraction: 1.0})"))
                .hasMessageContaining("seedFraction");
        assertThatThrownBy(() -> query("CALL musig.split.create('x', {testPlaylists: 2.5})"))
                .hasMessageContaining("testPlaylists");
        assertThatThrownBy(() -> query("CALL musig.split.create('x', {minTracks: 100})"))
                .hasMessageContaining("no playlist has at least 100");
        assertThatThrownBy(() -> query("CALL musig.split.create('x', {seed: 1})"))
                .hasMessageContaining("unknown configuration key(s) [seed]");
        assertThatThrownBy(() -> query("CALL musig.split.create('', {})")).hasMessageContaining("non-empty name");
        assertThat(count("MATCH (s:MusigSplit) RETURN count(s)")).isZero();
    }
}
