package org.musig.procedures.auto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.SandboxedPlugin;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A registration survives a restart of the database (its {@code (:MusigAutoEmbed)} node is registered again
 * when the database starts), and no embedding thread outlives a stopped database.
 */
class AutoEmbedRestartTest {
    private static final String AUDIO = "[0.5, 0.7, 5.0, -6.0, 1.0, 0.05, 0.1, 0.0, 0.1, 0.5, 120.0, 200000.0]";

    private Path home;
    private DatabaseManagementService dbms;

    @BeforeEach
    void createHome() throws IOException {
        home = Files.createTempDirectory("musig-auto-restart");
    }

    @AfterEach
    void shutdownAndDelete() throws IOException {
        if (dbms != null) {
            dbms.shutdown();
        }
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRegistrationIsRestoredWhenTheDatabaseStartsAgainAndStopsWithIt() throws Exception {
        GraphDatabaseService db = start();
        // 12 playlists of 4 tracks over 16 tracks (genres alternate), enough to train a tiny model.
        db.executeTransactionally("UNWIND range(0, 15) AS t CREATE (:Track {id: 't' + t, "
                + "audio: [t / 16.0, 0.5, 5.0, -6.0, 1.0, 0.05, 0.1, 0.0, 0.1, 0.5, 100.0 + t, 200000.0]})");
        db.executeTransactionally("UNWIND range(0, 11) AS p CREATE (pl:Playlist {id: 'p' + p, "
                + "genre: CASE WHEN p % 2 = 0 THEN 'pop' ELSE 'rock' END}) WITH pl, p "
                + "UNWIND range(0, 3) AS i MATCH (t:Track {id: 't' + ((p + i * (p % 3 + 1)) % 16)}) "
                + "MERGE (pl)-[:CONTAINS {position: i}]->(t)");
        db.executeTransactionally(
                "CALL musig.graph.build({minWeight: 1, graphName: 'g', writeRelationshipType: null})");
        db.executeTransactionally("CALL musig.train({graphName: 'g', modelName: 'small', epochs: 1, "
                + "maxPairsPerEpoch: 200, batchSize: 32, embeddingDimension: 8, sampleSizes: [3, 2], randomSeed: 1})");
        db.executeTransactionally(
                "CALL musig.embed.auto.start({modelName: 'small', writeProperty: 'v', debounceMillis: 50})");
        dbms.shutdown();
        dbms = null;
        assertThat(embedThreads()).as("threads after shutdown").isEmpty();

        db = start();
        waitFor(db, "CALL musig.embed.auto.list() YIELD modelName RETURN count(*) AS c", 1);
        List<Map<String, Object>> listed = query(db, "CALL musig.embed.auto.list()");
        assertThat(listed.get(0)).containsEntry("modelName", "small").containsEntry("writeProperty", "v")
                .containsEntry("debounceMillis", 50L).containsEntry("runs", 0L);

        db.executeTransactionally("MATCH (p:Playlist {id: 'p0'}) "
                + "CREATE (p)-[:CONTAINS {position: 9}]->(:Track {id: 'fresh', audio: " + AUDIO + "})");
        waitFor(db, "MATCH (t:Track {id: 'fresh'}) WHERE t.v IS NOT NULL RETURN count(t) AS c", 1);
        assertThat(((float[]) query(db, "MATCH (t:Track {id: 'fresh'}) RETURN t.v AS v").get(0).get("v"))).hasSize(8);
        assertThat(embedThreads()).as("one registration, one thread").hasSize(1);

        dbms.shutdown();
        dbms = null;
        assertThat(embedThreads()).as("threads after the second shutdown").isEmpty();
    }

    /** MUSIG from the plugins directory, sandboxed (see {@link SandboxedPlugin}). */
    private GraphDatabaseService start() throws Exception {
        dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 32L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.plugin_dir, SandboxedPlugin.pluginsDirectory(home.resolve("plugins")))
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, SandboxedPlugin.UNRESTRICTED)
                .setConfig(BoltConnector.enabled, false)
                .build();
        return dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    private static List<Map<String, Object>> query(GraphDatabaseService db, String cypher) {
        return db.executeTransactionally(cypher, Map.of(), r -> r.stream().toList());
    }

    private static void waitFor(GraphDatabaseService db, String countQuery, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (((Number) query(db, countQuery).get(0).get("c")).longValue() != expected) {
            assertThat(System.currentTimeMillis()).as(countQuery).isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    private static List<String> embedThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("musig-embed-auto")).toList();
    }
}
