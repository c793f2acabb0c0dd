package org.musig.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.musig.app.server.EmbeddedServer;
import org.musig.loaders.GraphModel;
import org.musig.procedures.PropertyValues;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.storageengine.api.TransactionIdStore;

/**
 * {@code ./musig bench load-recommend}: many Bolt clients call {@code musig.recommend} and
 * {@code musig.recommend.fromTracks} while a {@code musig.train} and a {@code musig.embed.write} run in the
 * same database. Reports throughput and latency, counts failed calls, and checks every answer against the
 * property's vectors before and after the write: an answer must come wholly from the old or wholly from
 * the new vectors, never from a mix.
 */
final class LoadRecommendBenchmark {
    /** The knobs of one run; the models and graph names are fixed so later runs reuse the models. */
    record Settings(int clients, int seconds, String property, long trainPairs, int verify) {
    }

    static final String GRAPH = "musig-load";
    static final String OLD_MODEL = "load-old";
    static final String NEW_MODEL = "load-new";
    static final String BACKGROUND_MODEL = "load-background";
    private static final int POOL = 2000;
    private static final java.util.concurrent.atomic.AtomicLong SEEDS =
            new java.util.concurrent.atomic.AtomicLong(1000);

    /** A seed playlist: its id and its tracks' rows. */
    private record Playlist(String id, int[] tracks) {
    }

    /** One client call: what was asked, what came back (as track rows) and when. */
    private record Call(boolean fromTracks, long start, long end, int[] seeds, int[] returned, double[] scores,
                        String error) {
        double millis() {
            return (end - start) / 1e6;
        }
    }

    /** A background procedure call: its times, result row or error. */
    private static final class Background implements Runnable {
        private final GraphDatabaseService db;
        private final String cypher;
        private final Map<String, Object> params;
        volatile long start;
        volatile long end;
        volatile Map<String, Object> row;
        volatile String error;

        Background(GraphDatabaseService db, String cypher, Map<String, Object> params) {
            this.db = db;
            this.cypher = cypher;
            this.params = params;
        }

        @Override
        public void run() {
            try {
                start = System.nanoTime();
                row = db.executeTransactionally(cypher, params, r -> r.next());
            } catch (Exception e) {
                error = rootMessage(e);
            } finally {
                end = System.nanoTime();
            }
        }

        double seconds() {
            return (end - start) / 1e9;
        }
    }

    private LoadRecommendBenchmark() {
    }

