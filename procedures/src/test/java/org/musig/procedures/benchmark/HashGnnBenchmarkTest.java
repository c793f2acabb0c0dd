package org.musig.procedures.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/** GDS HashGNN as a benchmark baseline: graph-only and per feature choice, on the bundled real playlists. */
class HashGnnBenchmarkTest extends MusigDatabase {
    private static final String COMMON = "testPlaylists: 20, minTracks: 40, features: ['audio', 'all'], "
            + "embeddingDimension: 16, ";

    @BeforeAll
    void load() {
        query("CALL musig.load.csv($file)", Map.of("file", importTidyTuesday()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void hashGnnRunsGraphOnlyAndPerFeatureChoiceBesideTheOtherGdsBaselines() {
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'hashgnn', " + COMMON
                + "selection: 'test', methods: ['node2vec', 'graphsage', 'hashgnn'], graphSage: {epochs: 1}})");
        Map<String, Map<String, Object>> ok = rows.stream().filter(r -> "ok".equals(r.get("status")))
                .collect(Collectors.toMap(r -> r.get("method") + "/" + r.get("features"), r -> r));
        assertThat(ok).containsKeys("hashgnn/none", "hashgnn/audio", "hashgnn/all", "node2vec/none",
                "graphsage/audio", "graphsage/all");
        for (String label : List.of("hashgnn/none", "hashgnn/audio", "hashgnn/all")) {
            Map<String, Object> row = ok.get(label);
            double hitRate = (Double) row.get("hitRate");
            assertThat(hitRate).as(label).isBetween(0.0, 1.0);
            List<Double> interval = ((Map<String, List<Double>>) row.get("intervals")).get("hitRate");
            assertThat(interval).as(label).hasSize(2).allSatisfy(v -> assertThat(v).isFinite());
            assertThat(interval.get(0)).as(label).isLessThanOrEqualTo(hitRate);
            assertThat(interval.get(1)).as(label).isGreaterThanOrEqualTo(hitRate);
            assertThat(row.get("origin")).isEqualTo("baseline");
            assertThat(row.get("playlists")).isEqualTo(20L);
            assertThat((List<String>) row.get("notices")).anyMatch(n -> n.matches("excludes the \\d+ ms to project.*"));
        }
        // The one projection is in Node2Vec's training time; the other GDS rows say it is not in theirs.
        assertThat((List<String>) ok.get("node2vec/none").get("notices"))
                .anyMatch(n -> n.matches("includes \\d+ ms to project.*")).noneMatch(n -> n.startsWith("excludes"));
        assertThat((List<String>) ok.get("graphsage/audio").get("notices"))
                .anyMatch(n -> n.matches("excludes the \\d+ ms to project.*"));
        // For the report: where HashGNN stands against the other in-database embeddings on this fixture.
        ok.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> System.out.printf(
                java.util.Locale.ROOT, "benchmark %-16s hitRate %.3f train %d ms%n", e.getKey(),
                (Double) e.getValue().get("hitRate"), (Long) e.getValue().get("trainMillis")));
        assertThat(query("CALL gds.graph.list() YIELD graphName RETURN graphName")).isEmpty();
    }

    @Test
    void onValidationHashGnnIsOneFamilyWhoseBestVariantIsReportedOnce() {
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'hashgnn-validated', " + COMMON
                + "methods: ['hashgnn']})");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("method")).isEqualTo("hashgnn");
            assertThat(row.get("status")).isEqualTo("ok");
            assertThat(row.get("features")).isIn("none", "audio", "all");
            assertThat(row.get("selection")).isEqualTo("validation");
            assertThat((Double) row.get("validationHitRate")).isBetween(0.0, 1.0);
            assertThat((Double) row.get("hitRate")).isBetween(0.0, 1.0);
        });
        assertThat(BenchmarkRun.familyOf("hashgnn", "baseline")).isEqualTo("hashgnn");
    }

    @Test
    void hashGnnSettingsPassOnButNotTheOnesTheBenchmarkSets() {
        // Overriding the benchmark's defaults is fine, and reaches GDS: HashGNN's own validation answers.
        Map<String, Object> row = single("CALL musig.benchmark({split: 'hashgnn-settings', " + COMMON
                + "features: ['audio'], selection: 'test', methods: ['hashgnn'], "
                + "hashGnn: {iterations: 2, embeddingDensity: 16, binarizeFeatures: {dimension: 32, threshold: 0.5}}})"
                + " YIELD method, features, status WHERE features = 'audio' RETURN status");
        assertThat(row.get("status")).isEqualTo("ok");
        for (String fixed : List.of("outputDimension: 8", "randomSeed: 1", "concurrency: 1",
                "featureProperties: ['x']")) {
            String key = fixed.substring(0, fixed.indexOf(':'));
            assertThatThrownBy(() -> query("CALL musig.benchmark({methods: ['hashgnn'], hashGnn: {" + fixed + "}})"))
                    .hasMessageContaining("hashGnn." + key + " is set by the benchmark for every method; use the "
                            + "benchmark's own key");
        }
        assertThatThrownBy(() -> query("CALL musig.benchmark({split: 'hashgnn-settings', " + COMMON
                + "selection: 'test', methods: ['hashgnn'], hashGnn: {embeddingDensity: 0}})"))
                .hasMessageContaining("embeddingDensity");
    }
}
