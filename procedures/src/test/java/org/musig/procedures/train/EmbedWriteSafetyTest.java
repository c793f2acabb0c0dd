package org.musig.procedures.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/**
 * What other calls see while musig.embed.write rewrites a property, and what a stopped write, a drop and a
 * second training of the same name do to it: on the bundled real dataset, through Cypher.
 */
class EmbedWriteSafetyTest extends MusigDatabase {
    private static final String QUICK = "epochs: 1, maxPairsPerEpoch: 2000, batchSize: 256, embeddingDimension: 16, "
            + "sampleSizes: [5, 3]";

    @BeforeAll
    void loadBuildAndTrainTwoModels() {
        query("CALL musig.load.csv($file)", Map.of("file", importTidyTuesday()));
        single("CALL musig.graph.build({minWeight: 2, graphName: 'tt', writeRelationshipType: null})");
        single("CALL musig.train({graphName: 'tt', modelName: 'old', randomSeed: 1, " + QUICK + "})");
        single("CALL musig.train({graphName: 'tt', modelName: 'new', randomSeed: 2, " + QUICK + "})");
    }

    @Test
    void answersServedDuringAnEmbedWriteUseTheOldOrTheNewVectorsNeverAMix() throws Exception {
        single("CALL musig.embed.write({modelName: 'old', writeProperty: 'served'})");
        single("CALL musig.embed.write({modelName: 'new', writeProperty: 'newReference'})");
        String playlist = (String) single("MATCH (p:Playlist) RETURN p.id AS id ORDER BY id LIMIT 1").get("id");
        List<Map<String, Object>> before = answer(playlist, "served");
        List<Map<String, Object>> after = answer(playlist, "newReference");
        assertThat(before).as("the two models must rank differently for the test to mean anything").isNotEqualTo(after);

        // Small batches: about 1,400 commits, so many answers fall between the first and the last.
        CompletableFuture<Map<String, Object>> write = CompletableFuture.supplyAsync(
                () -> single("CALL musig.embed.write({modelName: 'new', writeProperty: 'served', batchSize: 20})"));
        List<List<Map<String, Object>>> during = new ArrayList<>();
        awaitRunning("write served");
        while (!write.isDone()) {
            during.add(answer(playlist, "served"));
        }
        write.get();

        assertThat(during.size()).as("answers taken while the write ran").isGreaterThanOrEqualTo(3);
        assertThat(during).allSatisfy(a -> assertThat(a).isIn(before, after));
        assertThat(answer(playlist, "served")).as("after the write, the new vectors").isEqualTo(after);
    }

    @Test
    void aTerminatedEmbedWriteStopsWithinTwoSecondsAndPutsBackTheVectorsItReplaced() throws Exception {
        single("CALL musig.embed.write({modelName: 'old', writeProperty: 'kept'})");
        single("CALL musig.embed.write({modelName: 'old', writeProperty: 'keptReference'})");
        query("MATCH (t:Track) WITH t LIMIT 100 REMOVE t.kept, t.keptReference");

        CompletableFuture<Throwable> write = failureOf(
                "CALL musig.embed.write({modelName: 'new', writeProperty: 'kept', batchSize: 1})");
        awaitRunning("write kept");
        long terminatedAt = terminate("CALL musig.embed.write");
        Throwable failure = write.get(30, TimeUnit.SECONDS);

        assertThat(failure).as("the write must fail when terminated").isNotNull();
        assertThat((System.nanoTime() - terminatedAt) / 1e9).isLessThan(2.0);
        assertThat(progressStatuses("musig.embed.write")).contains("TERMINATED");
        assertThat(count("MATCH (t:Track) WHERE t.kept IS NULL RETURN count(t)")).as("tracks that had no value")
                .isEqualTo(100);
        assertThat(count(
                "MATCH (t:Track) WHERE t.kept <> t.keptReference OR (t.kept IS NULL) <> (t.keptReference IS NULL) "
                        + "RETURN count(t)"))
                .as("tracks whose value the stopped write changed").isZero();
    }

    @Test
    void aModelCannotBeDroppedWhileAnEmbedWriteAppliesIt() throws Exception {
        single("CALL musig.train({graphName: 'tt', modelName: 'busy', randomSeed: 3, " + QUICK + "})");
        CompletableFuture<Throwable> write = failureOf(
                "CALL musig.embed.write({modelName: 'busy', writeProperty: 'busyVectors', batchSize: 1})");
        awaitRunning("write busyVectors");
        assertThatThrownBy(() -> query("CALL musig.model.drop('busy')"))
                .hasMessageContaining("model 'busy' is being applied by 1 musig.embed call");
        assertThat(count("MATCH (m:MusigModel {name: 'busy'}) RETURN count(m)")).isEqualTo(1);

        terminate("CALL musig.embed.write");
        assertThat(write.get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(single("CALL musig.model.drop('busy')").get("dropped")).as("free again once the write stopped")
                .isEqualTo(true);
    }

    @Test
    void aSecondTrainingOfTheSameModelNameAtOnceIsRefused() throws Exception {
        CompletableFuture<Throwable> first = failureOf(
                "CALL musig.train({graphName: 'tt', modelName: 'twice', epochs: 1000, tolerance: 0.0})");
        awaitRunning("musig.train: epoch");
        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'tt', modelName: 'twice', " + QUICK + "})"))
                .hasMessageContaining("model 'twice' is being trained by another call");
        assertThatThrownBy(() -> query("CALL musig.model.drop('twice', false)"))
                .hasMessageContaining("model 'twice' is being trained");
        terminate("CALL musig.train");
        assertThat(first.get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(count("MATCH (m:MusigModel {name: 'twice'}) RETURN count(m)")).isZero();
    }

    private List<Map<String, Object>> answer(String playlist, String property) {
        return query("CALL musig.recommend($id, {k: 10, property: $p, useIndex: false}) YIELD trackId, score "
                + "RETURN trackId, score", Map.of("id", playlist, "p", property));
    }
}
