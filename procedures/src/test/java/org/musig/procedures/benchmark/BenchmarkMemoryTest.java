package org.musig.procedures.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;
import org.musig.procedures.PropertyValues;

/**
 * Every benchmark stage that hands data to GDS, DL4J, the CF baseline or MUSIG checks its estimate against the
 * free heap first: a stage that would not fit is a skipped row naming both numbers, and the rest still runs.
 */
class BenchmarkMemoryTest extends MusigDatabase {
    private static final String QUICK_TRAIN = "{epochs: 1, maxPairsPerEpoch: 1000, batchSize: 64, sampleSizes: [3, 2]}";
    private static final String ALL =
            "methods: ['random', 'popularity', 'cooccurrence', 'cf', 'track2vec', 'node2vec', "
                    + "'graphsage', 'hashgnn', 'musig', 'musig-feature'], features: ['audio'], taskGrid: [[1, 0, 0]], regressionTargets: ['audio'], "
                    + "embeddingDimension: 8, node2vec: {walksPerNode: 2, walkLength: 5}, graphSage: {epochs: 1}, train: "
                    + QUICK_TRAIN;

    @BeforeAll
    void playlistsWithAudio() {
        query("UNWIND range(0, 3) AS p CREATE (pl:Playlist {id: 't' + p}) WITH pl, p UNWIND range(0, 7) AS i "
                + "MERGE (t:Track {id: 'x' + ((p * 5 + i) % 30)}) ON CREATE SET t.audio = [toFloat(i), 1.0] "
                + "CREATE (pl)-[:CONTAINS {position: i}]->(t)");
        query("UNWIND range(0, 15) AS p CREATE (pl:Playlist {id: 'r' + p}) WITH pl, p UNWIND range(0, 4) AS i "
                + "MATCH (t:Track {id: 'x' + ((p * 2 + i) % 30)}) CREATE (pl)-[:CONTAINS {position: i}]->(t)");
    }

    @AfterEach
    void realHeap() {
        BenchmarkMemory.freeHeap = PropertyValues::freeHeapBytes;
    }

    @Test
    void stagesThatWouldNotFitAreSkippedWithTheEstimateAndTheFreeHeapAndTheOthersStillRun() {
        BenchmarkMemory.freeHeap = () -> 1_000; // nothing handed to GDS, DL4J, CF or MUSIG fits in 1,000 bytes
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'tight', testPlaylists: 2, minTracks: 8, "
                + "minWeight: 1, selection: 'test', " + ALL + "})");
        Map<String, Map<String, Object>> byMethod = rows.stream()
                .collect(Collectors.toMap(r -> (String) r.get("method"), r -> r, (a, b) -> a));
        assertThat(byMethod).containsKeys("random", "popularity", "cooccurrence", "cf-warp", "track2vec",
                "track2vec-feature", "node2vec", "graphsage", "hashgnn", "musig-single-task", "musig-feature");
        for (String ran : List.of("random", "popularity", "cooccurrence")) {
            assertThat(byMethod.get(ran).get("status")).as(ran).isEqualTo("ok");
        }
        for (String skipped : List.of("cf-warp", "track2vec", "track2vec-feature", "node2vec", "graphsage",
                "hashgnn", "musig-single-task", "musig-feature")) {
            assertThat(byMethod.get(skipped).get("status")).as(skipped).isEqualTo("skipped");
            assertThat((String) byMethod.get(skipped).get("reason")).as(skipped)
                    .matches(
                            "not run: .* needs about [0-9,]+ bytes of heap \\(estimated\\) but only 1,000 bytes are free; .*");
        }
        assertThat(query("CALL gds.graph.list() YIELD graphName RETURN graphName")).isEmpty();
    }

    @Test
    void aFamilySkippedOnValidationKeepsItsReasonInTheResult() {
        BenchmarkMemory.freeHeap = () -> 1_000;
        List<Map<String, Object>> rows =
                query("CALL musig.benchmark({split: 'validated', testPlaylists: 1, minTracks: 8, "
                        + "minWeight: 1, methods: ['random', 'cf'], embeddingDimension: 8})");
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("method")).isEqualTo("cf-warp");
            assertThat(r.get("status")).isEqualTo("skipped");
            assertThat((String) r.get("reason")).contains("but only 1,000 bytes are free");
        }).anySatisfy(r -> assertThat(r.get("method")).isEqualTo("random"));
    }

    @Test
    void withTheRealHeapTheSameStagesRun() {
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'roomy', testPlaylists: 2, minTracks: 8, "
                + "minWeight: 1, selection: 'test', " + ALL + "})");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("status")).as((String) r.get("method")).isEqualTo("ok"));
    }

    @Test
    void gdsEstimatesItsOwnStagesOnAFictiveGraphOfTheSameSize() {
        long graph = BenchmarkMemory.gdsGraphEstimate(db(), 1_000_000, 50_000_000);
        long node2vec = BenchmarkMemory.gdsEstimate(db(), "gds.node2vec.stream.estimate", 1_000_000, 50_000_000,
                Map.of(), Map.of("embeddingDimension", 64));
        assertThat(graph).isGreaterThan(50_000_000L); // more than a byte per relationship: GDS sized it
        assertThat(node2vec).isGreaterThan(1_000_000L * 64);
        // HashGNN graph-only and with a feature property: the settings the benchmark hands GDS.
        long hashGnn = BenchmarkMemory.gdsEstimate(db(), "gds.hashgnn.stream.estimate", 1_000_000, 50_000_000,
                Map.of(), GdsBaselines.hashGnnSettings(null, 64, 42, 4, Map.of()));
        long hashGnnFeatures = BenchmarkMemory.gdsEstimate(db(), "gds.hashgnn.stream.estimate", 1_000_000,
                50_000_000, Map.of("nodeProperties", List.of("f_audio")),
                GdsBaselines.hashGnnSettings("f_audio", 64, 42, 4, Map.of()));
        assertThat(hashGnn).isGreaterThan(1_000_000L * 64);
        assertThat(hashGnnFeatures).isGreaterThan(1_000_000L * 64);
    }

    @Test
    void maxRelationshipsHandsGdsOnlyTheHeaviestRelationshipsWithANotice() {
        Map<String, Object> row = single("CALL musig.benchmark({split: 'capped', testPlaylists: 2, minTracks: 8, "
                + "minWeight: 1, selection: 'test', methods: ['node2vec'], embeddingDimension: 8, "
                + "node2vec: {walksPerNode: 2, walkLength: 5}, maxRelationships: 10})");
        assertThat(row.get("status")).isEqualTo("ok");
        assertThat((List<String>) row.get("notices"))
                .anyMatch(n -> n
                        .matches("maxRelationships: GDS got the 10 heaviest of [0-9,]+ co-occurrence relationships"));
        assertThatThrownBy(() -> query("CALL musig.benchmark({methods: ['node2vec'], maxRelationships: 0})"))
                .hasMessageContaining("configuration key 'maxRelationships' must be at least 1, got 0");
    }
}
