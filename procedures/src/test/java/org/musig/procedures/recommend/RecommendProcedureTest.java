package org.musig.procedures.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

class RecommendProcedureTest extends MusigDatabase {

    @BeforeEach
    void tracksWithKnownVectors() {
        clearGraph();
        query("CREATE (p:Playlist {id: 'p1'}), (:Playlist {id: 'empty'}), (:Playlist {id: 'bare'})-[:CONTAINS]->(:Track {id: 'x'}), "
                + "(p)-[:CONTAINS {position: 0}]->(:Track {id: 'a', name: 'A', artist: 'Art', vec: [1.0, 0.0]}), "
                + "(p)-[:CONTAINS {position: 1}]->(:Track {id: 'b', name: 'B', vec: [0.9, 0.1]}), "
                + "(:Track {id: 'c', name: 'C', artist: 'Cat', vec: [2.0, 0.1]}), "
                + "(:Track {id: 'd', name: 'D', vec: [0.0, 1.0]}), "
                + "(:Track {id: 'e', name: 'E', vec: [-1.0, 0.0]})");
    }

    private List<Object> ids(String cypher, Map<String, Object> params) {
        return query(cypher, params).stream().map(r -> r.get("trackId")).toList();
    }

    @Test
    void aPlaylistGetsTheTracksClosestToItsMeanEmbeddingWithoutItsOwnTracks() {
        List<Map<String, Object>> rows = query("CALL musig.recommend('p1', {k: 3, property: 'vec'})");
        assertThat(rows).extracting(r -> r.get("trackId")).containsExactly("c", "d", "e");
        assertThat(rows.get(0).get("name")).isEqualTo("C");
        assertThat(rows.get(0).get("artist")).isEqualTo("Cat");
        assertThat(rows.get(0).get("rank")).isEqualTo(1L);
        assertThat((Double) rows.get(0).get("score")).isGreaterThan(0.99);
        assertThat((Double) rows.get(2).get("score")).isLessThan(-0.99);
        assertThat(ids("CALL musig.recommend('p1', {k: 2, property: 'vec', excludeSeed: false})", Map.of()))
                .containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void adHocSeedsAndTrackRadioRankTheSameWay() {
        assertThat(ids("CALL musig.recommend.fromTracks(['d', 'c'], {k: 1, property: 'vec'})", Map.of()))
                .containsExactly("b");
        assertThat(ids("CALL musig.similar('a', {k: 2, property: 'vec'})", Map.of())).containsExactly("c", "b");
    }

    @Test
    void newlyWrittenVectorsAreSeenByTheNextQuery() {
        assertThat(ids("CALL musig.similar('a', {k: 1, property: 'vec'})", Map.of())).containsExactly("c");
        query("MATCH (t:Track {id: 'e'}) SET t.vec = [1.0, 0.0]");
        assertThat(ids("CALL musig.similar('a', {k: 1, property: 'vec'})", Map.of())).containsExactly("e");
    }

    @Test
    void aVectorIndexOverThePropertyIsUsedWhenPresentAndRequiredWhenAskedFor() {
        assertThatThrownBy(() -> query("CALL musig.similar('a', {k: 1, property: 'vec', useIndex: true})"))
                .hasMessageContaining("no online vector index");
        query("CREATE VECTOR INDEX vec_index IF NOT EXISTS FOR (t:Track) ON t.vec OPTIONS {indexConfig: "
                + "{`vector.dimensions`: 2, `vector.similarity_function`: 'cosine'}}");
        query("CALL db.awaitIndex('vec_index', 60)");
        try {
            List<Map<String, Object>> rows =
                    query("CALL musig.recommend('p1', {k: 2, property: 'vec', useIndex: true})");
            assertThat(rows).extracting(r -> r.get("trackId")).containsExactly("c", "d");
            assertThat((Double) rows.get(0).get("score")).isGreaterThan(0.99);
            assertThat(ids("CALL musig.similar('a', {k: 2, property: 'vec'})", Map.of())).containsExactly("c", "b");
            assertThatThrownBy(() -> query("CALL musig.similar('a', {useIndex: 'yes'})"))
                    .hasMessageContaining("useIndex");
        } finally {
            query("DROP INDEX vec_index");
        }
    }

    @Test
    void unknownOrEmptyInputsGetErrorsThatSayWhatIsMissing() {
        assertThatThrownBy(() -> query("CALL musig.recommend('nope', {property: 'vec'})"))
                .hasMessageContaining("no playlist with id 'nope'");
        assertThatThrownBy(() -> query("CALL musig.recommend('empty', {property: 'vec'})"))
                .hasMessageContaining("has no tracks");
        assertThatThrownBy(() -> query("CALL musig.recommend('bare', {property: 'vec'})"))
                .hasMessageContaining("none of the 1 tracks").hasMessageContaining("musig.embed.write");
        assertThatThrownBy(() -> query("CALL musig.recommend.fromTracks(['a', 'zz'], {property: 'vec'})"))
                .hasMessageContaining("no track with id [zz]");
        assertThatThrownBy(() -> query("CALL musig.recommend.fromTracks([], {})")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> query("CALL musig.similar('a', {k: -1, property: 'vec'})")).hasMessageContaining("k");
        assertThatThrownBy(() -> query("CALL musig.similar('a', {kk: 3})"))
                .hasMessageContaining("unknown configuration key(s) [kk]");
    }
}
