package org.musig.procedures.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/** Every method of the benchmark, on the bundled real playlists, in one quick call. */
class BenchmarkOnRealDataTest extends MusigDatabase {

    @BeforeAll
    void load() {
        query("CALL musig.load.csv($file)", Map.of("file", importTidyTuesday()));
    }

    @Test
    void everyMethodYieldsMetricsOnTheSameSplitAndTheGdsGraphIsDroppedAfter() {
        List<Map<String, Object>> rows =
                query("CALL musig.benchmark({split: 'bench', testPlaylists: 20, minTracks: 40, "
                        + "features: ['audio', 'all'], taskGrid: [[1, 1, 1], [1, 0, 0]], embeddingDimension: 16, selection: 'test', "
                        + "train: {epochs: 2, maxPairsPerEpoch: 3000, batchSize: 256, sampleSizes: [5, 3]}})");
        List<String> ok = rows.stream().filter(r -> r.get("status").equals("ok"))
                .map(r -> r.get("method") + "/" + r.get("features")).toList();
        assertThat(ok).contains("random/none", "popularity/none", "cooccurrence/none", "content/audio", "content/all",
                "cf-warp/none", "track2vec/none", "track2vec-feature/audio", "node2vec/none", "graphsage/audio",
                "graphsage/all", "musig/audio", "musig-single-task/audio", "musig/all", "musig-feature/audio");
        assertThat(rows).filteredOn(r -> r.get("status").equals("ok")).allSatisfy(r -> {
            assertThat((Double) r.get("hitRate")).isBetween(0.0, 1.0);
            assertThat(r.get("playlists")).isEqualTo(20L);
            assertThat((Long) r.get("heldOutTracks")).isPositive();
            assertThat(r.get("split")).isEqualTo("bench");
        });
        // The bundled data has no acoustic vectors: Table 3's acoustic regression is listed, not dropped.
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("regressionTarget")).isEqualTo("acoustic");
            assertThat(r.get("status")).isEqualTo("skipped");
        });
        // Sanity: content cosine on z-scored audio beats the random floor on these genre playlists.
        Map<String, Object> content = rows.stream().filter(r -> "content".equals(r.get("method"))
                && "audio".equals(r.get("features"))).findFirst().orElseThrow();
        assertThat((Double) content.get("hitRate")).isGreaterThan(0.6);
        assertThat(single("CALL gds.graph.exists('musig-benchmark') YIELD exists RETURN exists").get("exists"))
                .isEqualTo(false);
        assertThat(count("MATCH ()-[r]->() WHERE type(r) <> 'CONTAINS' RETURN count(r)")).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void musigsEpochCountIsChosenOnValidationAndTheTestRowTrainsExactlyThatMany() {
        String common = "split: 'epochs', testPlaylists: 20, minTracks: 40, features: ['audio'], "
                + "taskGrid: [[1, 1, 1]], regressionTargets: ['audio'], trainVariants: [{}], embeddingDimension: 16, ";
        String quick = "maxPairsPerEpoch: 3000, batchSize: 256, sampleSizes: [5, 3], tolerance: 0.0";
        List<Map<String, Object>> rows =
                query("CALL musig.benchmark({" + common + "methods: ['musig', 'musig-feature'], "
                        + "train: {epochs: 4, " + quick + "}})");
        assertThat(rows).extracting(r -> r.get("method")).containsExactlyInAnyOrder("musig", "musig-feature");
        for (Map<String, Object> row : rows) {
            assertThat(row.get("selection")).isEqualTo("validation");
            long epochs = (Long) row.get("epochsRun");
            assertThat(epochs).isBetween(1L, 4L);
            assertThat((List<String>) row.get("notices")).anySatisfy(n -> assertThat(n)
                    .startsWith("epochs chosen on validation: " + epochs + " of ")
                    .contains(String.format(java.util.Locale.ROOT, "%.3f", (Double) row.get("validationHitRate"))));
        }
        // Nothing on test chooses anything: the reported row is a training of exactly the chosen epoch count, as an
        // exploration of that many epochs on the same split gives it.
        Map<String, Object> musig =
                rows.stream().filter(r -> r.get("method").equals("musig")).findFirst().orElseThrow();
        Map<String, Object> fixed = query("CALL musig.benchmark({" + common + "methods: ['musig'], selection: 'test', "
                + "train: {epochs: " + musig.get("epochsRun") + ", " + quick + "}})").stream()
                .filter(r -> r.get("method").equals("musig")).findFirst().orElseThrow();
        assertThat(fixed.get("epochsRun")).isEqualTo(musig.get("epochsRun"));
        assertThat(fixed.get("hitRate")).isEqualTo(musig.get("hitRate"));
    }

    @Test
    void aTerminatedBenchmarkStopsWithinTwoSecondsAndWritesNothing() throws Exception {
        long relationships = count("MATCH ()-[r]->() RETURN count(r)");
        var benchmark = failureOf("CALL musig.benchmark({split: 'stopped', testPlaylists: 20, minTracks: 40, "
                + "methods: ['musig'], features: ['audio'], taskGrid: [[1, 1, 1]], patience: 1000, "
                + "train: {epochs: 1000, tolerance: 0.0}})");
        awaitRunning("epoch");
        Thread.sleep(300);
        long terminatedAt = terminate("CALL musig.benchmark");
        assertThat(benchmark.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("the benchmark must fail").isNotNull();
        assertThat((System.nanoTime() - terminatedAt) / 1e9).isLessThan(2.0);
        assertThat(progressStatuses("musig.benchmark")).contains("TERMINATED");
        assertThat(count("MATCH ()-[r]->() RETURN count(r)")).as("no relationship written").isEqualTo(relationships);
        assertThat(count("MATCH (m:MusigModel) RETURN count(m)")).as("no model stored").isZero();
    }
}
