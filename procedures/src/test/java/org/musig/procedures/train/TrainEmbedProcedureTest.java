package org.musig.procedures.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/** Training, storing and applying a model on the bundled real dataset, through Cypher. */
class TrainEmbedProcedureTest extends MusigDatabase {
    private static final String QUICK = "epochs: 2, maxPairsPerEpoch: 4000, batchSize: 256, embeddingDimension: 16, "
            + "sampleSizes: [5, 3], randomSeed: 7";

    @BeforeAll
    void loadAndBuild() {
        query("CALL musig.load.csv($file)", Map.of("file", importTidyTuesday()));
        single("CALL musig.graph.build({minWeight: 2, graphName: 'tt', writeRelationshipType: null})");
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainingStoresAModelWithLossesForEveryTaskAndRefusesToOverwriteSilently() {
        Map<String, Object> row = single("CALL musig.train({graphName: 'tt', modelName: 'm1', " + QUICK + "})");
        assertThat(row.get("epochs")).isEqualTo(2L);
        Map<String, List<Double>> losses = (Map<String, List<Double>>) row.get("lossPerEpoch");
        assertThat(losses).containsKeys("playlist", "genre", "audio", "total");
        assertThat(losses.get("total")).hasSize(2).allSatisfy(l -> assertThat(l).isFinite().isPositive());
        assertThat((Double) row.get("pairsPerSecond")).isPositive();

        Map<String, Object> listed = single("CALL musig.model.list('m1')");
        assertThat(listed.get("embeddingDimension")).isEqualTo(16L);
        assertThat(listed.get("minWeight")).isEqualTo(2L);
        assertThat((List<Object>) listed.get("featureGroups")).contains("genre", "popularity", "audio");
        assertThat(count("MATCH (m:MusigModel {name: 'm1'}) RETURN count(m)")).isEqualTo(1);

        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'tt', modelName: 'm1', " + QUICK + "})"))
                .hasMessageContaining("already exists");
        single("CALL musig.train({graphName: 'tt', modelName: 'm1', overwrite: true, " + QUICK + "})");
        assertThat(count("MATCH (m:MusigModel {name: 'm1'}) RETURN count(m)")).isEqualTo(1);
        assertThat(single("CALL musig.model.drop('m1')").get("dropped")).isEqualTo(true);
        assertThat(count("MATCH (m:MusigModel) WHERE m.name = 'm1' RETURN count(m)")).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReleaseYearIsAnInputGroupAndAnUnreadableDateIsNamedInTheBuildsNotices() {
        Map<String, Object> date = single("MATCH (t:Track) WHERE t.releaseDate STARTS WITH '2019' WITH t LIMIT 1 "
                + "SET t.releaseDate = 'someday' RETURN t.id AS id");
        try {
            Map<String, Object> build = single("CALL musig.graph.build({minWeight: 2, graphName: 'years', "
                    + "writeRelationshipType: null})");
            assertThat((List<String>) build.get("notices"))
                    .anySatisfy(n -> assertThat(n).contains("1 tracks have a 'releaseDate' with no year"));
            Map<String, Object> row = single("CALL musig.train({graphName: 'years', modelName: 'year', "
                    + "features: ['audio', 'year'], " + QUICK + "})");
            assertThat((List<String>) row.get("notices")).noneSatisfy(n -> assertThat(n).contains("'year' left out"));
            assertThat((List<Object>) single("CALL musig.model.list('year')").get("featureGroups"))
                    .containsExactly("audio", "year");
            // The track whose date was unreadable still gets a vector: the group's missing column stands in.
            assertThat(query("CALL musig.embed.stream({modelName: 'year', trackIds: [$id]})",
                    Map.of("id", date.get("id"))))
                    .hasSize(1);
        } finally {
            query("MATCH (t:Track {id: $id}) SET t.releaseDate = '2019-01-01'", Map.of("id", date.get("id")));
            query("CALL musig.graph.drop('years', false)");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTitleIsAnInputGroupAndANewTrackKnownOnlyByItsNameIsEmbeddedByIt() {
        Map<String, Object> row = single("CALL musig.train({graphName: 'tt', modelName: 'titles', "
                + "features: ['title'], titleDimension: 8, " + QUICK + "})");
        assertThat((List<String>) row.get("notices")).noneSatisfy(n -> assertThat(n).contains("'title' left out"));
        assertThat((List<Object>) single("CALL musig.model.list('titles')").get("featureGroups"))
                .containsExactly("title");
        Map<String, Object> known = single("MATCH (t:Track) WHERE t.name IS NOT NULL AND t.album IS NOT NULL "
                + "WITH t LIMIT 1 RETURN t.name AS name, t.album AS album");
        query("CREATE (:Track {id: 'title-twin', name: $name, album: $album}), (:Track {id: 'title-other', "
                + "name: 'Piano Nocturne Op. 9 No. 2', album: 'Chopin: Nocturnes'}), (:Track {id: 'title-none'})",
                known);
        try {
            List<Map<String, Object>> vectors = query("CALL musig.embed.stream({modelName: 'titles', "
                    + "trackIds: ['title-twin', 'title-other', 'title-none']}) YIELD trackId, embedding "
                    + "RETURN trackId, embedding ORDER BY trackId");
            assertThat(vectors).extracting(v -> v.get("trackId")).containsExactly("title-none", "title-other",
                    "title-twin");
            // Tracks with no playlist are embedded from their inputs alone: different titles, different vectors.
            assertThat(vectors.get(1).get("embedding")).isNotEqualTo(vectors.get(2).get("embedding"));
            assertThat(vectors.get(0).get("embedding")).isNotEqualTo(vectors.get(2).get("embedding"));
        } finally {
            query("MATCH (t:Track) WHERE t.id STARTS WITH 'title-' DELETE t");
        }
    }

    @Test
    void embeddingsAreWrittenForEveryTrackAsUnitFloatVectorsAndAreReproducible() {
        single("CALL musig.train({graphName: 'tt', modelName: 'm2', " + QUICK + "})");
        long tracks = count("MATCH (t:Track) RETURN count(t)");
        Map<String, Object> row = single("CALL musig.embed.write({modelName: 'm2', writeProperty: 'emb2'})");
        assertThat(row.get("nodeCount")).isEqualTo(tracks);
        assertThat(row.get("nodePropertiesWritten")).isEqualTo(tracks);
        Map<String, Object> one = single("MATCH (t:Track) WHERE t.emb2 IS NOT NULL WITH t LIMIT 1 "
                + "RETURN t.id AS id, t.emb2 AS v, reduce(s = 0.0, x IN t.emb2 | s + x * x) AS norm");
        assertThat(one.get("v")).isInstanceOf(float[].class);
        assertThat(((float[]) one.get("v")).length).isEqualTo(16);
        assertThat((Double) one.get("norm")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));

        List<Map<String, Object>> streamed = query("CALL musig.embed.stream({modelName: 'm2', trackIds: [$id]})",
                Map.of("id", one.get("id")));
        assertThat(streamed).hasSize(1);
        List<?> vector = (List<?>) streamed.get(0).get("embedding");
        float[] written = (float[]) one.get("v");
        // Alone in a batch, the track's matrix products round differently in the last bit or two.
        for (int i = 0; i < written.length; i++) {
            assertThat(((Number) vector.get(i)).floatValue()).isCloseTo(written[i],
                    org.assertj.core.data.Offset.offset(1e-5f));
        }
        // The same model over the same tracks gives bit-identical vectors; this time with a vector index.
        Map<String, Object> indexed =
                single("CALL musig.embed.write({modelName: 'm2', writeProperty: 'emb2again', createIndex: true})");
        assertThat(indexed.get("indexName")).isEqualTo("musig_emb2again_vector");
        assertThat(query("CALL musig.similar($id, {k: 3, property: 'emb2again', useIndex: true})",
                Map.of("id", one.get("id"))))
                .hasSize(3);
        assertThat(count("MATCH (t:Track) WHERE t.emb2 <> t.emb2again OR t.emb2again IS NULL RETURN count(t)"))
                .isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void walkNeighbourhoodsAndWeightedPositivesTrainAStoredModelThatEmbedsTheSameTwice() {
        Map<String, Object> row = single("CALL musig.train({graphName: 'tt', modelName: 'walks', sampling: 'walk', "
                + "positives: 'weighted', " + QUICK + "})");
        Map<String, Object> echoed = (Map<String, Object>) row.get("configuration");
        assertThat(echoed).containsEntry("sampling", "walk").containsEntry("positives", "weighted");
        assertThat(((Map<String, List<Double>>) row.get("lossPerEpoch")).get("total"))
                .allSatisfy(l -> assertThat(l).isFinite().isPositive());
        single("CALL musig.embed.write({modelName: 'walks', writeProperty: 'walkEmb'})");
        single("CALL musig.embed.write({modelName: 'walks', writeProperty: 'walkEmbAgain'})");
        assertThat(count("MATCH (t:Track) WHERE t.walkEmb IS NULL OR t.walkEmb <> t.walkEmbAgain RETURN count(t)"))
                .isZero();
        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'tt', modelName: 'x', positives: 'all'})"))
                .hasMessageContaining("'positives'").hasMessageContaining("[edges, weighted, playlists]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void playlistPositivesTrainOnAGraphWhoseMinWeightLeftNoEdge() {
        Map<String, Object> build = single("CALL musig.graph.build({minWeight: 1000, graphName: 'noEdges', "
                + "writeRelationshipType: null})");
        assertThat(build.get("relationshipCount")).isEqualTo(0L);
        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'noEdges', modelName: 'x', " + QUICK + "})"))
                .hasMessageContaining("no relationships").hasMessageContaining("positives: 'playlists'");

