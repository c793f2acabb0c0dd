package org.musig.gds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.harness.Neo4j;

/**
 * GDS works in the harness with nothing but this module on the classpath: the extension is found
 * through META-INF/services, and the algorithms our benchmark compares against (FastRP, GraphSAGE
 * with feature properties) run on a graph shaped like ours.
 */
class GdsEmbeddedExtensionTest {

    private static final int TRACKS = 6;

    private static Neo4j neo4j;
    private static GraphDatabaseService db;

    @BeforeAll
    static void startServerWithTinyTrackGraph() {
        neo4j = GdsTestServers.start();
        db = neo4j.defaultDatabaseService();
        // Written through the Java API so the feature property is a real float[] (as our loaders store it).
        try (Transaction tx = db.beginTx()) {
            List<Node> tracks = new ArrayList<>();
            for (int i = 0; i < TRACKS; i++) {
                Node track = tx.createNode(Label.label("Track"));
                track.setProperty("id", i);
                track.setProperty("features", new float[] {i, 1f / (i + 1), i % 2});
                tracks.add(track);
            }
            for (int i = 0; i < TRACKS; i++) {
                // A ring plus a chord per node: connected, every node has neighbours to sample.
                tracks.get(i).createRelationshipTo(tracks.get((i + 1) % TRACKS), RelationshipType.withName("CO_OCCURS"))
                        .setProperty("weight", 1.0 + i);
                tracks.get(i).createRelationshipTo(tracks.get((i + 2) % TRACKS), RelationshipType.withName("CO_OCCURS"))
                        .setProperty("weight", 0.5);
            }
            tx.commit();
        }
    }

    @AfterAll
    static void stopServer() {
        if (neo4j != null) {
            neo4j.close();
        }
    }

    @Test
    void gdsVersionFunctionAnswers() {
        Object version = single("RETURN gds.version() AS version", Map.of()).get("version");
        assertThat(version).isInstanceOf(String.class);
        assertThat((String) version).startsWith("2.");
    }

    @Test
    void registrationSummaryIsLogged() {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        neo4j.printLogs(new PrintStream(logs, true, StandardCharsets.UTF_8));
        String summary = logs.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("musig-gds-embedded: registered"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no registration summary in the logs:\n" + logs));
        System.out.println(summary); // keeps the startup cost visible in the build output
        assertThat(summary).containsPattern("registered [1-9][0-9]{2} GDS procedures");
    }

    @Test
    void moreThan300GdsProceduresAreRegistered() {
        long count = (long) single(
                "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'gds.' RETURN count(*) AS count", Map.of())
                .get("count");
        assertThat(count).isGreaterThan(300);
    }

    @Test
    void nativeProjectionLoadsWeightedUndirectedGraphWithNodeProperty() {
        withProjectedGraph("projectionTest", () -> {
            Map<String, Object> listed = single(
                    "CALL gds.graph.list($name) YIELD nodeCount, relationshipCount, schemaWithOrientation "
                            + "RETURN nodeCount, relationshipCount, schemaWithOrientation",
                    Map.of("name", "projectionTest"));
            assertThat(listed.get("nodeCount")).isEqualTo((long) TRACKS);
            // UNDIRECTED stores every relationship in both directions.
            assertThat(listed.get("relationshipCount")).isEqualTo(4L * TRACKS);
            assertThat(listed.get("schemaWithOrientation").toString())
                    .contains("features", "weight", "UNDIRECTED");
        });
    }

    @Test
    void fastRpStreamReturnsAnEmbeddingPerNode() {
        withProjectedGraph("fastRpTest", () -> {
            List<Map<String, Object>> rows = rows(
                    "CALL gds.fastRP.stream($name, {embeddingDimension: 8, relationshipWeightProperty: 'weight', "
                            + "featureProperties: ['features'], propertyRatio: 0.5, randomSeed: 42}) "
                            + "YIELD nodeId, embedding RETURN nodeId, embedding",
                    Map.of("name", "fastRpTest"));
            assertThat(rows).hasSize(TRACKS);
            assertThat(rows).allSatisfy(row -> assertThat((List<?>) row.get("embedding")).hasSize(8));
        });
    }

    @Test
    void graphSageTrainsAndStreamsEmbeddingsFromFeatureProperties() {
        withProjectedGraph("graphSageTest", () -> {
            try {
                Map<String, Object> trained = single(
                        "CALL gds.beta.graphSage.train($name, {modelName: 'graphSageTestModel', featureProperties: ['features'], "
                                + "relationshipWeightProperty: 'weight', embeddingDimension: 4, sampleSizes: [3, 3], "
                                + "epochs: 2, maxIterations: 2, batchSize: 4, randomSeed: 42}) "
                                + "YIELD modelInfo RETURN modelInfo.modelName AS modelName",
                        Map.of("name", "graphSageTest"));
                assertThat(trained.get("modelName")).isEqualTo("graphSageTestModel");

                List<Map<String, Object>> rows = rows(
                        "CALL gds.beta.graphSage.stream($name, {modelName: 'graphSageTestModel'}) "
                                + "YIELD nodeId, embedding RETURN nodeId, embedding",
                        Map.of("name", "graphSageTest"));
                assertThat(rows).hasSize(TRACKS);
                assertThat(rows).allSatisfy(row -> assertThat((List<?>) row.get("embedding")).hasSize(4));
            } finally {
                db.executeTransactionally("CALL gds.model.drop('graphSageTestModel', false)");
            }
        });
    }

    @Test
    void graphDropRemovesProjectedGraph() {
        project("dropTest");
        Map<String, Object> dropped = single(
                "CALL gds.graph.drop($name) YIELD graphName RETURN graphName", Map.of("name", "dropTest"));
        assertThat(dropped.get("graphName")).isEqualTo("dropTest");
        Map<String, Object> exists = single("RETURN gds.graph.exists($name) AS exists", Map.of("name", "dropTest"));
        assertThat(exists.get("exists")).isEqualTo(false);
    }

    /** The GDS graph catalog is JVM-wide (static), so every test projects under its own name and drops it. */
    private static void withProjectedGraph(String name, Runnable body) {
        project(name);
        try {
            body.run();
        } finally {
            db.executeTransactionally("CALL gds.graph.drop($name, false)", Map.of("name", name));
        }
    }

    private static void project(String name) {
        Map<String, Object> projected = single(
                "CALL gds.graph.project($name, {Track: {properties: 'features'}}, "
                        + "{CO_OCCURS: {orientation: 'UNDIRECTED', properties: 'weight'}}) "
                        + "YIELD nodeCount RETURN nodeCount",
                Map.of("name", name));
        assertThat(projected.get("nodeCount")).isEqualTo((long) TRACKS);
    }

    private static Map<String, Object> single(String query, Map<String, Object> parameters) {
        List<Map<String, Object>> rows = rows(query, parameters);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static List<Map<String, Object>> rows(String query, Map<String, Object> parameters) {
        return db.executeTransactionally(query, parameters, result -> {
            List<Map<String, Object>> all = new ArrayList<>();
            result.forEachRemaining(all::add);
            return all;
        });
    }
}
