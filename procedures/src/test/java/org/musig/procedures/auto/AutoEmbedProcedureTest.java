package org.musig.procedures.auto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/** musig.embed.auto on the bundled real dataset, through Cypher: tracks committed later get vectors by themselves. */
class AutoEmbedProcedureTest extends MusigDatabase {
    private static final String QUICK = "epochs: 2, maxPairsPerEpoch: 4000, batchSize: 256, embeddingDimension: 16, "
            + "sampleSizes: [5, 3], randomSeed: 7";
    private static final String AUDIO = "[0.5, 0.7, 5.0, -6.0, 1.0, 0.05, 0.1, 0.0, 0.1, 0.5, 120.0, 200000.0]";
    /** Generous for a shared 2-core machine; a run on this dataset takes about a second. */
    private static final long WAIT_MILLIS = 30_000;

    @BeforeAll
    void loadTrainAndEmbed() {
        query("CALL musig.load.csv($file)", Map.of("file", importTidyTuesday()));
        single("CALL musig.graph.build({minWeight: 2, graphName: 'tt', writeRelationshipType: null})");
        single("CALL musig.train({graphName: 'tt', modelName: 'auto', " + QUICK + "})");
        single("CALL musig.embed.write({modelName: 'auto', writeProperty: 'emb'})");
    }

    @AfterEach
    void stopAndRemoveNewTracks() {
        query("CALL musig.embed.auto.stop()");
        query("MATCH (n) WHERE (n:Track OR n:Playlist) AND n.id STARTS WITH 'auto-' DETACH DELETE n");
    }

    @Test
    void tracksCommittedAfterStartGetTheVectorsEmbedStreamGivesWithoutRetraining() throws InterruptedException {
        Map<String, Object> started = single("CALL musig.embed.auto.start({modelName: 'auto', writeProperty: 'emb', "
                + "debounceMillis: 200})");
        assertThat(started).containsEntry("modelName", "auto").containsEntry("writeProperty", "emb")
                .containsEntry("debounceMillis", 200L);
        assertThat(started.get("started")).isNotNull();
        assertThat(count("MATCH (r:MusigAutoEmbed {modelName: 'auto', writeProperty: 'emb'}) RETURN count(r)"))
                .isEqualTo(1);

        // Three new tracks in one ordinary transaction: two in a new playlist with two known tracks, one alone.
        long committedAt = createTracks("MATCH (old:Track) WHERE old.emb IS NOT NULL WITH old ORDER BY old.id LIMIT 2 "
                + "WITH collect(old) AS olds "
                + "CREATE (p:Playlist {id: 'auto-playlist', genre: 'pop'}) "
                + "CREATE (p)-[:CONTAINS {position: 0}]->(:Track {id: 'auto-1', audio: " + AUDIO + "}) "
                + "CREATE (p)-[:CONTAINS {position: 1}]->(:Track {id: 'auto-2', audio: " + AUDIO + "}) "
                + "CREATE (:Track {id: 'auto-3', audio: " + AUDIO + "}) "
                + "WITH p, olds UNWIND range(0, size(olds) - 1) AS i "
                + "WITH p, olds[i] AS old, i CREATE (p)-[:CONTAINS {position: 2 + i}]->(old)");
        waitUntil(() -> stats().get("tracksEmbedded").equals(3L), "three tracks embedded");
        long latency = System.currentTimeMillis() - committedAt;
        System.out.println("musig.embed.auto: commit to vectors present took " + latency + " ms (debounce 200 ms), "
                + "run " + stats().get("lastRunMillis") + " ms");
        assertThat(stats()).containsEntry("runs", 1L).containsEntry("failedRuns", 0L).containsEntry("lastError", null);

        List<Map<String, Object>> written = query("MATCH (t:Track) WHERE t.id STARTS WITH 'auto-' "
                + "RETURN t.id AS id, t.emb AS v ORDER BY id");
        List<Map<String, Object>> streamed = query("CALL musig.embed.stream({modelName: 'auto', "
                + "trackIds: ['auto-1', 'auto-2', 'auto-3']}) YIELD trackId, embedding RETURN trackId, embedding "
                + "ORDER BY trackId");
        assertThat(written).hasSize(3);
        assertThat(streamed).hasSize(3);
        for (int t = 0; t < 3; t++) {
            float[] vector = (float[]) written.get(t).get("v");
            List<?> expected = (List<?>) streamed.get(t).get("embedding");
            assertThat(streamed.get(t).get("trackId")).isEqualTo(written.get(t).get("id"));
            assertThat(vector).hasSize(16);
            for (int i = 0; i < vector.length; i++) {
                assertThat(Float.floatToIntBits(vector[i]))
                        .isEqualTo(Float.floatToIntBits(((Number) expected.get(i)).floatValue()));
            }
        }
        // Its own writes create no Track, so they trigger nothing.
        Thread.sleep(1000);
        assertThat(stats()).containsEntry("runs", 1L).containsEntry("runPending", false);
        assertThat(count("MATCH (t:Track) WHERE t.emb IS NULL RETURN count(t)")).isZero();
    }

