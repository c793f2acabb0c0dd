package org.musig.procedures.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.musig.procedures.MusigDatabase;

/**
 * Configuration values of the wrong type or out of range, given through Cypher to every procedure family: each
 * is refused before any work with an error naming the key and what is allowed, and writes nothing (nodes,
 * relationships, models, splits, indexes, in-memory graphs and embedding properties are counted before and after).
 */
class HostileConfigTest extends MusigDatabase {

    @BeforeAll
    void smallGraphWithASplitAndVectors() {
        for (int p = 0; p < 6; p++) {
            query("MERGE (pl:Playlist {id: 'p' + $p}) WITH pl UNWIND range(0, 5) AS i "
                    + "MERGE (t:Track {id: 't' + (($p + i) % 10)}) ON CREATE SET t.vec = [1.0, toFloat(i)] "
                    + "CREATE (pl)-[:CONTAINS {position: i}]->(t)", java.util.Map.of("p", p));
        }
        single("CALL musig.split.create('eval', {testPlaylists: 2, minTracks: 4})");
        single("CALL musig.graph.build({graphName: 'g', minWeight: 1})");
        writeImportFile("ok.csv", "track_id,playlist_id\nt1,p1\n");
    }

    static Stream<Arguments> recommendFamily() {
        return Stream.of(
                refused("CALL musig.recommend('p1', {property: 'vec', k: -1})",
                        "'k' must be between 1 and 10000, got -1"),
                refused("CALL musig.recommend('p1', {property: 'vec', k: 0})",
                        "'k' must be between 1 and 10000, got 0"),
                refused("CALL musig.similar('t1', {property: 'vec', k: 10001})", "'k' must be between 1 and 10000"),
                refused("CALL musig.recommend.fromTracks(['t1'], {property: 'vec', k: 'ten'})",
                        "'k' must be an integer, got String 'ten' (allowed: between 1 and 10000)"),
                refused("CALL musig.recommend('p1', {property: 'vec', k: 2.5})", "'k' must be an integer"),
                refused("CALL musig.recommend('p1', {property: ['vec']})", "'property' must be a string"),
                refused("CALL musig.recommend('p1', {property: 'vec', useIndex: 'maybe'})",
                        "'useIndex' must be true, false or 'auto'"),
                refused("CALL musig.explain('p1', 't9', {property: 'vec', k: 0})", "'k' must be between 1 and 1000"));
    }

    static Stream<Arguments> trainFamily() {
        return Stream.of(
                refused("CALL musig.train({graphName: 'g', embeddingDimension: 0})",
                        "'embeddingDimension' must be between 1 and 4096, got 0"),
                refused("CALL musig.train({graphName: 'g', sampleSizes: []})",
                        "'sampleSizes' must have between 1 and 5 entries, got 0"),
                refused("CALL musig.train({graphName: 'g', sampleSizes: {hop1: 25}})",
                        "'sampleSizes' must be a list of integers", "1 to 5 integers, each between 1 and 1000"),
                refused("CALL musig.train({graphName: 'g', learningRate: 0.0/0.0})",
                        "'learningRate' must be a number greater than 0 and at most 1000.0, got NaN"),
                refused("CALL musig.train({graphName: 'g', learningRate: -1})",
                        "'learningRate' must be a number greater than 0 and at most 1000.0, got -1.0"),
                refused("CALL musig.train({graphName: 'g', learningRate: 'fast'})",
                        "'learningRate' must be a number", "greater than 0"),
                refused("CALL musig.train({graphName: 'g', epochs: 1000000000})",
                        "'epochs' must be between 1 and 10000, got 1000000000"),
                refused("CALL musig.train({graphName: 'g', batchSize: 0})",
                        "'batchSize' must be between 1 and 1048576"),
                refused("CALL musig.train({graphName: 'g', negativeSamples: -1})",
                        "'negativeSamples' must be between 1 and 100, got -1"),
                refused("CALL musig.train({graphName: 'g', taskWeights: [1, 1, 1]})", "'taskWeights' must be a map"),
                refused("CALL musig.train({graphName: 'g', taskWeights: {genre: -1}})",
                        "'taskWeights.genre' must be a number between 0.0"),
                refused("CALL musig.train({graphName: 'g', features: {audio: true}})",
                        "'features' must be a list of strings"),
                refused("CALL musig.train({graphName: 'g', coldStartRate: 1})",
                        "'coldStartRate' must be a number between 0.0 and 0.95"),
                refused("CALL musig.train({graphName: 42})", "'graphName' must be a non-empty string"),
                refused("CALL musig.train.estimate({graphName: 'g', embeddingDimension: 5000})",
                        "'embeddingDimension' must be between 1 and 4096"));
    }

