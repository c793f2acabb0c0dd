package org.musig.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.generator.GenerationResult;
import org.musig.generator.GeneratorConfig;
import org.musig.generator.SyntheticPlaylistGenerator;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * kill -9 of the server (what {@code ./musig serve} runs, in a child JVM) in the middle of musig.load.mpd,
 * musig.graph.build, musig.train and musig.embed.write: after each, the restarted database opens, no
 * half-written model is listed, and running the call again gives exactly what an uninterrupted run gives. The
 * training and the embedding write are killed together, to save a server start.
 */
class CrashRecoveryTest {
    private static final String TRAIN = "graphName: 'g', epochs: 2, maxPairsPerEpoch: 3000, batchSize: 256, "
            + "embeddingDimension: 16, sampleSizes: [5, 3], randomSeed: 11";

    @TempDir
    Path dir;

    private Process server;
    private Driver driver;
    private int serverStarts;

    @Test
    void killedMidCallTheDatabaseRecoversAndARerunGivesTheUninterruptedResult() throws Exception {
        Path importDir = Files.createDirectories(dir.resolve("import"));
        GenerationResult data = new SyntheticPlaylistGenerator(GeneratorConfig.builder().playlists(1500).tracks(10_000)
                .genres(8).meanPlaylistLength(40).playlistsPerSlice(250).seed(5).build())
                .generate(importDir.resolve("mpd"));
        try {
            // 1. musig.load.mpd, killed once some batches are committed.
            startServer();
            CompletableFuture<Throwable> load = inBackground("CALL musig.load.mpd('mpd', {batchSize: 1000})");
            killOnce(List.of(load), () -> count("MATCH ()-[r:CONTAINS]->() RETURN count(r)") > 0, "musig.load.mpd");
            startServer();
            assertThat(count("MATCH ()-[r:CONTAINS]->() RETURN count(r)")).as("committed batches survive")
                    .isPositive().isLessThan(data.memberships());
            run("CALL musig.load.mpd('mpd', {batchSize: 1000})");
            assertThat(count("MATCH (p:Playlist) RETURN count(p)")).isEqualTo(data.playlists());
            assertThat(count("MATCH (t:Track) RETURN count(t)")).isEqualTo(data.distinctTracks());
            assertThat(count("MATCH ()-[r:CONTAINS]->() RETURN count(r)")).isEqualTo(data.memberships());
            run("CALL musig.load.features('mpd/track_features.csv')");

            phase("load");
            // 2. musig.graph.build, killed while it writes CO_OCCURS relationships.
            CompletableFuture<Throwable> build =
                    inBackground("CALL musig.graph.build({graphName: 'g', minWeight: 2, batchSize: 500})");
            killOnce(List.of(build), () -> count("MATCH ()-[r:CO_OCCURS]->() RETURN count(r)") > 0,
                    "musig.graph.build");
            startServer();
            long kept = count("MATCH ()-[r:CO_OCCURS]->() RETURN count(r)");
            long expected =
                    single("CALL musig.graph.build({graphName: 'g', minWeight: 2})").get("relationshipCount").asLong();
            assertThat(kept).as("the killed build had written part of the relationships").isPositive()
                    .isLessThan(expected);
            assertThat(count("MATCH ()-[r:CO_OCCURS]->() RETURN count(r)")).isEqualTo(expected);
            assertThat(count("MATCH (a)-[r:CO_OCCURS]->(b) WITH a, b, count(r) AS n WHERE n > 1 OR id(a) > id(b) "
                    + "RETURN count(*)")).as("no duplicate or reversed relationship").isZero();
            assertThat(single("CALL musig.graph.build({graphName: 'g', minWeight: 2})").get("relationshipsCreated")
                    .asLong())
                    .as("a further build changes nothing").isZero();

            phase("graph.build");
            // 3 and 4. musig.train in the middle of its epochs and musig.embed.write between its batch commits,
            // killed together (one restart for both): no half-trained model is stored, and the vectors written so
            // far are replaced by the rerun's.
            Record first = single("CALL musig.train({modelName: 'm', " + TRAIN + "})");
            CompletableFuture<Throwable> train = inBackground("CALL musig.train({graphName: 'g', modelName: 'long', "
                    + "epochs: 1000, tolerance: 0.0})");
            await(() -> train.isDone() || running("musig.train: epoch"), 300, "musig.train to be in its epochs");
            CompletableFuture<Throwable> embed =
                    inBackground("CALL musig.embed.write({modelName: 'm', batchSize: 10})");
            killOnce(List.of(train, embed),
                    () -> count("MATCH (t:Track) WHERE t.musig IS NOT NULL RETURN count(t)") > 0,
                    "musig.train and musig.embed.write");
            startServer();
            assertThat(list("CALL musig.model.list() YIELD modelName RETURN modelName", Map.of()))
                    .extracting(r -> r.get(0).asString()).as("no half-trained model").containsExactly("m");
            long tracks = count("MATCH (t:Track) RETURN count(t)");
            assertThat(count("MATCH (t:Track) WHERE t.musig IS NOT NULL RETURN count(t)")).isPositive()
                    .isLessThan(tracks);
            run("CALL musig.graph.build({graphName: 'g', minWeight: 2})"); // the graph catalog lives in memory
            Record again = single("CALL musig.train({modelName: 'reference', " + TRAIN + "})");
            assertThat(first.get("lossPerEpoch").asMap()).isEqualTo(again.get("lossPerEpoch").asMap());
            run("CALL musig.embed.write({modelName: 'm'})");
            run("CALL musig.embed.write({modelName: 'reference', writeProperty: 'uninterrupted'})");
            assertThat(count("MATCH (t:Track) WHERE t.musig IS NOT NULL AND t.musig = t.uninterrupted RETURN count(t)"))
                    .as("every track has exactly the uninterrupted run's vector").isEqualTo(tracks);

            phase("train + embed.write");
        } finally {
            stopServer();
        }
    }