    @Test
    void commitsWithinTheDebounceAreEmbeddedByOneOrTwoRuns() throws InterruptedException {
        single("CALL musig.embed.auto.start({modelName: 'auto', writeProperty: 'emb', debounceMillis: 2500})");
        for (int i = 0; i < 5; i++) {
            createTracks("CREATE (:Track {id: 'auto-q" + i + "', audio: " + AUDIO + "})");
        }
        waitUntil(() -> stats().get("tracksEmbedded").equals(5L), "five tracks embedded");
        assertThat((Long) stats().get("runs")).isBetween(1L, 2L);
        assertThat(count("MATCH (t:Track) WHERE t.id STARTS WITH 'auto-q' AND t.emb IS NOT NULL RETURN count(t)"))
                .isEqualTo(5);
    }

    @Test
    void stopUnregistersSoThatLaterTracksGetNoVector() throws InterruptedException {
        single("CALL musig.embed.auto.start({modelName: 'auto', writeProperty: 'emb', debounceMillis: 100})");
        Map<String, Object> stopped = single("CALL musig.embed.auto.stop('auto')");
        assertThat(stopped).containsEntry("modelName", "auto").containsEntry("runs", 0L);
        assertThat(query("CALL musig.embed.auto.list()")).isEmpty();
        assertThat(count("MATCH (r:MusigAutoEmbed) RETURN count(r)")).isZero();

        createTracks("CREATE (:Track {id: 'auto-after-stop', audio: " + AUDIO + "})");
        Thread.sleep(2000);
        assertThat(count("MATCH (t:Track {id: 'auto-after-stop'}) WHERE t.emb IS NULL RETURN count(t)")).isEqualTo(1);
        assertThatThrownBy(() -> query("CALL musig.embed.auto.stop('auto')"))
                .hasMessageContaining("no registration for model 'auto'");
    }

    @Test
    void anUnknownModelIsRefusedNamingTheModelsAndNothingIsRegistered() {
        assertThatThrownBy(() -> query("CALL musig.embed.auto.start({modelName: 'nope', writeProperty: 'emb'})"))
                .hasMessageContaining("no model named 'nope'").hasMessageContaining("auto");
        assertThatThrownBy(() -> query("CALL musig.embed.auto.start({modelName: 'auto', debounce: 5})"))
                .hasMessageContaining("debounce");
        assertThat(query("CALL musig.embed.auto.list()")).isEmpty();
        assertThat(count("MATCH (r:MusigAutoEmbed) RETURN count(r)")).isZero();
    }

    @Test
    void aRunAfterTheModelIsDroppedRecordsTheErrorAndTheListenerStays() {
        single("CALL musig.train({graphName: 'tt', modelName: 'doomed', " + QUICK + "})");
        single("CALL musig.embed.auto.start({modelName: 'doomed', writeProperty: 'embDoomed', debounceMillis: 100})");
        single("CALL musig.model.drop('doomed')");

        createTracks("CREATE (:Track {id: 'auto-d1', audio: " + AUDIO + "})");
        waitUntil(() -> stats().get("runs").equals(1L), "a failed run");
        assertThat(stats()).containsEntry("failedRuns", 1L).containsEntry("tracksEmbedded", 0L);
        assertThat((String) stats().get("lastError")).contains("no model named 'doomed'");

        createTracks("CREATE (:Track {id: 'auto-d2', audio: " + AUDIO + "})");
        waitUntil(() -> stats().get("runs").equals(2L), "a second run: the listener is still registered");
        assertThat(stats()).containsEntry("failedRuns", 2L);
        assertThat(count("MATCH (t:Track) WHERE t.id STARTS WITH 'auto-d' RETURN count(t)")).isEqualTo(2);
    }

    /** Runs {@code cypher} in a transaction of its own; returns when it committed. */
    private long createTracks(String cypher) {
        db().executeTransactionally(cypher);
        return System.currentTimeMillis();
    }

    private Map<String, Object> stats() {
        return single("CALL musig.embed.auto.list()");
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