    /** @return 0 when no call failed and no answer mixed old and new vectors, else 1 */
    static int run(EmbeddedServer server, Settings settings, PrintStream out) throws Exception {
        GraphDatabaseService db = server.database();
        String property = settings.property();
        out.printf(Locale.ROOT, "bench load-recommend: %d Bolt clients for %d s, %d cores, max heap %.1f GiB%n%n",
                settings.clients(), settings.seconds(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30));

        // Setup (not timed): a graph to train on, two models, the old model's vectors in the property.
        long t = System.nanoTime();
        db.executeTransactionally("CALL musig.graph.build({graphName: $g, minWeight: 10, writeRelationshipType: null, "
                + "project: false}) YIELD nodeCount RETURN nodeCount", Map.of("g", GRAPH), r -> r.next());
        out.printf(Locale.ROOT, "setup: graph '%s' built in memory in %.1f s%n", GRAPH, since(t));
        ensureModel(db, OLD_MODEL, 1, settings.trainPairs(), out);
        ensureModel(db, NEW_MODEL, 2, settings.trainPairs(), out);
        t = System.nanoTime();
        db.executeTransactionally("CALL musig.embed.write({modelName: $m, writeProperty: $p}) YIELD nodeCount "
                + "RETURN nodeCount", Map.of("m", OLD_MODEL, "p", property), r -> r.next());
        out.printf(Locale.ROOT, "setup: '%s' vectors written to Track.%s in %.1f s%n", OLD_MODEL, property, since(t));
        Map<String, Integer> rows = new HashMap<>();
        float[][] oldUnits = AnswerConsistency.units(readVectors(db, property, rows));
        List<Playlist> playlists = playlistPool(db, rows);
        out.printf(Locale.ROOT, "setup: %,d tracks' old vectors read; %,d random playlists as seeds%n", rows.size(),
                playlists.size());

        Call warm;
        try (Driver driver = GraphDatabase.driver(server.boltUri(), server.authToken())) {
            String[] ids = trackIds(rows);
            try (Session session = driver.session()) {
                warm = call(session, false, playlists.get(0), ids, rows, property, new Random(0));
            }
            out.printf(Locale.ROOT, "setup: first call (builds the cached matrix) %.0f ms%n%n", warm.millis());

            Workload workload = new Workload(driver, playlists, ids, rows, property);
            // A sample before the write: one call per client.
            List<Call> calls = new ArrayList<>(workload.run(settings.clients(), 1, Long.MAX_VALUE));

            // The write starts first, unloaded: on 2 cores, 32 CPU-bound clients leave one writer thread about
            // 1/33 of the machine, so its minutes of reading and embedding would outlast any load window and
            // no batch would commit inside it. The load starts when its first batch has committed.
            Background embed = new Background(db, "CALL musig.embed.write({modelName: $m, writeProperty: $p}) "
                    + "YIELD nodeCount, writeMillis RETURN nodeCount, writeMillis",
                    Map.of("m", NEW_MODEL, "p", property));
            Thread embedThread = new Thread(embed, "load-embed-write");
            long before = lastCommittedTransaction(db);
            embedThread.start();
            while (embed.end == 0 && lastCommittedTransaction(db) == before) {
                Thread.sleep(20);
            }
            out.printf(Locale.ROOT, "musig.embed.write of '%s' started; its first batch committed after %.1f s: "
                    + "the load starts%n", NEW_MODEL, since(embed.start));

            Background train = new Background(db, "CALL musig.train($c) YIELD trainMillis RETURN trainMillis",
                    Map.of("c", trainConfig(BACKGROUND_MODEL, 3, settings.trainPairs())));
            Thread trainThread = new Thread(train, "load-train");
            long loadStart = System.nanoTime();
            trainThread.start();
            List<Call> load = workload.run(settings.clients(), Integer.MAX_VALUE,
                    loadStart + settings.seconds() * 1_000_000_000L);
            long loadEnd = System.nanoTime();
            calls.addAll(load);
            out.printf(Locale.ROOT, "load: %,d calls in %.1f s; waiting for the write and the training to end%n",
                    load.size(), (loadEnd - loadStart) / 1e9);
            embedThread.join();
            trainThread.join();
            // A sample after the write: one call per client.
            calls.addAll(workload.run(settings.clients(), 1, Long.MAX_VALUE));

            t = System.nanoTime();
            float[][] newUnits = AnswerConsistency.units(readVectors(db, property, rows));
            out.printf(Locale.ROOT, "new vectors read in %.1f s%n%n", since(t));
            return report(out, settings, calls, load, loadStart, loadEnd, train, embed,
                    new AnswerConsistency(oldUnits, newUnits));
        }
    }

    @SuppressWarnings("deprecation")
    private static long lastCommittedTransaction(GraphDatabaseService db) {
        return ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(TransactionIdStore.class)
                .getLastCommittedTransactionId();
    }