        Map<String, Object> estimate = single("CALL musig.train.estimate({graphName: 'noEdges', positives: "
                + "'playlists'})");
        assertThat((long) estimate.get("requiredBytes")).isGreaterThan(
                (long) single("CALL musig.train.estimate({graphName: 'noEdges'})").get("requiredBytes"));
        Map<String, Object> row = single("CALL musig.train({graphName: 'noEdges', modelName: 'fromPlaylists', "
                + "positives: 'playlists', features: ['audio', 'artist'], " + QUICK + "})");
        assertThat(((Map<String, Object>) row.get("configuration"))).containsEntry("positives", "playlists");
        assertThat(((Map<String, List<Double>>) row.get("lossPerEpoch")).get("playlist"))
                .hasSize(2).allSatisfy(l -> assertThat(l).isFinite().isPositive());
        Map<String, Object> written = single("CALL musig.embed.write({modelName: "
                + "'fromPlaylists', writeProperty: 'playlistEmb'})");
        assertThat(written.get("nodePropertiesWritten")).isEqualTo(count("MATCH (t:Track) RETURN count(t)"));
        single("CALL musig.graph.drop('noEdges')");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSoftmaxPlaylistLossTrainsAModelThatEmbedsAndBadValuesNameTheirKey() {
        Map<String, Object> pairs = single("CALL musig.train({graphName: 'tt', modelName: 'pairLoss', " + QUICK + "})");
        Map<String, Object> row = single("CALL musig.train({graphName: 'tt', modelName: 'softmaxLoss', "
                + "playlistLoss: 'softmax', temperature: 0.5, " + QUICK + "})");
        assertThat((Map<String, Object>) row.get("configuration")).containsEntry("playlistLoss", "softmax")
                .containsEntry("temperature", 0.5);
        List<Double> softmaxLoss = ((Map<String, List<Double>>) row.get("lossPerEpoch")).get("playlist");
        assertThat(softmaxLoss).hasSize(2).allSatisfy(l -> assertThat(l).isFinite().isPositive())
                .isNotEqualTo(((Map<String, List<Double>>) pairs.get("lossPerEpoch")).get("playlist"));
        Map<String, Object> written = single("CALL musig.embed.write({modelName: 'softmaxLoss', "
                + "writeProperty: 'softmaxEmb'})");
        assertThat((long) written.get("nodePropertiesWritten")).isPositive();

        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'tt', modelName: 'x', playlistLoss: 'softmax', "
                + "temperature: 0, " + QUICK + "})")).hasMessageContaining("temperature");
        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'tt', modelName: 'x', playlistLoss: 'listwise', "
                + QUICK + "})")).hasMessageContaining("playlistLoss").hasMessageContaining("softmax");
        assertThat(count("MATCH (m:MusigModel {name: 'x'}) RETURN count(m)")).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEnsembleWritesItsMembersVectorsSideBySideWithMemberZeroBeingTheSingleModel() {
        single("CALL musig.train({graphName: 'tt', modelName: 'alone', " + QUICK + "})");
        Map<String, Object> row = single("CALL musig.train({graphName: 'tt', modelName: 'trio', ensembleSize: 3, "
                + QUICK + "})");
        assertThat((Map<String, Object>) row.get("configuration")).containsEntry("ensembleSize", 3);
        assertThat(single("CALL musig.model.list('trio')").get("embeddingDimension")).isEqualTo(48L);
        assertThat(single("CALL musig.train.estimate({graphName: 'tt', ensembleSize: 3, " + QUICK + "})")
                .get("requiredBytes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LONG)
                .isGreaterThan((Long) single("CALL musig.train.estimate({graphName: 'tt', " + QUICK + "})")
                        .get("requiredBytes"));

        single("CALL musig.embed.write({modelName: 'alone', writeProperty: 'aloneEmb'})");
        single("CALL musig.embed.write({modelName: 'trio', writeProperty: 'trioEmb'})");
        Map<String, Object> one =
                single("MATCH (t:Track) WHERE t.trioEmb IS NOT NULL WITH t LIMIT 1 RETURN t.id AS id, "
                        + "t.aloneEmb AS alone, t.trioEmb AS trio, reduce(s = 0.0, x IN t.trioEmb | s + x * x) AS norm");
        float[] alone = (float[]) one.get("alone");
        float[] trio = (float[]) one.get("trio");
        assertThat(trio).hasSize(48);
        assertThat((Double) one.get("norm")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        for (int k = 0; k < 16; k++) { // member 0 is the single model of this seed, scaled by 1/sqrt(3)
            assertThat(trio[k]).isCloseTo(alone[k] / (float) Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-6f));
        }
        assertThat(query("CALL musig.similar($id, {k: 3, property: 'trioEmb'})", Map.of("id", one.get("id"))))
                .hasSize(3);
        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'tt', modelName: 'x', ensembleSize: 0})"))
                .hasMessageContaining("'ensembleSize'");
        query("MATCH (t:Track) REMOVE t.aloneEmb, t.trioEmb");
        single("CALL musig.model.drop('alone')");
        single("CALL musig.model.drop('trio')");
    }

    @Test
    void tracksAddedAfterTrainingGetEmbeddingsWithoutRetraining() {
        single("CALL musig.train({graphName: 'tt', modelName: 'm3', " + QUICK + "})");
        single("CALL musig.embed.write({modelName: 'm3', writeProperty: 'emb3'})");
        // Two new tracks: one with audio features in a new playlist with a known track, one with nothing but an id.
        query("MATCH (old:Track) WITH old LIMIT 1 "
                + "CREATE (p:Playlist {id: 'new-playlist', genre: 'pop'})-[:CONTAINS {position: 0}]->(old), "
                + "(p)-[:CONTAINS {position: 1}]->(:Track {id: 'new-1', audio: [0.5, 0.7, 5.0, -6.0, 1.0, 0.05, 0.1, 0.0, 0.1, 0.5, 120.0, 200000.0]}), "
                + "(:Track {id: 'new-2'})");
        Map<String, Object> row =
                single("CALL musig.embed.write({modelName: 'm3', writeProperty: 'emb3', tracks: 'missing'})");
        assertThat(row.get("nodeCount")).isEqualTo(2L);
        assertThat(count("MATCH (t:Track) WHERE t.id STARTS WITH 'new-' AND t.emb3 IS NOT NULL RETURN count(t)"))
                .isEqualTo(2);
        assertThat(count("MATCH (t:Track) WHERE t.emb3 IS NULL RETURN count(t)")).isZero();
        query("MATCH (t:Track) WHERE t.id STARTS WITH 'new-' DETACH DELETE t");
        query("MATCH (p:Playlist {id: 'new-playlist'}) DETACH DELETE p");
    }

    @Test
    void aTerminatedTrainingStopsWithinTwoSecondsAndStoresNoModel() throws Exception {
        var training =
                failureOf("CALL musig.train({graphName: 'tt', modelName: 'stopped', epochs: 1000, tolerance: 0.0})");
        awaitRunning("musig.train: epoch");
        Thread.sleep(300);
        long terminatedAt = terminate("CALL musig.train");
        Throwable failure = training.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(failure).isNotNull();
        assertThat((System.nanoTime() - terminatedAt) / 1e9).isLessThan(2.0);
        assertThat(count("MATCH (m:MusigModel {name: 'stopped'}) RETURN count(m)")).isZero();
        assertThat(progressStatuses("musig.train")).contains("TERMINATED");
        // The name is free again: a new training under it is not refused as "being trained".
        single("CALL musig.train({graphName: 'tt', modelName: 'stopped', " + QUICK + "})");
    }

    @Test
    void aTrainingWhoseBoltClientGoesAwayStopsWithinTwoSeconds() throws Exception {
        org.neo4j.driver.Driver leaving = org.neo4j.driver.GraphDatabase.driver(neo4j.boltURI(),
                org.neo4j.driver.AuthTokens.none());
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (org.neo4j.driver.Session session = leaving.session()) {
                session.run("CALL musig.train({graphName: 'tt', modelName: 'abandoned', epochs: 1000, tolerance: 0.0})")
                        .consume();
            } catch (RuntimeException expected) {
                // the driver is closed under it
            }
        });
        awaitRunning("musig.train: epoch");
        long closedAt = System.nanoTime();
        leaving.close();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!query("CALL musig.listProgress() YIELD taskName, status WHERE status = 'RUNNING' "
                + "AND taskName STARTS WITH 'musig.train' RETURN taskName").isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the abandoned training stopped").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat((System.nanoTime() - closedAt) / 1e9).isLessThan(2.0);
        assertThat(progressStatuses("musig.train")).contains("TERMINATED");
        assertThat(count("MATCH (m:MusigModel {name: 'abandoned'}) RETURN count(m)")).isZero();
    }

    @Test
    void estimatesAndErrorsNameWhatIsWrong() {
        Map<String, Object> estimate = single("CALL musig.train.estimate({graphName: 'tt'})");
        assertThat((Long) estimate.get("requiredBytes")).isPositive();
        assertThat(estimate.get("fits")).isEqualTo(true);
        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'nope'})"))
                .hasMessageContaining("no MUSIG graph named 'nope'");
        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'tt', epochz: 3})"))
                .hasMessageContaining("unknown configuration key(s) [epochz]").hasMessageContaining("modelName");
        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'tt', embeddingDimension: 0})"))
                .hasMessageContaining("embeddingDimension");
        assertThatThrownBy(() -> query("CALL musig.train({graphName: 'tt', learningRate: 'fast'})"))
                .hasMessageContaining("learningRate");
        assertThatThrownBy(() -> query("CALL musig.embed.write({modelName: 'ghost'})"))
                .hasMessageContaining("no model named 'ghost'");
        assertThatThrownBy(() -> query("CALL musig.embed.write({tracks: 'some'})")).hasMessageContaining("tracks");
        assertThatThrownBy(() -> query("CALL musig.model.drop('ghost')"))
                .hasMessageContaining("no model named 'ghost'");
    }
}
