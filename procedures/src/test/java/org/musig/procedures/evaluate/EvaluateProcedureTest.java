package org.musig.procedures.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

class EvaluateProcedureTest extends MusigDatabase {

    @BeforeAll
    void twoTestPlaylistsWithKnownVectors() {
        // p1 = a0 a1 | a2 a3 and p2 = b0 b1 | b2 b3 are split in half; p3 (too short to be chosen) also holds a2,
        // so a2 is warm and a3, b2, b3 are cold. 'good' puts every track near its playlist's direction; 'inverse'
        // points the held-out tracks the other way.
        query("CREATE (p1:Playlist {id: 'p1'}), (p2:Playlist {id: 'p2'}), (p3:Playlist {id: 'p3'}) "
                + "WITH p1, p2, p3 UNWIND range(0, 3) AS i "
                + "CREATE (p1)-[:CONTAINS {position: i}]->(:Track {id: 'a' + i, good: [1.0, 0.01 * i], "
                + "  inverse: CASE WHEN i < 2 THEN [1.0, 0.0] ELSE [-1.0, 0.0] END}) "
                + "CREATE (p2)-[:CONTAINS {position: i}]->(:Track {id: 'b' + i, good: [0.01 * i, 1.0], "
                + "  inverse: CASE WHEN i < 2 THEN [0.0, 1.0] ELSE [0.0, -1.0] END})");
        query("MATCH (p3:Playlist {id: 'p3'}), (a2:Track {id: 'a2'}) CREATE (p3)-[:CONTAINS {position: 0}]->(a2), "
                + "(p3)-[:CONTAINS {position: 1}]->(:Track {id: 'x'})");
        single("CALL musig.split.create('eval', {testPlaylists: 2, minTracks: 4, seedFraction: 0.5})");
    }

    @Test
    void aPerfectEmbeddingRanksEveryHeldOutTrackFirstAndAnInvertedOneLast() {
        List<Map<String, Object>> rows = query("CALL musig.evaluate({split: 'eval', properties: ['good', 'inverse']})");
        Map<String, Object> good = rows.get(0);
        assertThat(good.get("property")).isEqualTo("good");
        assertThat(good.get("playlists")).isEqualTo(2L);
        assertThat(good.get("heldOutTracks")).isEqualTo(4L);
        assertThat(good.get("coldTracks")).isEqualTo(3L);
        assertThat(good.get("negatives")).isEqualTo("exposure");
        assertThat((Double) good.get("hitRate")).isEqualTo(1.0);
        assertThat((Double) good.get("mrr")).isEqualTo(1.0);
        assertThat((Double) good.get("precisionAt1")).isEqualTo(1.0);
        assertThat((Double) good.get("ndcgAt10")).isCloseTo(1.0, within(1e-9));
        assertThat((Double) good.get("coldHitRate")).isEqualTo(1.0);
        assertThat((Double) good.get("randomHitRate")).isEqualTo(0.5);
        assertThat((Double) good.get("fullRPrecision")).isEqualTo(1.0);
        assertThat((Double) good.get("fullRecallAt100")).isEqualTo(1.0);
        assertThat((List<?>) good.get("notices")).anySatisfy(n -> assertThat(n.toString()).contains("random ranking"));

        Map<String, Object> inverse = rows.get(1);
        assertThat((Double) inverse.get("hitRate")).isZero();
        assertThat((Double) inverse.get("precisionAt1")).isZero();
        assertThat((Double) inverse.get("coldHitRate")).isZero();
    }

    @Test
    void uniformNegativesAndNoFullCatalogueAreOptions() {
        Map<String, Object> row =
                single("CALL musig.evaluate({split: 'eval', properties: ['good'], negatives: 'uniform', "
                        + "fullCatalogue: false})");
        assertThat(row.get("negatives")).isEqualTo("uniform");
        assertThat(row.get("fullRPrecision")).isNull();
        assertThat((Double) row.get("hitRate")).isEqualTo(1.0);
    }

    @Test
    void vectorsFromAModelThatSawTheHeldOutMembershipsAreFlaggedAsOptimistic() {
        String train = "embeddingDimension: 4, sampleSizes: [2], epochs: 1, batchSize: 8, features: ['popularity']";
        query("CALL musig.graph.build({graphName: 'leaky', minWeight: 1, writeRelationshipType: null})");
        query("CALL musig.train({graphName: 'leaky', modelName: 'leaky', " + train + "})");
        query("CALL musig.embed.write({modelName: 'leaky', writeProperty: 'leakyVec'})");
        query("CALL musig.graph.build({graphName: 'clean', minWeight: 1, writeRelationshipType: null, "
                + "excludeMemberships: 'eval'})");
        query("CALL musig.train({graphName: 'clean', modelName: 'clean', " + train + "})");
        query("CALL musig.embed.write({modelName: 'clean', writeProperty: 'cleanVec'})");

        List<Map<String, Object>> rows =
                query("CALL musig.evaluate({split: 'eval', properties: ['leakyVec', 'cleanVec', "
                        + "'good']})");
        assertThat((List<?>) rows.get(0).get("notices")).anySatisfy(n -> assertThat(n.toString())
                .startsWith("WARNING: 'leakyVec' was written by model 'leaky'").contains("without excluding any split")
                .contains("optimistic"));
        assertThat((List<?>) rows.get(1).get("notices")).noneSatisfy(n -> assertThat(n.toString()).contains("WARNING"));
        assertThat((List<?>) rows.get(2).get("notices")).anySatisfy(n -> assertThat(n.toString())
                .contains("no musig.embed.write is recorded for 'good'"));

        // The property now holds the clean model's vectors: the record follows the last writer.
        query("CALL musig.embed.write({modelName: 'clean', writeProperty: 'leakyVec'})");
        assertThat((List<?>) single("CALL musig.evaluate({split: 'eval', properties: ['leakyVec']})").get("notices"))
                .noneSatisfy(n -> assertThat(n.toString()).contains("WARNING"));
        query("MATCH (t:Track) REMOVE t.leakyVec, t.cleanVec");
        query("CALL musig.model.drop('leaky')");
        query("CALL musig.model.drop('clean')");
    }

    @Test
    void missingSplitsAndPropertiesAreNamed() {
        assertThatThrownBy(() -> query("CALL musig.evaluate({})")).hasMessageContaining("'split' is required");
        assertThatThrownBy(() -> query("CALL musig.evaluate({split: 'nope'})"))
                .hasMessageContaining("no split named 'nope'");
        assertThatThrownBy(() -> query("CALL musig.evaluate({split: 'eval', properties: ['nothing']})"))
                .hasMessageContaining("no track has the property 'nothing'");
        assertThatThrownBy(() -> query("CALL musig.evaluate({split: 'eval', negatives: 'all'})"))
                .hasMessageContaining("negatives");
    }
}
