package org.musig.procedures.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

class ExplainProcedureTest extends MusigDatabase {

    @BeforeAll
    void aPlaylistAndACandidateWithKnownVectors() {
        // p1 holds a, b, d; c is recommended. a and c share playlist p2 and a CO_OCCURS edge; b and c share a genre.
        query("CREATE (p1:Playlist {id: 'p1', name: 'Mix'}), (p2:Playlist {id: 'p2', name: 'Road trip'}), "
                + "(a:Track {id: 'a', name: 'A', genre: 'rock', energy: 0.8, danceability: 0.1, vec: [1.0, 0.0]}), "
                + "(b:Track {id: 'b', name: 'B', genre: 'pop', energy: 0.2, vec: [0.6, 0.8]}), "
                + "(d:Track {id: 'd', name: 'D', vec: [-1.0, 0.2]}), "
                + "(c:Track {id: 'c', name: 'C', artist: 'Cat', genre: 'pop', energy: 0.79, danceability: 0.9, vec: [0.9, 0.3]}), "
                + "(p1)-[:CONTAINS {position: 0}]->(a), (p1)-[:CONTAINS {position: 1}]->(b), (p1)-[:CONTAINS {position: 2}]->(d), "
                + "(p2)-[:CONTAINS {position: 0}]->(a), (p2)-[:CONTAINS {position: 1}]->(c), (a)-[:CO_OCCURS {weight: 7}]->(c)");
    }

    @Test
    void theSeedContributionsAddUpToTheRecommendationScoreAndComeWithTheirEvidence() {
        double score = (Double) single("CALL musig.recommend('p1', {k: 1, property: 'vec'}) YIELD trackId, score "
                + "WHERE trackId = 'c' RETURN score").get("score");
        List<Map<String, Object>> rows = query("CALL musig.explain('p1', 'c', {property: 'vec', k: 10})");
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> r.get("seedTrackId")).containsExactly("a", "b", "d");
        double sum = rows.stream().mapToDouble(r -> (Double) r.get("contribution")).sum();
        assertThat(sum).isCloseTo(score, within(1e-6));
        assertThat((Double) rows.get(0).get("score")).isCloseTo(score, within(1e-6));
        assertThat((Double) rows.get(2).get("contribution")).isNegative();

        Map<String, Object> a = rows.get(0);
        assertThat(a.get("name")).isEqualTo("C");
        assertThat(a.get("coOccurrenceWeight")).isEqualTo(7L);
        assertThat(a.get("sharedPlaylists")).isEqualTo(1L);
        assertThat(a.get("sharedPlaylistNames")).isEqualTo(List.of("Road trip"));
        assertThat(a.get("sameGenre")).isEqualTo(false);
        assertThat((List<?>) a.get("closestAudioFeatures")).first().asString().startsWith("energy 0.80 / 0.79");

        Map<String, Object> b = rows.get(1);
        assertThat(b.get("coOccurrenceWeight")).isNull();
        assertThat(b.get("sharedPlaylists")).isEqualTo(0L);
        assertThat(b.get("sameGenre")).isEqualTo(true);
        assertThat(b.get("path")).isNull(); // no other playlist and no co-occurrence relationship links b and c

        // The paths are real graph paths, as the Browser draws them: a <- Road trip -> c.
        Map<String, Object> drawn = single("CALL musig.explain('p1', 'c', {property: 'vec', k: 1}) YIELD path "
                + "RETURN [n IN nodes(path) | coalesce(n.name, n.id)] AS names");
        assertThat(drawn.get("names")).isEqualTo(List.of("A", "Road trip", "C"));
    }

    @Test
    void unknownIdsAndMissingEmbeddingsAreNamed() {
        assertThatThrownBy(() -> query("CALL musig.explain('nope', 'c', {property: 'vec'})"))
                .hasMessageContaining("no playlist with id 'nope'");
        assertThatThrownBy(() -> query("CALL musig.explain('p1', 'nope', {property: 'vec'})"))
                .hasMessageContaining("no track with id 'nope'");
        assertThatThrownBy(() -> query("CALL musig.explain('p1', 'c', {property: 'other'})"))
                .hasMessageContaining("has no embedding in 'other'");
        assertThatThrownBy(() -> query("CALL musig.explain('p1', 'c', {k: 0})")).hasMessageContaining("k");
    }
}