    static Stream<Arguments> graphFamily() {
        return Stream.of(
                refused("CALL musig.graph.build({graphName: 'h', minWeight: 0})",
                        "'minWeight' must be between 1 and 2147483647, got 0"),
                refused("CALL musig.graph.build({graphName: 'h', batchSize: 0})",
                        "'batchSize' must be between 1 and 1000000"),
                refused("CALL musig.graph.build({graphName: 'h', concurrency: 0})",
                        "'concurrency' must be between 1 and 64"),
                refused("CALL musig.graph.build({graphName: 'h', minWeight: '10'})",
                        "'minWeight' must be an integer, got String '10' (allowed: between 1 and 2147483647)"),
                refused("CALL musig.graph.build({graphName: 'h', excludeMemberships: ['eval']})",
                        "'excludeMemberships' must be a string"),
                refused("CALL musig.graph.build({graphName: 'h', project: 'yes'})", "'project' must be a boolean"));
    }

    static Stream<Arguments> loadSplitEmbedEvaluateFamilies() {
        return Stream.of(
                refused("CALL musig.load.csv('ok.csv', {batchSize: 0})",
                        "'batchSize' must be between 1 and 10000000, got 0"),
                refused("CALL musig.load.csv('ok.csv', {batchSize: -1})", "'batchSize' must be between 1 and 10000000"),
                refused("CALL musig.load.csv('ok.csv', {onError: 'ignore'})", "'onError' must be one of [fail, skip]"),
                refused("CALL musig.load.csv('ok.csv', {columns: ['track_id']})", "'columns' must be a map of strings"),
                refused("CALL musig.load.csv('ok.csv', {delimiter: ';;'})", "'delimiter' must be a single character"),
                refused("CALL musig.load.features('ok.csv', {createMissing: 'yes'})",
                        "'createMissing' must be a boolean"),
                refused("CALL musig.load.mpd('ok.csv', {batchSize: {size: 10}})", "'batchSize' must be an integer"),
                refused("CALL musig.split.create('x', {seedFraction: 0.0/0.0})",
                        "'seedFraction' must be a number between 0.0 and 1.0, got NaN"),
                refused("CALL musig.split.create('x', {testPlaylists: -1})",
                        "'testPlaylists' must be a number greater than 0"),
                refused("CALL musig.split.create('x', {minTracks: 1})",
                        "'minTracks' must be between 2 and 2147483647, got 1"),
                refused("CALL musig.embed.write({modelName: 'm', batchSize: 0})",
                        "'batchSize' must be between 1 and 1000000"),
                refused("CALL musig.embed.write({modelName: 'm', concurrency: 0})",
                        "'concurrency' must be between 1 and 64"),
                refused("CALL musig.embed.stream({modelName: 'm', trackIds: {id: 't1'}})",
                        "'trackIds' must be a list of strings"),
                refused("CALL musig.evaluate({split: 'eval', properties: {vec: true}})",
                        "'properties' must be a list of strings"),
                refused("CALL musig.evaluate({split: 'eval', properties: ['vec'], randomSeed: 'x'})",
                        "'randomSeed' must be an integer", "any integer"),
                refused("CALL musig.benchmark({split: 'eval', embeddingDimension: 0})",
                        "'embeddingDimension' must be between 1 and 4096"),
                refused("CALL musig.benchmark({split: 'eval', train: {epochs: 1000000000}})", "epochs"));
    }

    private static Arguments refused(String cypher, String... fragments) {
        return Arguments.of(cypher, List.of(fragments));
    }

    private List<Long> state() {
        return List.of(count("MATCH (n) RETURN count(n)"), count("MATCH ()-[r]->() RETURN count(r)"),
                count("MATCH (m:MusigModel) RETURN count(m)"), count("MATCH (s:MusigSplit) RETURN count(s)"),
                count("SHOW INDEXES YIELD name RETURN count(name)"),
                count("CALL musig.graph.list() YIELD graphName RETURN count(graphName)"),
                count("MATCH (t:Track) WHERE t.musig IS NOT NULL RETURN count(t)"));
    }

    private void assertRefusedWithoutWriting(String cypher, List<String> fragments) {
        List<Long> before = state();
        var error = assertThatThrownBy(() -> query(cypher));
        for (String fragment : fragments) {
            error.hasMessageContaining(fragment);
        }
        assertThat(state()).as("nodes, relationships, models, splits, indexes, graphs, embeddings").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recommendFamily")
    void recommendSettingsOutOfRangeOrOfTheWrongTypeAreRefused(String cypher, List<String> fragments) {
        assertRefusedWithoutWriting(cypher, fragments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainFamily")
    void trainSettingsOutOfRangeOrOfTheWrongTypeAreRefused(String cypher, List<String> fragments) {
        assertRefusedWithoutWriting(cypher, fragments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphFamily")
    void graphBuildSettingsOutOfRangeOrOfTheWrongTypeAreRefused(String cypher, List<String> fragments) {
        assertRefusedWithoutWriting(cypher, fragments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadSplitEmbedEvaluateFamilies")
    void loadSplitEmbedAndEvaluateSettingsOutOfRangeOrOfTheWrongTypeAreRefused(String cypher, List<String> fragments) {
        assertRefusedWithoutWriting(cypher, fragments);
    }
}
