package org.musig.procedures.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/**
 * Names that become property keys, relationship types or index names are plain identifiers or refused, naming
 * the key and the value; the vector index an embedding write needs is checked before any vector is written.
 */
class HostileNamesTest extends MusigDatabase {
    private static final List<String> HOSTILE = List.of("x` ) DETACH DELETE n //", "a\\u0060b", "a\u0060b", "a-b", "",
            " musig", "1st", "t\u00e9", "x".repeat(129));

    @BeforeAll
    void aTrainedModel() {
        query("UNWIND range(0, 11) AS p CREATE (pl:Playlist {id: 'p' + p}) WITH pl, p UNWIND range(0, 5) AS i "
                + "MERGE (t:Track {id: 't' + ((p * 3 + i) % 24)}) ON CREATE SET t.audio = [toFloat(i), 1.0] "
                + "CREATE (pl)-[:CONTAINS {position: i}]->(t)");
        single("CALL musig.graph.build({minWeight: 1, graphName: 'g', writeRelationshipType: null})");
        single("CALL musig.train({graphName: 'g', modelName: 'm', epochs: 1, maxPairsPerEpoch: 500, batchSize: 64, "
                + "embeddingDimension: 8, sampleSizes: [3, 2]})");
        query("CALL musig.split.create('s', {testPlaylists: 2, minTracks: 6})");
    }

    @Test
    void nonIdentifierPropertyTypeAndIndexNamesAreRefusedNamingTheKeyAndValueAndNothingIsWritten() {
        long nodes = count("MATCH (n) RETURN count(n)");
        long indexes = count("SHOW INDEXES YIELD name RETURN count(*)");
        Map<String, String> calls = Map.of(
                "CALL musig.embed.write({modelName: 'm', writeProperty: $name, createIndex: true})", "'writeProperty'",
                "CALL musig.embed.stream({modelName: 'm', writeProperty: $name, tracks: 'missing'})", "'writeProperty'",
                "CALL musig.embed.auto.start({modelName: 'm', writeProperty: $name})", "'writeProperty'",
                "CALL musig.recommend('p1', {property: $name})", "'property'",
                "CALL musig.similar('t1', {property: $name})", "'property'",
                "CALL musig.explain('p1', 't1', {property: $name})", "'property'",
                "CALL musig.explain('p1', 't1', {relationshipType: $name})", "'relationshipType'",
                "CALL musig.evaluate({split: 's', properties: ['musig', $name]})", "'properties'",
                "CALL musig.graph.build({graphName: 'h', minWeight: 1, writeRelationshipType: $name})",
                "'writeRelationshipType'");
        for (String name : HOSTILE) {
            calls.forEach((call, key) -> assertThatThrownBy(() -> query(call, Map.of("name", name)))
                    .as(call + " with " + name)
                    .hasMessageContaining(key + " must be a plain identifier (a letter or '_' first, then letters, "
                            + "digits or '_', at most 128 characters), got '"
                            + name.substring(0, Math.min(name.length(), 20))));
        }
        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
        assertThat(count("SHOW INDEXES YIELD name RETURN count(*)")).isEqualTo(indexes);
        assertThat(count("MATCH ()-[r]->() WHERE type(r) <> 'CONTAINS' RETURN count(r)")).isZero();
    }

    @Test
    void similarNamesGetTheirOwnIndexes() {
        for (String property : List.of("a_b", "aB", "a_B")) {
            Map<String, Object> row =
                    single("CALL musig.embed.write({modelName: 'm', writeProperty: $p, createIndex: true})",
                            Map.of("p", property));
            assertThat(row.get("indexName")).isEqualTo("musig_" + property + "_vector");
        }
        assertThat(count("SHOW INDEXES YIELD name WHERE name STARTS WITH 'musig_a' RETURN count(*)")).isEqualTo(3);
    }

    @Test
    void anEquivalentIndexUnderAnotherNameIsReused() {
        query("CREATE VECTOR INDEX theirs FOR (t:Track) ON t.reused OPTIONS {indexConfig: "
                + "{`vector.dimensions`: 8, `vector.similarity_function`: 'cosine'}}");
        query("CALL db.awaitIndexes(60)");
        Map<String, Object> row =
                single("CALL musig.embed.write({modelName: 'm', writeProperty: 'reused', createIndex: true})");
        assertThat(row.get("indexName")).isEqualTo("theirs");
        assertThat(count("MATCH (t:Track) WHERE t.reused IS NOT NULL RETURN count(t)")).isEqualTo(24);
        assertThat(count("SHOW INDEXES YIELD properties WHERE properties = ['reused'] RETURN count(*)")).isEqualTo(1);
    }

    @Test
    void anIndexThatCannotBeUsedIsRefusedBeforeAnyVectorIsWritten() {
        query("CREATE VECTOR INDEX wide FOR (t:Track) ON t.other OPTIONS {indexConfig: "
                + "{`vector.dimensions`: 16, `vector.similarity_function`: 'euclidean'}}");
        query("CREATE RANGE INDEX musig_taken_vector FOR (t:Track) ON (t.name)");
        assertThatThrownBy(
                () -> query("CALL musig.embed.write({modelName: 'm', writeProperty: 'other', createIndex: true})"))
                .hasMessageContaining("vector index 'wide' over (:Track).other already exists with 16 dimensions");
        assertThatThrownBy(
                () -> query("CALL musig.embed.write({modelName: 'm', writeProperty: 'taken', createIndex: true})"))
                .hasMessageContaining("an index named 'musig_taken_vector' already exists");
        assertThat(count("MATCH (t:Track) WHERE t.other IS NOT NULL OR t.taken IS NOT NULL RETURN count(t)")).isZero();
    }
}