    /** The clients' side: random seed playlists from the pool, one Bolt session per client thread. */
    private record Workload(Driver driver, List<Playlist> playlists, String[] ids, Map<String, Integer> rows,
                            String property) {
        /** Each of {@code clients} threads makes up to {@code callsEach} calls, alternating the two queries, until the deadline. */
        List<Call> run(int clients, int callsEach, long deadlineNanos) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<List<Call>>> futures = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    Callable<List<Call>> loop = () -> {
                        Random random = new Random(SEEDS.incrementAndGet());
                        List<Call> calls = new ArrayList<>();
                        try (Session session = driver.session()) {
                            for (int n = 0; n < callsEach && System.nanoTime() < deadlineNanos; n++) {
                                calls.add(call(session, (client + n) % 2 == 1,
                                        playlists.get(random.nextInt(playlists.size())), ids, rows, property, random));
                            }
                        }
                        return calls;
                    };
                    futures.add(pool.submit(loop));
                }
                List<Call> calls = new ArrayList<>();
                for (Future<List<Call>> f : futures) {
                    calls.addAll(f.get());
                }
                return calls;
            } finally {
                pool.shutdown();
            }
        }
    }

    /** One recommend (seeded with the playlist's tracks) or fromTracks (5 of them) call; errors are recorded. */
    private static Call call(Session session, boolean fromTracks, Playlist playlist, String[] ids,
                             Map<String, Integer> rows, String property, Random random) {
        int[] seeds = fromTracks ? pick(playlist.tracks(), 5, random) : playlist.tracks();
        Map<String, Object> config = Map.of("k", 10, "property", property);
        Map<String, Object> params = fromTracks
                ? Map.of("ids", Arrays.stream(seeds).mapToObj(r -> ids[r]).toList(), "c", config)
                : Map.of("id", playlist.id(), "c", config);
        String cypher = fromTracks
                ? "CALL musig.recommend.fromTracks($ids, $c) YIELD trackId, score RETURN trackId, score"
                : "CALL musig.recommend($id, $c) YIELD trackId, score RETURN trackId, score";
        long start = System.nanoTime();
        try {
            List<org.neo4j.driver.Record> records = session.run(cypher, params).list();
            long end = System.nanoTime();
            int[] returned = new int[records.size()];
            double[] scores = new double[records.size()];
            for (int i = 0; i < returned.length; i++) {
                Integer row = rows.get(records.get(i).get("trackId").asString());
                returned[i] = row == null ? -1 : row;
                scores[i] = records.get(i).get("score").asDouble();
            }
            if (Arrays.stream(returned).anyMatch(r -> r < 0)) {
                return new Call(fromTracks, start, end, seeds, null, null, "returned a track id that has no vector");
            }
            return new Call(fromTracks, start, end, seeds, returned, scores, null);
        } catch (Exception e) {
            return new Call(fromTracks, start, System.nanoTime(), seeds, null, null, rootMessage(e));
        }
    }

    private static int[] pick(int[] tracks, int count, Random random) {
        if (tracks.length <= count) {
            return tracks;
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < tracks.length; i++) {
            positions.add(i);
        }
        Collections.shuffle(positions, random);
        return positions.subList(0, count).stream().mapToInt(i -> tracks[i]).toArray();
    }

    private static void ensureModel(GraphDatabaseService db, String name, long seed, long pairs, PrintStream out) {
        long existing = db.executeTransactionally("CALL musig.model.list($m) YIELD modelName RETURN count(*) AS n",
                Map.of("m", name), r -> ((Number) r.next().get("n")).longValue());
        if (existing > 0) {
            out.printf("setup: model '%s' exists (kept from an earlier run)%n", name);
            return;
        }
        long t = System.nanoTime();
        db.executeTransactionally("CALL musig.train($c) YIELD trainMillis RETURN trainMillis",
                Map.of("c", trainConfig(name, seed, pairs)), r -> r.next());
        out.printf(Locale.ROOT, "setup: model '%s' trained (randomSeed %d) in %.1f s%n", name, seed, since(t));
    }

    private static Map<String, Object> trainConfig(String model, long seed, long pairs) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("graphName", GRAPH);
        config.put("modelName", model);
        config.put("overwrite", true);
        config.put("epochs", 1);
        config.put("maxPairsPerEpoch", pairs);
        config.put("randomSeed", seed);
        return config;
    }

    /**
     * The property's vector of every track, by row. The first read numbers the tracks that have a vector
     * (into {@code rows}); later reads use the same numbering.
     */
    private static float[][] readVectors(GraphDatabaseService db, String property, Map<String, Integer> rows) {
        boolean numbering = rows.isEmpty();
        List<float[]> byRow = new ArrayList<>();
        float[][] vectors = numbering ? null : new float[rows.size()][];
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> tracks = tx.findNodes(GraphModel.TRACK)) {
            while (tracks.hasNext()) {
                Node track = tracks.next();
                float[] vector = PropertyValues.floatVector(track.getProperty(property, null));
                Object id = track.getProperty(GraphModel.ID, null);
                if (vector == null || !(id instanceof String trackId)) {
                    continue;
                }
                if (numbering) {
                    rows.put(trackId, byRow.size());
                    byRow.add(vector);
                } else if (rows.containsKey(trackId)) {
                    vectors[rows.get(trackId)] = vector;
                }
            }
        }
        return numbering ? byRow.toArray(new float[0][]) : vectors;
    }

    private static String[] trackIds(Map<String, Integer> rows) {
        String[] ids = new String[rows.size()];
        rows.forEach((id, row) -> ids[row] = id);
        return ids;
    }

    /** Up to POOL random playlists (fixed seed) with their tracks that have a vector. */
    private static List<Playlist> playlistPool(GraphDatabaseService db, Map<String, Integer> rows) {
        List<String> ids = db.executeTransactionally("MATCH (p:Playlist) RETURN p.id AS id", Map.of(),
                r -> r.stream().map(m -> (String) m.get("id")).collect(java.util.stream.Collectors.toList()));
        Collections.shuffle(ids, new Random(42));
        List<String> chosen = ids.subList(0, Math.min(POOL, ids.size()));
        return db.executeTransactionally("UNWIND $ids AS id MATCH (:Playlist {id: id})-[:CONTAINS]->(t:Track) "
                + "RETURN id, collect(t.id) AS tracks ORDER BY id", Map.of("ids", chosen),
                r -> r.stream()
                        .map(m -> new Playlist((String) m.get("id"), ((List<?>) m.get("tracks")).stream()
                                .map(rows::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue)
                                .toArray()))
                        .filter(p -> p.tracks().length > 0)
                        .toList());
    }

    /**
     * @param calls every call: the samples before and after the write and the load
     * @param load  the calls of the load window alone (throughput and latency)
     */
    private static int report(PrintStream out, Settings settings, List<Call> calls, List<Call> load, long loadStart,
                              long loadEnd, Background train, Background embed, AnswerConsistency check) {
        double loadSeconds = (loadEnd - loadStart) / 1e9;
        long writeStart = embed.start;
        long writeEnd = embed.end;
        out.printf(Locale.ROOT, "Load window: %d clients for %.1f s, over Bolt (the write ran %.1f s of it):%n",
                settings.clients(), loadSeconds, (Math.min(writeEnd, loadEnd) - loadStart) / 1e9);
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(latency("musig.recommend(playlistId)", load, c -> !c.fromTracks(), loadSeconds));
        lines.add(latency("musig.recommend.fromTracks(5 ids)", load, Call::fromTracks, loadSeconds));
        lines.add(latency("all", load, c -> true, loadSeconds));
        Table.print(out, lines);

        String[] phases = {"before the write", "during the write", "after the write"};
        long checkStart = System.nanoTime();
        Map<Call, AnswerConsistency.Verdict> verdicts = new HashMap<>();
        List<List<Call>> byPhase = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Call c : calls) {
            int phase = c.end() < writeStart ? 0 : c.start() > writeEnd ? 2 : 1;
            byPhase.get(phase).add(c);
            if (c.error() == null) {
                verdicts.put(c, check.classify(c.seeds(), c.returned(), c.scores()));
            }
        }
        out.printf(Locale.ROOT, "%nConsistency of every answer against the vectors of Track.%s before and after the "
                + "write (old / new / MIXED):%n", settings.property());
        List<Map<String, Object>> phaseLines = new ArrayList<>();
        long mixed = 0;
        int checked = 0;
        int topK = 0;
        for (int p = 0; p < 3; p++) {
            List<Call> phaseCalls = byPhase.get(p);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("phase", phases[p]);
            Map<String, Object> times = latency(phases[p], phaseCalls, c -> true, 0);
            times.remove("query");
            times.remove("callsPerSecond");
            line.putAll(times);
            for (AnswerConsistency.Verdict v : AnswerConsistency.Verdict.values()) {
                line.put(v.name().toLowerCase(Locale.ROOT),
                        phaseCalls.stream().filter(c -> verdicts.get(c) == v).count());
            }
            mixed += (Long) line.get("mixed");
            phaseLines.add(line);
            // The brute-force top-k check on an evenly spread sample of this phase's consistent answers.
            List<Call> consistent = phaseCalls.stream().filter(c -> verdicts.containsKey(c)
                    && verdicts.get(c) != AnswerConsistency.Verdict.MIXED).toList();
            int sample = Math.min(consistent.size(), settings.verify() / 3);
            for (int i = 0; i < sample; i++) {
                Call c = consistent.get((int) ((long) i * consistent.size() / sample));
                checked++;
                topK += check.isTopK(verdicts.get(c), c.seeds(), c.scores()) ? 1 : 0;
            }
        }
        Table.print(out, phaseLines);
        out.printf(Locale.ROOT, "top-10 check (brute force in the client, under the answer's vector set): %d of %d "
                + "sampled consistent answers are the true top k (checked in %.1f s)%n", topK, checked,
                since(checkStart));

        out.printf(Locale.ROOT, "%nmusig.embed.write of '%s' into Track.%s: started %.1f s before the load, %s%n",
                NEW_MODEL, settings.property(), (loadStart - embed.start) / 1e9,
                embed.error != null ? "FAILED: " + embed.error : String.format(Locale.ROOT, "%,d tracks in %.1f s "
                        + "(write %.1f s)", ((Number) embed.row.get("nodeCount")).longValue(), embed.seconds(),
                        ((Number) embed.row.get("writeMillis")).longValue() / 1000.0));
        out.printf(Locale.ROOT, "musig.train of '%s' (%,d pairs): %s%n", BACKGROUND_MODEL, settings.trainPairs(),
                train.error != null ? "FAILED: " + train.error : String.format(Locale.ROOT, "%.1f s", train.seconds()));

        List<Call> failed = calls.stream().filter(c -> c.error() != null).toList();
        out.printf(Locale.ROOT, "failed calls: %,d of %,d (load window and samples)%n", failed.size(), calls.size());
        failed.stream().map(Call::error).distinct().limit(5).forEach(e -> out.println("  " + e));
        boolean ok = failed.isEmpty() && mixed == 0 && topK == checked && embed.error == null && train.error == null;
        out.println(ok ? "PASS: no call failed, no answer mixed old and new vectors"
                : "FAIL: " + failed.size() + " failed calls, " + mixed + " mixed answers, " + (checked - topK)
                        + " sampled answers not the true top k" + (embed.error != null ? ", embed.write failed" : "")
                        + (train.error != null ? ", train failed" : ""));
        return ok ? 0 : 1;
    }

    private static Map<String, Object> latency(String label, List<Call> calls, Predicate<Call> which, double seconds) {
        List<Call> chosen = calls.stream().filter(which).toList();
        Latencies latencies = Latencies.of(chosen.stream().mapToDouble(Call::millis).toArray());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("query", label);
        line.put("calls", chosen.size());
        line.put("failed", chosen.stream().filter(c -> c.error() != null).count());
        line.put("callsPerSecond", seconds > 0 ? round(chosen.size() / seconds) : "");
        line.put("p50Ms", latencies == null ? "" : round(latencies.p50()));
        line.put("p99Ms", latencies == null ? "" : round(latencies.p99()));
        line.put("maxMs", latencies == null ? "" : round(latencies.max()));
        return line;
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The innermost message (Bolt and Neo4j wrap procedure errors). */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
