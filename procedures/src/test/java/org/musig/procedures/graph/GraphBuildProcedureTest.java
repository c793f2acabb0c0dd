package org.musig.procedures.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.model.graph.TrackFeatures;
import org.musig.procedures.MusigDatabase;

class GraphBuildProcedureTest extends MusigDatabase {

    @BeforeEach
    void emptyDatabase() {
        clearGraph();
        query("CALL musig.graph.list() YIELD graphName CALL musig.graph.drop(graphName) YIELD dropped RETURN dropped");
    }

    /** Playlists as lists of track ids; positions follow list order; a repeated id creates a second CONTAINS. */
    private void createPlaylists(Map<String, List<String>> playlists) {
        List<Map<String, Object>> rows = new ArrayList<>();
        playlists.forEach((playlist, tracks) -> {
            for (int i = 0; i < tracks.size(); i++) {
                rows.add(Map.of("p", playlist, "t", tracks.get(i), "pos", i));
            }
        });
        query("UNWIND $rows AS row MERGE (p:Playlist {id: row.p}) MERGE (t:Track {id: row.t}) "
                + "CREATE (p)-[:CONTAINS {position: row.pos}]->(t)", Map.of("rows", rows));
    }

    private Map<String, Long> storedWeights() {
        Map<String, Long> weights = new HashMap<>();
        for (Map<String, Object> row : query(
                "MATCH (a:Track)-[r:CO_OCCURS]->(b:Track) RETURN a.id AS a, b.id AS b, r.weight AS w")) {
            String a = (String) row.get("a");
            String b = (String) row.get("b");
            String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
            assertThat(weights.put(key, ((Number) row.get("w")).longValue())).as("one relationship per pair").isNull();
        }
        return weights;
    }

    private Map<String, Long> bruteForceWeights(long minWeight) {
        Map<String, Long> weights = new HashMap<>();
        for (Map<String, Object> row : query("MATCH (a:Track)<-[:CONTAINS]-(p:Playlist)-[:CONTAINS]->(b:Track) "
                + "WHERE a.id < b.id WITH a, b, count(DISTINCT p) AS w WHERE w >= $min "
                + "RETURN a.id AS a, b.id AS b, w", Map.of("min", minWeight))) {
            weights.put(row.get("a") + "|" + row.get("b"), ((Number) row.get("w")).longValue());
        }
        return weights;
    }