    private String boltUri;
    private long phaseStart = System.nanoTime();

    /** Prints how long each part took (the test's output in target/surefire-reports). */
    private void phase(String name) {
        System.out.printf("%s: %.1f s (%d server starts so far)%n", name, (System.nanoTime() - phaseStart) / 1e9,
                serverStarts);
        phaseStart = System.nanoTime();
    }

    private void startServer() throws Exception {
        stopServer();
        int bolt = ChildJvm.freePort();
        boltUri = "bolt://127.0.0.1:" + bolt;
        Path output = dir.resolve("server-" + (++serverStarts) + ".out");
        server = ChildJvm.start(System.getProperty("java.class.path"), "2g", output, Main.class.getName(), "serve",
                "--data", dir.resolve("data").toString(), "--import", dir.resolve("import").toString(),
                "--bolt-port", String.valueOf(bolt), "--http-port", String.valueOf(ChildJvm.freePort()));
        ChildJvm.awaitOutput(server, output, "MUSIG for Neo4j is ready.", 180);
        // ./musig serve requires the password it generated at its first start and keeps in the data directory.
        String password = Files.readString(dir.resolve("data").resolve("neo4j-password")).strip();
        driver = GraphDatabase.driver(boltUri, AuthTokens.basic("neo4j", password));
    }

    /** SIGKILL once {@code midway} holds while every one of {@code calls} still runs; fails if one ended first. */
    private void killOnce(List<CompletableFuture<Throwable>> calls, BooleanSupplier midway, String what)
            throws Exception {
        await(() -> calls.stream().anyMatch(CompletableFuture::isDone) || midway.getAsBoolean(), 300,
                what + " to be midway");
        assertThat(calls).as(what + " finished before it could be killed").noneMatch(CompletableFuture::isDone);
        // SIGKILL first: no shutdown hook, no checkpoint. Closing the client first would let the server see the
        // disconnect and undo the call's committed batches (embed.write restores them) before it died.
        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        driver.close();
        driver = null;
        for (CompletableFuture<Throwable> call : calls) {
            assertThat(call.get(30, TimeUnit.SECONDS)).as(what + " must fail when the server dies").isNotNull();
        }
    }

    private void stopServer() throws InterruptedException {
        if (driver != null) {
            driver.close();
            driver = null;
        }
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private CompletableFuture<Throwable> inBackground(String cypher) {
        Driver own = driver;
        return CompletableFuture.supplyAsync(() -> {
            try (Session s = own.session()) {
                s.run(cypher).consume();
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
    }

    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private boolean running(String stage) {
        return !list("CALL musig.listProgress() YIELD taskName, status WHERE status = 'RUNNING' "
                + "AND taskName STARTS WITH $stage RETURN taskName", Map.of("stage", stage)).isEmpty();
    }

    private List<Record> list(String cypher, Map<String, Object> params) {
        try (Session s = driver.session()) {
            return s.run(cypher, params).list();
        }
    }

    private void run(String cypher) {
        try (Session s = driver.session()) {
            s.run(cypher).consume();
        }
    }

    private Record single(String cypher) {
        try (Session s = driver.session()) {
            return s.run(cypher).single();
        }
    }

    private long count(String cypher) {
        return single(cypher).get(0).asLong();
    }
}
