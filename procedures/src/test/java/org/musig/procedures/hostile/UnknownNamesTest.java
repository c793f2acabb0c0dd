package org.musig.procedures.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/**
 * Names of things that do not exist (models, graphs, splits, playlists, tracks) in the calls whose existing tests
 * do not already cover them: each error names what was asked for, and nothing is written.
 */
class UnknownNamesTest extends MusigDatabase {

    @BeforeAll
    void aPlaylistWithVectorsAndAGraph() {
        query("CREATE (p:Playlist {id: 'p1'}), (p)-[:CONTAINS {position: 0}]->(:Track {id: 'a', vec: [1.0, 0.0]}), "
                + "(p)-[:CONTAINS {position: 1}]->(:Track {id: 'b', vec: [0.0, 1.0]}), (:Track {id: 'c', vec: [1.0, 1.0]})");
        single("CALL musig.graph.build({graphName: 'g', minWeight: 1})");
    }

    private List<Long> state() {
        return List.of(count("MATCH (n) RETURN count(n)"), count("MATCH ()-[r]->() RETURN count(r)"),
                count("CALL musig.graph.list() YIELD graphName RETURN count(graphName)"),
                count("MATCH (t:Track) WHERE t.musig IS NOT NULL RETURN count(t)"));
    }

    private void assertRefused(String cypher, Map<String, Object> params, String fragment) {
        List<Long> before = state();
        assertThatThrownBy(() -> query(cypher, params)).hasMessageContaining(fragment);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void unknownModelsAreNamedByEmbedStreamWriteAndModelDrop() {
        assertRefused("CALL musig.embed.stream({modelName: 'ghost'})", Map.of(), "no model named 'ghost'");
        assertRefused("CALL musig.embed.stream({modelName: 'ghost', trackIds: ['a']})", Map.of(),
                "no model named 'ghost'");
        assertRefused("CALL musig.embed.write({modelName: 'ghost', writeProperty: 'musig'})", Map.of(),
                "no model named 'ghost'");
        assertRefused("CALL musig.model.drop('ghost', true)", Map.of(), "no model named 'ghost'");
        assertThat(single("CALL musig.model.drop('ghost', false)").get("dropped")).isEqualTo(false);
        assertThat(query("CALL musig.model.list('ghost')")).isEmpty();
    }

    @Test
    void unknownGraphsAreNamedByTrainEstimateAndDrop() {
        assertRefused("CALL musig.train({graphName: 'ghost', modelName: 'm'})", Map.of(),
                "no MUSIG graph named 'ghost'");
        assertRefused("CALL musig.train.estimate({graphName: 'ghost'})", Map.of(), "no MUSIG graph named 'ghost'");
        assertRefused("CALL musig.graph.drop('ghost')", Map.of(), "no MUSIG graph named 'ghost'");
        assertThat(count("MATCH (m:MusigModel) RETURN count(m)")).isZero();
        assertThat(query("CALL musig.graph.list('ghost')")).isEmpty();
    }

    @Test
    void unknownSplitsAreNamedByEvaluateGraphBuildAndSplitDrop() {
        assertRefused("CALL musig.evaluate({split: 'ghost', properties: ['vec']})", Map.of(), "no split named 'ghost'");
        assertRefused("CALL musig.graph.build({graphName: 'h', minWeight: 1, excludeMemberships: 'ghost'})", Map.of(),
                "no split named 'ghost'");
        assertRefused("CALL musig.split.drop('ghost')", Map.of(), "no split named 'ghost'");
        assertThat(query("CALL musig.graph.list('h')")).isEmpty();
    }

    @Test
    void unknownAndNullIdsAreNamedByRecommendSimilarAndExplain() {
        assertRefused("CALL musig.similar('ghost', {property: 'vec'})", Map.of(), "no track with id [ghost]");
        assertRefused("CALL musig.recommend.fromTracks(['a', 'ghost', 'c'], {property: 'vec'})", Map.of(),
                "no track with id [ghost]");
        java.util.HashMap<String, Object> nulls = new java.util.HashMap<>();
        nulls.put("id", null);
        assertRefused("CALL musig.recommend($id, {property: 'vec'})", nulls, "musig.recommend: playlistId is null");
        assertRefused("CALL musig.similar($id, {property: 'vec'})", nulls, "musig.similar: trackId is null");
        assertRefused("CALL musig.recommend.fromTracks(['a', $id], {property: 'vec'})", nulls,
                "no track with id [null]");
        assertRefused("CALL musig.explain('p1', $id, {property: 'vec'})", nulls, "musig.explain: trackId is null");
        assertRefused("CALL musig.explain($id, 'a', {property: 'vec'})", nulls, "musig.explain: playlistId is null");
        assertRefused("CALL musig.explain('ghost', 'c', {property: 'vec'})", Map.of(), "no playlist with id 'ghost'");
    }
}