    private void createRandomPlaylists(long seed) {
        Random random = new Random(seed);
        Map<String, List<String>> playlists = new HashMap<>();
        for (int p = 0; p < 40; p++) {
            List<String> tracks = new ArrayList<>();
            int length = 2 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                // Skewed popularity, and occasional repeats of a track within one playlist.
                tracks.add("t" + (int) (60 * Math.pow(random.nextDouble(), 2)));
            }
            playlists.put("p" + p, tracks);
        }
        createPlaylists(playlists);
    }

    @Test
    void weightsEqualABruteForceCypherCountForEveryThreshold() {
        createRandomPlaylists(7);
        for (long minWeight : new long[] {1, 2, 4}) {
            Map<String, Object> row =
                    single("CALL musig.graph.build({minWeight: $min, graphName: 'g'})", Map.of("min", minWeight));
            Map<String, Long> expected = bruteForceWeights(minWeight);
            assertThat(storedWeights()).isEqualTo(expected);
            assertThat(row.get("relationshipCount")).isEqualTo((long) expected.size());
            assertThat(row.get("minWeight")).isEqualTo(minWeight);
        }
    }

    @Test
    void aTrackListedTwiceInOnePlaylistCountsOnce() {
        createPlaylists(Map.of("p1", List.of("a", "b", "a", "b"), "p2", List.of("a", "b")));
        single("CALL musig.graph.build({minWeight: 1})");
        assertThat(storedWeights()).containsExactlyEntriesOf(Map.of("a|b", 2L));
    }

    @Test
    void pairsBelowMinWeightAreDroppedAndTheirTracksKeptAsIsolatedNodes() {
        createPlaylists(Map.of("p1", List.of("a", "b", "c"), "p2", List.of("a", "b"), "p3", List.of("d", "e")));
        Map<String, Object> row = single("CALL musig.graph.build({minWeight: 2})");
        assertThat(storedWeights()).containsExactlyEntriesOf(Map.of("a|b", 2L));
        assertThat(row.get("nodeCount")).isEqualTo(5L);
        assertThat(row.get("isolatedTracks")).isEqualTo(3L);
        assertThat(row.get("playlistsScanned")).isEqualTo(3L);
        assertThat(row.get("pairOccurrences")).isEqualTo(3L + 1 + 1);
    }

    @Test
    void rebuildingUnchangedDataWritesNothingAndAChangedThresholdConverges() {
        createRandomPlaylists(11);
        Map<String, Object> first = single("CALL musig.graph.build({minWeight: 1})");
        Map<String, Long> weights = storedWeights();
        assertThat(first.get("relationshipsCreated")).isEqualTo((long) weights.size());

        Map<String, Object> again = single("CALL musig.graph.build({minWeight: 1})");
        assertThat(again.get("relationshipsCreated")).isEqualTo(0L);
        assertThat(again.get("relationshipsUpdated")).isEqualTo(0L);
        assertThat(again.get("relationshipsDeleted")).isEqualTo(0L);
        assertThat(storedWeights()).isEqualTo(weights);

        // A relationship the build did not make, the wrong way round, and a wrong weight are all repaired.
        query("MATCH (a:Track)-[r:CO_OCCURS]->(b:Track) WITH a, b, r LIMIT 1 CREATE (b)-[:CO_OCCURS {weight: 99}]->(a) SET r.weight = 1000");
        single("CALL musig.graph.build({minWeight: 1})");
        assertThat(storedWeights()).isEqualTo(weights);

        Map<String, Object> higher = single("CALL musig.graph.build({minWeight: 3})");
        assertThat(storedWeights()).isEqualTo(bruteForceWeights(3));
        assertThat((Long) higher.get("relationshipsDeleted")).isPositive();
    }

    @Test
    void theGdsProjectionHasTheSameTracksAndEveryEdgeInBothDirections() {
        createRandomPlaylists(3);
        query("MATCH (t:Track) WHERE t.id < 't3' SET t.audio = [0.1, 0.2, 0.3]");
        Map<String, Object> row = single("CALL musig.graph.build({minWeight: 2, graphName: 'proj'})");
        assertThat(row.get("gdsGraphName")).isEqualTo("proj");
        Map<String, Object> gds =
                single("CALL gds.graph.list('proj') YIELD nodeCount, relationshipCount, schemaWithOrientation "
                        + "RETURN nodeCount, relationshipCount, schemaWithOrientation");
        assertThat(gds.get("nodeCount")).isEqualTo(row.get("nodeCount"));
        assertThat(gds.get("relationshipCount")).isEqualTo(2 * (Long) row.get("relationshipCount"));
        assertThat(gds.get("schemaWithOrientation").toString()).contains("audio").contains("weight");
        // A GDS algorithm runs on it, tracks without audio included.
        long embedded =
                count("CALL gds.fastRP.stream('proj', {embeddingDimension: 8, relationshipWeightProperty: 'weight'}) "
                        + "YIELD nodeId RETURN count(*)");
        assertThat(embedded).isEqualTo(row.get("nodeCount"));

        Map<String, Object> dropped = single("CALL musig.graph.drop('proj')");
        assertThat(dropped.get("gdsGraphDropped")).isEqualTo(true);
        assertThat(count("CALL gds.graph.list('proj') YIELD graphName RETURN count(*)")).isZero();
    }

    @Test
    void withoutAWriteTypeNothingIsWrittenButTheGraphIsListed() {
        createPlaylists(Map.of("p1", List.of("a", "b"), "p2", List.of("a", "b")));
        Map<String, Object> row =
                single("CALL musig.graph.build({minWeight: 1, writeRelationshipType: null, graphName: 'mem'})");
        assertThat(row.get("relationshipCount")).isEqualTo(1L);
        assertThat(count("MATCH ()-[r:CO_OCCURS]->() RETURN count(r)")).isZero();
        assertThat(row.get("gdsGraphName")).isNull();
        assertThat((List<?>) row.get("notices"))
                .anySatisfy(n -> assertThat(n.toString()).contains("no GDS projection"));
        Map<String, Object> listed = single("CALL musig.graph.list('mem')");
        assertThat(listed.get("relationshipType")).isNull();
        assertThat(listed.get("featureGroups")).isEqualTo(List.of(TrackFeatures.POPULARITY));
        assertThat(single("CALL musig.graph.drop('mem')").get("dropped")).isEqualTo(true);
        assertThatThrownBy(() -> query("CALL musig.graph.drop('mem')"))
                .hasMessageContaining("no MUSIG graph named 'mem'");
        assertThat(single("CALL musig.graph.drop('mem', false)").get("dropped")).isEqualTo(false);
    }

    @Test
    void heldOutMembershipsChangeNoWeightNoPopularityAndNoGenre() {
        // p1 is the only split-eligible playlist (4 tracks): seed = a, b (positions 0, 1); held out = c, x.
        createPlaylists(Map.of("p1", List.of("a", "b", "c", "x"), "p2", List.of("a", "c"), "p3", List.of("b", "c")));
        query("MATCH (p:Playlist {id: 'p1'}) SET p.genre = 'rock'");
        query("MATCH (p:Playlist {id: 'p2'}) SET p.genre = 'jazz'");
        Map<String, Object> split = single("CALL musig.split.create('s', {testPlaylists: 1, minTracks: 4})");
        assertThat(split.get("playlists")).isEqualTo(1L);
        assertThat(split.get("heldOutMemberships")).isEqualTo(2L);

        Map<String, Object> row =
                single("CALL musig.graph.build({minWeight: 1, excludeMemberships: 's', graphName: 'held'})");
        assertThat(row.get("excludedMemberships")).isEqualTo(2L);
        // Seen: p1 = {a, b}, p2 = {a, c}, p3 = {b, c}: every pair once, x in nothing.
        assertThat(storedWeights()).containsOnly(Map.entry("a|b", 1L), Map.entry("a|c", 1L), Map.entry("b|c", 1L));
        assertThat(row.get("isolatedTracks")).isEqualTo(1L);

        MusigGraph graph = GraphCatalog.of(db()).require("held");
        Map<String, Integer> dense = denseIds(graph);
        var popularity = graph.features().group(TrackFeatures.POPULARITY);
        assertThat(popularity.value(dense.get("x"), 0)).as("x is only held out").isZero();
        assertThat(popularity.value(dense.get("c"), 0)).isEqualTo(popularity.value(dense.get("a"), 0));
        // c's rock vote came only from its held-out membership in p1: it is jazz (p2); x has no genre.
        var features = graph.features();
        assertThat(features.genreNames().get(features.genre(dense.get("c")))).isEqualTo("jazz");
        assertThat(features.genre(dense.get("x"))).isEqualTo(TrackFeatures.NO_GENRE);
        assertThat(features.genreNames().get(features.genre(dense.get("a")))).isIn("jazz", "rock");

        // Without the split, the held-out memberships count again.
        single("CALL musig.graph.build({minWeight: 1, graphName: 'all'})");
        assertThat(storedWeights()).containsEntry("a|c", 2L).containsEntry("c|x", 1L);
    }

    private Map<String, Integer> denseIds(MusigGraph graph) {
        Map<String, Integer> ids = new HashMap<>();
        for (Map<String, Object> row : query("MATCH (t:Track) RETURN id(t) AS node, t.id AS id")) {
            long node = (Long) row.get("node");
            for (int i = 0; i < graph.trackNodeIds().length; i++) {
                if (graph.trackNodeIds()[i] == node) {
                    ids.put((String) row.get("id"), i);
                }
            }
        }
        return ids;
    }

    @Test
    void featuresComeFromTrackPropertiesAndTrackGenresWinOverPlaylistGenres() {
        createPlaylists(Map.of("p1", List.of("a", "b"), "p2", List.of("a", "c")));
        query("MATCH (p:Playlist) SET p.genre = 'pop'");
        query("MATCH (t:Track {id: 'a'}) SET t.genre = 'edm', t.popularity = 80, t.audio = [1.0, 2.0], t.acoustic = [0.5]");
        query("MATCH (t:Track {id: 'b'}) SET t.audio = [3.0, 4.0]");
        query("MATCH (t:Track {id: 'c'}) SET t.audio = [1.0, 2.0, 3.0]"); // wrong length: treated as missing
        Map<String, Object> row = single("CALL musig.graph.build({minWeight: 1, graphName: 'f'})");
        assertThat((List<?>) row.get("notices"))
                .anySatisfy(n -> assertThat(n.toString()).contains("1 tracks have a 'audio' vector"));
        MusigGraph graph = GraphCatalog.of(db()).require("f");
        Map<String, Integer> dense = denseIds(graph);
        var f = graph.features();
        assertThat(f.groups()).containsOnlyKeys(TrackFeatures.POPULARITY, TrackFeatures.SOURCE_POPULARITY,
                TrackFeatures.AUDIO, TrackFeatures.ACOUSTIC);
        assertThat(f.group(TrackFeatures.SOURCE_POPULARITY).value(dense.get("a"), 0)).isEqualTo(0.8f);
        assertThat(f.group(TrackFeatures.SOURCE_POPULARITY).isPresent(dense.get("b"))).isFalse();
        assertThat(f.group(TrackFeatures.AUDIO).value(dense.get("b"), 1)).isEqualTo(4f);
        assertThat(f.group(TrackFeatures.AUDIO).isPresent(dense.get("c"))).isFalse();
        assertThat(f.group(TrackFeatures.POPULARITY).value(dense.get("a"), 0)).isEqualTo(1f);
        assertThat(f.genreNames()).containsExactly("pop", "edm");
        assertThat(f.genre(dense.get("a"))).isEqualTo(1);
        assertThat(f.genre(dense.get("b"))).isEqualTo(0);
    }

    @Test
    void badConfigurationAndEmptyDatabasesGetClearErrors() {
        assertThatThrownBy(() -> query("CALL musig.graph.build({minWeigth: 3})"))
                .hasMessageContaining("unknown configuration key(s) [minWeigth]").hasMessageContaining("minWeight");
        assertThatThrownBy(() -> query("CALL musig.graph.build({minWeight: 0})")).hasMessageContaining("minWeight");
        assertThatThrownBy(() -> query("CALL musig.graph.build({minWeight: 'ten'})")).hasMessageContaining("minWeight");
        assertThatThrownBy(() -> query("CALL musig.graph.build({writeRelationshipType: 'CONTAINS'})"))
                .hasMessageContaining("other than CONTAINS");
        assertThatThrownBy(() -> query("CALL musig.graph.build({})")).hasMessageContaining("no :Track nodes");
        createPlaylists(Map.of("p1", List.of("a", "b")));
        assertThatThrownBy(() -> query("CALL musig.graph.build({excludeMemberships: 'nope'})"))
                .hasMessageContaining("no split named 'nope'");
        assertThatThrownBy(() -> query("CALL musig.graph.drop('zzz')"))
                .hasMessageContaining("no MUSIG graph named 'zzz'");
    }

    @Test
    void theBuildIsListedInProgressWhenFinished() {
        createPlaylists(Map.of("p1", List.of("a", "b")));
        single("CALL musig.graph.build({minWeight: 1})");
        assertThat(
                query("CALL musig.listProgress() YIELD taskName, status WHERE taskName STARTS WITH 'musig.graph.build' "
                        + "RETURN status"))
                .anySatisfy(r -> assertThat(r.get("status")).isEqualTo("FINISHED"));
    }
}
