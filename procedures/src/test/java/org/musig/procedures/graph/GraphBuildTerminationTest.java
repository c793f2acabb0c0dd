package org.musig.procedures.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

class GraphBuildTerminationTest extends MusigDatabase {

    @Test
    void aTerminatedBuildStopsWithinTwoSecondsAndIsListedAsTerminated() throws Exception {
        // 2,000 playlists of 60 tracks from 1,500: minWeight 1 keeps hundreds of thousands of pairs to write.
        query("UNWIND range(0, 1499) AS t CREATE (:Track {id: 't' + t})");
        query("MATCH (t:Track) WITH collect(t) AS tracks UNWIND range(0, 1999) AS n CREATE (p:Playlist {id: 'p' + n}) "
                + "WITH p, n, tracks UNWIND range(0, 59) AS i "
                + "WITH p, i, tracks[(n * 7919 + i * 104729) % 1500] AS track CREATE (p)-[:CONTAINS {position: i}]->(track)");

        CompletableFuture<Throwable> build = CompletableFuture.supplyAsync(() -> {
            try {
                query("CALL musig.graph.build({minWeight: 1, batchSize: 1000, graphName: 'stopped'})");
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        awaitProgress("write CO_OCCURS relationships");
        List<Map<String, Object>> running = query("SHOW TRANSACTIONS YIELD transactionId, currentQuery "
                + "WHERE currentQuery STARTS WITH 'CALL musig.graph.build' RETURN transactionId");
        assertThat(running).hasSize(1);
        long terminatedAt = System.nanoTime();
        query("TERMINATE TRANSACTIONS $id", Map.of("id", running.get(0).get("transactionId")));
        Throwable failure = build.get(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - terminatedAt) / 1e9;

        assertThat(failure).as("the build must fail when terminated").isNotNull();
        assertThat(seconds).isLessThan(2.0);
        assertThat(query("CALL musig.listProgress() YIELD taskName, status WHERE taskName STARTS WITH 'musig.graph.build' "
                + "RETURN status")).extracting(r -> r.get("status")).contains("TERMINATED");
        assertThat(query("CALL musig.graph.list('stopped') YIELD graphName RETURN graphName"))
                .as("a stopped build is not listed").isEmpty();

        // Running it again converges to the right set (a higher threshold keeps this rerun short).
        Map<String, Object> row = single("CALL musig.graph.build({minWeight: 6, graphName: 'stopped'})");
        assertThat((Long) row.get("relationshipCount")).isPositive();
        assertThat(count("MATCH ()-[r:CO_OCCURS]->() RETURN count(r)")).isEqualTo((Long) row.get("relationshipCount"));
    }

    private void awaitProgress(String stage) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            boolean reached = query("CALL musig.listProgress() YIELD taskName, status WHERE status = 'RUNNING' "
                    + "AND taskName CONTAINS $stage RETURN taskName", Map.of("stage", stage)).size() == 1;
            if (reached) {
                Thread.sleep(300);
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the build never reached '" + stage + "'");
    }
}
