package org.musig.procedures.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/** The Table 2 benchmark through Cypher: leakage, skipped combinations, every method on real data. */
class BenchmarkProcedureTest extends MusigDatabase {
    private static final String QUICK_TRAIN =
            "{epochs: 2, maxPairsPerEpoch: 3000, batchSize: 256, sampleSizes: [5, 3]}";

    @BeforeAll
    void twoTestPlaylistsWithColdHeldOutTracks() {
        // Test playlists t1, t2 (8 tracks each): the seed halves s* also appear in short training playlists,
        // the held-out halves h* appear nowhere else. Leaked held-out memberships would give the held-out
        // tracks counts and co-occurrences with the seed; without the leak they are all unseen.
        query("UNWIND ['t1', 't2'] AS pid CREATE (p:Playlist {id: pid}) WITH p, pid UNWIND range(0, 7) AS i "
                + "CREATE (p)-[:CONTAINS {position: i}]->(:Track {id: pid + CASE WHEN i < 4 THEN '-s' ELSE '-h' END + i, "
                + "audio: [toFloat(i), 1.0]})");
        query("UNWIND range(0, 5) AS r CREATE (p:Playlist {id: 'r' + r}) WITH p, r "
                + "MATCH (s:Track) WHERE s.id CONTAINS '-s' AND (toInteger(right(s.id, 1)) + r) % 2 = 0 "
                + "CREATE (p)-[:CONTAINS {position: 0}]->(s)");
    }

    @Test
    void heldOutMembershipsReachNoBaselineSoColdHeldOutTracksScoreNothing() {
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'leak', testPlaylists: 2, minTracks: 8, "
                + "minWeight: 1, methods: ['random', 'popularity', 'cooccurrence']})");
        Map<String, Map<String, Object>> byMethod = rows.stream()
                .collect(Collectors.toMap(r -> (String) r.get("method"), r -> r));
        assertThat(byMethod).containsOnlyKeys("random", "popularity", "cooccurrence");
        for (String counted : List.of("popularity", "cooccurrence")) {
            Map<String, Object> row = byMethod.get(counted);
            assertThat(row.get("status")).isEqualTo("ok");
            assertThat(row.get("playlists")).isEqualTo(2L);
            assertThat(row.get("heldOutTracks")).isEqualTo(8L);
            assertThat(row.get("coldTracks")).isEqualTo(8L);
        }
        // Without the leak every candidate (the other playlist's held-out half) is unseen: all score 0 and
        // tie, so the order is random. With it, each held-out track would co-occur with the four seed tracks
        // and every one would rank above the negatives: hit rate 1.0.
        assertThat((Double) byMethod.get("cooccurrence").get("hitRate")).isLessThan(0.9);
        assertThat((Double) byMethod.get("random").get("randomHitRate")).isEqualTo(0.5);
        // Only the split was written: no relationship, no property.
        assertThat(count("MATCH (s:MusigSplit {name: 'leak'}) RETURN count(s)")).isEqualTo(1);
        assertThat(count("MATCH ()-[r]->() WHERE type(r) <> 'CONTAINS' RETURN count(r)")).isZero();
    }

    @Test
    void missingFeatureGroupsAndTargetsAreListedAsSkippedWithTheReason() {
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'skips', testPlaylists: 2, minTracks: 8, "
                + "minWeight: 1, methods: ['content', 'musig'], features: ['genre', 'acoustic'], taskGrid: [[1, 1, 1]], "
                + "train: " + QUICK_TRAIN + "})");
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("skipped");
            assertThat((String) r.get("reason")).matches(".*no track has '(genre|acoustic)' features.*");
            assertThat(r.get("hitRate")).isNull();
        });
        assertThat(rows).anySatisfy(r -> assertThat(r.get("regressionTarget")).isEqualTo("acoustic"));
    }

    @Test
    void anExistingSplitMadeWithOtherSettingsIsRefusedNotSilentlyReused() {
        query("CALL musig.split.create('reuse', {testPlaylists: 2, minTracks: 8, randomSeed: 1})");
        String methods = "methods: ['random'], minWeight: 1";
        assertThatThrownBy(() -> query("CALL musig.benchmark({split: 'reuse', randomSeed: 7, " + methods + "})"))
                .hasMessageContaining("split 'reuse' already exists and was made with other settings: randomSeed 7 "
                        + "(the split has 1)")
                .hasMessageContaining("musig.split.drop('reuse')");
        assertThatThrownBy(() -> query("CALL musig.benchmark({split: 'reuse', minTracks: 6, " + methods + "})"))
                .hasMessageContaining("minTracks 6 (the split has 8)");
        // The same settings, or none, use the stored split.
        assertThat(query("CALL musig.benchmark({split: 'reuse', randomSeed: 1, minTracks: 8, " + methods + "})"))
                .singleElement().satisfies(r -> assertThat(r.get("status")).isEqualTo("ok"));
        assertThat(query("CALL musig.benchmark({split: 'reuse', " + methods + "})")).hasSize(1);
    }

    @Test
    void badSettingsAreRefusedBeforeAnyWork() {
        assertThatThrownBy(() -> query("CALL musig.benchmark({methods: ['lightfm']})"))
                .hasMessageContaining("'lightfm'");
        assertThatThrownBy(() -> query("CALL musig.benchmark({taskGrid: [[1, 0]]})")).hasMessageContaining("taskGrid");
        assertThatThrownBy(() -> query("CALL musig.benchmark({taskGrid: [[0, 0, 0]]})"))
                .hasMessageContaining("at least one task");
        assertThatThrownBy(() -> query("CALL musig.benchmark({train: {features: ['audio']}})"))
                .hasMessageContaining("train.features");
        assertThatThrownBy(() -> query("CALL musig.benchmark({train: {epochs: 0}})")).hasMessageContaining("epochs");
        assertThatThrownBy(() -> query("CALL musig.benchmark({coldStartRates: [0, 0.5], train: {coldStartRate: 0}})"))
                .hasMessageContaining("'coldStartRates' [0.0, 0.5] or train.coldStartRate 0, not both");
        assertThatThrownBy(() -> query("CALL musig.benchmark({trainVariants: [{sampling: 'spiral'}]})"))
                .hasMessageContaining("trainVariants entry {sampling=spiral}").hasMessageContaining("walk]");
        assertThatThrownBy(() -> query("CALL musig.benchmark({trainVariants: [{coldStartRate: 0}]})"))
                .hasMessageContaining("may not set 'coldStartRate'");
        assertThatThrownBy(() -> query("CALL musig.benchmark({trainVariants: [{}, {}]})"))
                .hasMessageContaining("'trainVariants' names a value twice");
        assertThatThrownBy(() -> query("CALL musig.benchmark({trainVariants: []})"))
                .hasMessageContaining("must be a non-empty list of maps");
        assertThatThrownBy(() -> query("CALL musig.benchmark({coldStartRates: [0.99]})"))
                .hasMessageContaining("coldStartRates");
        assertThatThrownBy(() -> query("CALL musig.benchmark({cfEpochs: [10, 10]})"))
                .hasMessageContaining("'cfEpochs' names a value twice: [10, 10]");
        assertThatThrownBy(() -> query("CALL musig.benchmark({track2vecWindows: [0]})"))
                .hasMessageContaining("track2vecWindows");
        assertThatThrownBy(() -> query("CALL musig.benchmark({split: 'new', minTracks: 1})"))
                .hasMessageContaining("minTracks");
        assertThat(count("MATCH (s:MusigSplit {name: 'new'}) RETURN count(s)")).isZero();
    }
}
