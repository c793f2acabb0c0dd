package org.musig.procedures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * One real in-process Neo4j per test class, with GDS registered, the MUSIG procedures loaded from its plugins
 * directory ({@link SandboxedPlugin}), an import directory of its own, and the uniqueness constraints the
 * loaders merge on ({@code CALL musig.schema.create()}, as a user does once per database). Only GDS is
 * unrestricted ({@code dbms.security.procedures.unrestricted=gds.*}): a MUSIG procedure that asked for an
 * internal component would be registered as a stub that fails every call, so every test on this class also
 * checks that MUSIG runs sandboxed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MusigDatabase {
    /** Created once per class (a @TempDir field would be replaced before every test method). */
    protected Path importDir;

    private Path pluginsDir;

    protected Neo4j neo4j;

    @BeforeAll
    void startDatabase() throws IOException {
        importDir = Files.createTempDirectory("musig-import");
        pluginsDir = SandboxedPlugin.pluginsDirectory(Files.createTempDirectory("musig-plugins"));
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer() // no HTTP; Bolt round trips are tested against the launcher's server
                .withConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .withConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .withConfig(GraphDatabaseSettings.plugin_dir, pluginsDir)
                .withConfig(GraphDatabaseSettings.procedure_unrestricted, SandboxedPlugin.UNRESTRICTED)
                // The harness otherwise waits ~10 s for Netty's quiet period on close.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1));
        neo4j = configure(builder).build();
        db().executeTransactionally("CALL musig.schema.create()");
    }

    /** A test class's own server settings, on top of the ones above. */
    protected Neo4jBuilder configure(Neo4jBuilder builder) {
        return builder;
    }

    @AfterAll
    void stopDatabase() {
        if (neo4j != null) {
            neo4j.close();
        }
        deleteRecursively(importDir);
        deleteRecursively(pluginsDir);
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    protected GraphDatabaseService db() {
        return neo4j.defaultDatabaseService();
    }

    protected void clearGraph() {
        db().executeTransactionally("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
    }

    protected List<Map<String, Object>> query(String cypher, Map<String, Object> params) {
        return db().executeTransactionally(cypher, params, r -> r.stream().toList());
    }

    protected List<Map<String, Object>> query(String cypher) {
        return query(cypher, Map.of());
    }

    protected Map<String, Object> single(String cypher, Map<String, Object> params) {
        List<Map<String, Object>> rows = query(cypher, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + cypher + ", got " + rows.size());
        }
        return rows.get(0);
    }

    protected Map<String, Object> single(String cypher) {
        return single(cypher, Map.of());
    }

    protected long count(String cypher) {
        return ((Number) single(cypher).values().iterator().next()).longValue();
    }

    /** Runs {@code cypher} on another thread; the future gives its failure, or null when it succeeded. */
    protected CompletableFuture<Throwable> failureOf(String cypher) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                query(cypher);
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
    }

    /** Waits (up to a minute) until a running task in musig.listProgress() has {@code stage} in its name. */
    protected void awaitRunning(String stage) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (query(
                "CALL musig.listProgress() YIELD taskName, status WHERE status = 'RUNNING' AND taskName CONTAINS $stage "
                        + "RETURN taskName",
                Map.of("stage", stage)).isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no running task reached '" + stage + "' within a minute");
            }
            Thread.sleep(10);
        }
    }

    /** Terminates the one running query that starts with {@code prefix}; returns when that was asked, in nanos. */
    protected long terminate(String prefix) {
        List<Map<String, Object>> running = query("SHOW TRANSACTIONS YIELD transactionId, currentQuery "
                + "WHERE currentQuery STARTS WITH $prefix RETURN transactionId", Map.of("prefix", prefix));
        if (running.size() != 1) {
            throw new AssertionError(
                    "expected one running query starting with '" + prefix + "', found " + running.size());
        }
        long at = System.nanoTime();
        query("TERMINATE TRANSACTIONS $id", Map.of("id", running.get(0).get("transactionId")));
        return at;
    }

    /** The statuses musig.listProgress() lists for tasks whose name starts with {@code owner}. */
    protected List<Object> progressStatuses(String owner) {
        return query("CALL musig.listProgress() YIELD taskName, status WHERE taskName STARTS WITH $owner RETURN status",
                Map.of("owner", owner)).stream().map(r -> r.get("status")).toList();
    }

    protected Path writeImportFile(String relative, String content) {
        try {
            Path file = importDir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unzips the bundled real TidyTuesday dataset into the import directory; returns its file name. */
    protected String importTidyTuesday() {
        Path target = importDir.resolve("spotify_songs.csv");
        if (Files.exists(target)) {
            return target.getFileName().toString();
        }
        Path zip = repositoryRoot().resolve("datasets/tidytuesday-spotify-songs/spotify_songs.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().endsWith("spotify_songs.csv")) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target.getFileName().toString();
    }

    protected static Path repositoryRoot() {
        String root = System.getProperty("musig.root");
        Path path = root != null ? Path.of(root) : Path.of("..");
        if (!Files.exists(path.resolve("datasets"))) {
            path = Path.of("..").toAbsolutePath().normalize();
        }
        return path;
    }
}
