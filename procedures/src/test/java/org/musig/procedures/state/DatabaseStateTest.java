package org.musig.procedures.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.SandboxedPlugin;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.database.NamedDatabaseId;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * MUSIG's in-memory state (built graphs, cached matrices, listed tasks) belongs to one database instance: a
 * database created again under the same name, or another one of that name in the same JVM, sees none of it,
 * and a stopped database leaves nothing behind.
 */
class DatabaseStateTest {
    private static final String NAME = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;

    private final List<Path> homes = new ArrayList<>();
    private final List<DatabaseManagementService> running = new ArrayList<>();

    @AfterEach
    void shutdownAndDelete() throws IOException {
        running.forEach(DatabaseManagementService::shutdown);
        for (Path home : homes) {
            try (var paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aDatabaseCreatedAgainUnderTheSameNameSeesNoneOfTheOldState() throws IOException {
        DatabaseManagementService first = start();
        GraphDatabaseService old = first.database(NAME);
        NamedDatabaseId oldId = ((GraphDatabaseAPI) old).databaseId();
        withGraphAndMatrix(old);
        assertThat(query(old, "CALL musig.graph.list() YIELD graphName RETURN graphName")).hasSize(1);
        stop(first);
        assertThat(DatabaseScopes.isOpen(oldId)).as("state of the stopped database").isFalse();

        GraphDatabaseService recreated = start().database(NAME);
        assertThat(((GraphDatabaseAPI) recreated).databaseId()).isNotEqualTo(oldId);
        assertThat(recreated.databaseName()).isEqualTo(old.databaseName());
        assertNothingOf(recreated);
    }

    @Test
    void twoDatabasesOfTheSameNameInOneJvmShareNothing() throws IOException {
        GraphDatabaseService a = start().database(NAME);
        GraphDatabaseService b = start().database(NAME);
        withGraphAndMatrix(a);
        assertNothingOf(b);
        assertThat(query(a, "CALL musig.graph.list() YIELD graphName RETURN graphName")).hasSize(1);
    }

    /** Community cannot stop one database (STOP DATABASE is Enterprise), so the whole DBMS stops and starts again. */
    @Test
    void aRestartedDatabaseStartsWithNoStateOfItsPreviousRun() throws IOException {
        Path home = newHome();
        DatabaseManagementService dbms = start(home);
        GraphDatabaseService db = dbms.database(NAME);
        NamedDatabaseId id = ((GraphDatabaseAPI) db).databaseId();
        withGraphAndMatrix(db);
        stop(dbms);
        assertThat(DatabaseScopes.isOpen(id)).as("state while the database is stopped").isFalse();

        GraphDatabaseService again = start(home).database(NAME);
        assertThat(((GraphDatabaseAPI) again).databaseId()).as("the same database").isEqualTo(id);
        assertThat(query(again, "CALL musig.graph.list() YIELD graphName RETURN graphName")).isEmpty();
        assertThat(query(again, "CALL musig.listProgress() YIELD taskName RETURN taskName")).isEmpty();
    }

    /** A built graph, a cached matrix and a finished task in {@code db}. */
    private static void withGraphAndMatrix(GraphDatabaseService db) {
        db.executeTransactionally("UNWIND range(0, 11) AS t CREATE (:Track {id: 't' + t, v: [1.0, t / 12.0]})");
        db.executeTransactionally("UNWIND range(0, 5) AS p CREATE (pl:Playlist {id: 'p' + p}) WITH pl, p "
                + "UNWIND range(0, 3) AS i MATCH (t:Track {id: 't' + ((p + i * 2) % 12)}) "
                + "MERGE (pl)-[:CONTAINS {position: i}]->(t)");
        db.executeTransactionally(
                "CALL musig.graph.build({minWeight: 1, graphName: 'g', writeRelationshipType: null})");
        assertThat(query(db, "CALL musig.similar('t0', {k: 1, property: 'v'}) YIELD trackId RETURN trackId"))
                .hasSize(1);
        assertThat(query(db, "CALL musig.listProgress() YIELD taskName RETURN taskName")).isNotEmpty();
    }

    private static void assertNothingOf(GraphDatabaseService db) {
        assertThat(query(db, "CALL musig.graph.list() YIELD graphName RETURN graphName")).isEmpty();
        assertThat(query(db, "CALL musig.listProgress() YIELD taskName RETURN taskName")).isEmpty();
        assertThatThrownBy(() -> query(db, "CALL musig.train({graphName: 'g', modelName: 'm'})"))
                .hasMessageContaining("no MUSIG graph named 'g'");
        // A track of this database at a node id the other one's matrix also held: the answer is this database's.
        db.executeTransactionally("CREATE (:Track {id: 'mine', v: [0.0, 1.0]}), (:Track {id: 'other', v: [0.1, 1.0]})");
        assertThat(query(db, "CALL musig.similar('mine', {k: 5, property: 'v'}) YIELD trackId RETURN trackId"))
                .extracting(r -> r.get("trackId")).containsExactly("other");
    }

    private Path newHome() throws IOException {
        Path home = Files.createTempDirectory("musig-state");
        homes.add(home);
        return home;
    }

    private DatabaseManagementService start() throws IOException {
        return start(newHome());
    }

    /** MUSIG from the plugins directory, sandboxed (see {@link SandboxedPlugin}). */
    private DatabaseManagementService start(Path home) {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 32L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.plugin_dir, SandboxedPlugin.pluginsDirectory(home.resolve("plugins")))
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, SandboxedPlugin.UNRESTRICTED)
                .setConfig(BoltConnector.enabled, false)
                .build();
        running.add(dbms);
        return dbms;
    }

    private void stop(DatabaseManagementService dbms) {
        running.remove(dbms);
        dbms.shutdown();
    }

    private static List<Map<String, Object>> query(GraphDatabaseService db, String cypher) {
        return db.executeTransactionally(cypher, Map.of(), r -> r.stream().toList());
    }
}
