package org.musig.procedures.graph;

import static org.assertj.core.api.Assertions.assertThat;

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

        CompletableFuture<Throwable> build = failureOf(
                "CALL musig.graph.build({minWeight: 1, batchSize: 1000, graphName: 'stopped'})");
        awaitRunning("write CO_OCCURS relationships");
        Thread.sleep(300);
        long terminatedAt = terminate("CALL musig.graph.build");
        Throwable failure = build.get(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - terminatedAt) / 1e9;

        assertThat(failure).as("the build must fail when terminated").isNotNull();
        assertThat(seconds).isLessThan(2.0);
        assertThat(progressStatuses("musig.graph.build")).contains("TERMINATED");
        assertThat(query("CALL musig.graph.list('stopped') YIELD graphName RETURN graphName"))
                .as("a stopped build is not listed").isEmpty();

        // Running it again converges to the right set (a higher threshold keeps this rerun short).
        Map<String, Object> row = single("CALL musig.graph.build({minWeight: 6, graphName: 'stopped'})");
        assertThat((Long) row.get("relationshipCount")).isPositive();
        assertThat(count("MATCH ()-[r:CO_OCCURS]->() RETURN count(r)")).isEqualTo((Long) row.get("relationshipCount"));
    }
}
