package org.musig.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * {@code ./musig bench recommend}: latency of {@code musig.recommend} and {@code musig.recommend.fromTracks}
 * over Bolt (the driver an app uses), one client, many different seed playlists.
 */
final class RecommendBenchmark {
    private RecommendBenchmark() {
    }

    static void run(String boltUri, AuthToken auth, String property, int queries, PrintStream out) {
        try (Driver driver = GraphDatabase.driver(boltUri, auth);
             Session session = driver.session()) {
            long embedded =
                    session.run("MATCH (t:Track) WHERE t[$p] IS NOT NULL RETURN count(t) AS n", Map.of("p", property))
                            .single().get("n").asLong();
            if (embedded == 0) {
                throw new IllegalStateException(
                        "no track has the property '" + property + "': run ./musig bench train first "
                                + "(it writes it with musig.embed.write)");
            }
            List<String> playlists = new ArrayList<>(session.run("MATCH (p:Playlist) RETURN p.id AS id")
                    .list(r -> r.get("id").asString()));
            Collections.shuffle(playlists, new Random(42));
            List<String> seeds = playlists.subList(0, Math.min(queries, playlists.size()));
            out.printf(Locale.ROOT, "bench recommend: %,d tracks with '%s', %,d different playlists, over Bolt%n%n",
                    embedded, property, seeds.size());
            Map<String, Object> config = Map.of("k", 10, "property", property);
            // The first call builds the cached matrix; time it apart.
            long start = System.nanoTime();
            session.run("CALL musig.recommend($id, $c)", Map.of("id", seeds.get(0), "c", config)).list();
            double firstMillis = (System.nanoTime() - start) / 1e6;
            List<Map<String, Object>> lines = new ArrayList<>();
            lines.add(measure(session, "musig.recommend(playlistId)", seeds, id -> Map.of("id", id, "c", config),
                    "CALL musig.recommend($id, $c)"));
            lines.add(measure(session, "musig.recommend.fromTracks(5 ids)", seeds, id -> Map.of("ids",
                    session.run("MATCH (:Playlist {id: $id})-[:CONTAINS]->(t) RETURN t.id AS t LIMIT 5",
                            Map.of("id", id))
                            .list(r -> r.get("t").asString()),
                    "c", config),
                    "CALL musig.recommend.fromTracks($ids, $c)"));
            Table.print(out, lines);
            out.printf(Locale.ROOT, "%nfirst call (builds the cached matrix of %,d vectors): %.0f ms%n", embedded,
                    firstMillis);
        }
    }

    private static Map<String, Object> measure(Session session, String label, List<String> seeds,
                                               java.util.function.Function<String, Map<String, Object>> params,
                                               String cypher) {
        List<Map<String, Object>> prepared = seeds.stream().map(params).toList();
        double[] millis = new double[prepared.size()];
        long total = System.nanoTime();
        for (int i = 0; i < prepared.size(); i++) {
            long start = System.nanoTime();
            session.run(cypher, prepared.get(i)).list();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        double seconds = (System.nanoTime() - total) / 1e9;
        Latencies latencies = Latencies.of(millis);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("query", label);
        line.put("calls", millis.length);
        line.put("p50Ms", round(latencies.p50()));
        line.put("p99Ms", round(latencies.p99()));
        line.put("maxMs", round(latencies.max()));
        line.put("callsPerSecond", Math.round(millis.length / seconds));
        return line;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
