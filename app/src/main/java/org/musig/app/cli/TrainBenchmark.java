package org.musig.app.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.musig.loaders.GraphModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * {@code ./musig bench train}: MUSIG against GDS GraphSAGE, in one process, on the same co-occurrence
 * graph, with the same embedding dimension, sample sizes, batch size and number of training examples.
 *
 * <p>GDS GraphSAGE trains on batches of root nodes (one positive and one negative per root); MUSIG on
 * batches of (track, neighbour) pairs with one negative each. Both count "examples" the same way: GDS
 * runs one epoch of one iteration with batchSamplingRatio 1 (every connected track is a root once) and
 * MUSIG one epoch capped at the same number of pairs. GDS runs on the tracks that have an edge (a
 * filtered copy of the projection): on all tracks its cost per batch grows with the isolated ones,
 * which would flatter MUSIG. GDS runs twice: on the audio columns, the peer of the rows with the paper's inputs, and
 * on MUSIG's whole input layer with the release-day inputs ({@link GdsInputsProjection}), the peer of those rows.
 */
final class TrainBenchmark {
    /** The paper's inputs of the multi-task rows, to which the rows below add theirs. */
    private static final List<String> MULTI_TASK_INPUTS = List.of("genre", "popularity", "audio");
    /** The release-day inputs: artist and album vectors fitted from the playlists, and the title LSA. */
    private static final List<String> RELEASE_DAY = List.of("artist", "album", "title");
    /** The learned tables: a row per artist, album and track of the graph, trained with sparse updates. */
    private static final List<String> TABLES = List.of("artistId", "albumId", "track");

    private TrainBenchmark() {
    }

    static void run(GraphDatabaseService db, String graphName, int dimension, List<Integer> sampleSizes, int batchSize,
                    int iterations, int concurrency, PrintStream out) {
        String connected = graphName + "-connected";
        drop(db, connected);
        consume(db, "CALL gds.degree.mutate($g, {mutateProperty: 'degree'}) YIELD nodePropertiesWritten "
                + "RETURN nodePropertiesWritten", Map.of("g", graphName));
        Map<String, Object> filtered = db.executeTransactionally(
                "CALL gds.graph.filter($to, $from, 'n.degree > 0.0', '*') "
                        + "YIELD nodeCount, relationshipCount RETURN nodeCount, relationshipCount",
                Map.of("to", connected, "from", graphName), r -> r.next());
        long roots = ((Number) filtered.get("nodeCount")).longValue();
        long examples = roots * iterations;
        out.printf(Locale.ROOT, "bench train: %,d connected tracks, %,d directed relationships in GDS; dim %d, "
                + "sampleSizes %s, batchSize %d, concurrency %d, %,d training examples each%n%n", roots,
                ((Number) filtered.get("relationshipCount")).longValue(), dimension, sampleSizes, batchSize,
                concurrency,
                examples);

        Map<String, Object> common = new LinkedHashMap<>();
        common.put("embeddingDimension", dimension);
        common.put("sampleSizes", sampleSizes);
        common.put("batchSize", batchSize);
        common.put("concurrency", concurrency);
        common.put("randomSeed", 42L);

        Map<String, Object> gds = new LinkedHashMap<>(common);
        gds.put("modelName", "bench-graphsage");
        gds.put("featureProperties", List.of("audio"));
        gds.put("aggregator", "mean");
        gds.put("activationFunction", "relu");
        gds.put("epochs", 1);
        gds.put("maxIterations", iterations);
        gds.put("batchSamplingRatio", 1.0);
        gds.put("tolerance", 0.0);
        Map<String, Object> single = new LinkedHashMap<>(common);
        single.put("graphName", graphName);
        single.put("modelName", "bench-single");
        single.put("overwrite", true);
        single.put("features", List.of("audio"));
        single.put("taskWeights", Map.of("playlist", 1.0, "genre", 0.0, "audio", 0.0));
        single.put("epochs", 1);
        single.put("maxPairsPerEpoch", examples);

        // Warm-up, untimed in the comparison: one iteration of each, so that neither side's figure includes
        // one-off costs of this JVM (JIT compilation, ND4J's native start-up, GDS's first model).
        Map<String, Object> gdsWarmUp = new LinkedHashMap<>(gds);
        gdsWarmUp.put("maxIterations", 1);
        double gdsWarmUpSeconds = trainGds(db, connected, gdsWarmUp);
        Map<String, Object> singleWarmUp = new LinkedHashMap<>(single);
        singleWarmUp.put("maxPairsPerEpoch", roots);
        double musigWarmUpSeconds = train(db, singleWarmUp).seconds;
        Map<String, Object> multi = new LinkedHashMap<>(single);
        multi.put("modelName", "bench-multi");
        multi.put("features", MULTI_TASK_INPUTS);
        multi.put("taskWeights", Map.of("playlist", 1.0, "genre", 1.0, "audio", 1.0));
        // The genre one-hot and the other heads run code the audio-only training does not: warmed up too, or the
        // first timed call that reaches them pays their JIT compilation.
        Map<String, Object> multiWarmUp = new LinkedHashMap<>(multi);
        multiWarmUp.put("maxPairsPerEpoch", roots);
        musigWarmUpSeconds += train(db, multiWarmUp).seconds;
        out.printf(Locale.ROOT,
                "warm-up (not compared): GDS 1 iteration %.1f s, MUSIG single- and multi-task %,d pairs "
                        + "each, %.1f s together%n%n",
                gdsWarmUpSeconds, roots, musigWarmUpSeconds);

        BenchCommand.resetPeakHeap();
        double gdsSeconds = trainGds(db, connected, gds);
        long gdsHeap = BenchCommand.peakHeap();
        Result singleTask = train(db, single);

        Result multiTask = train(db, multi);
        // The same inputs with one task: what the genre and audio heads cost, apart from the inputs' own cost.
        Map<String, Object> singleSameInputs = new LinkedHashMap<>(multi);
        singleSameInputs.put("modelName", "bench-single-inputs");
        singleSameInputs.put("taskWeights", single.get("taskWeights"));
        Result singleTaskSameInputs = train(db, singleSameInputs);

        List<Map<String, Object>> lines = new java.util.ArrayList<>(List.of(
                line("GDS GraphSAGE (mean, audio features)", examples, gdsSeconds, gdsHeap, 1.0, null),
                line("MUSIG single-task (1,0,0), audio features", examples, singleTask.seconds, singleTask.heap,
                        gdsSeconds / singleTask.seconds, singleTask.loopPairsPerSecond),
                line("MUSIG single-task (1,0,0), genre+popularity+audio", examples, singleTaskSameInputs.seconds,
                        singleTaskSameInputs.heap, gdsSeconds / singleTaskSameInputs.seconds,
                        singleTaskSameInputs.loopPairsPerSecond),
                line("MUSIG multi-task (1,1,1), genre+popularity+audio", examples, multiTask.seconds, multiTask.heap,
                        gdsSeconds / multiTask.seconds, multiTask.loopPairsPerSecond)));
        // The release-day inputs and the learned tables: measured where the data has them, as the MPD slices do.
        // They run code of their own (the factor and title fits, the table rows and their Adam step), so each is
        // warmed up too, just before it is timed: the rows above then run exactly as they did without these rows.
        boolean metadata = db.executeTransactionally("MATCH (t:Track) WHERE t." + GraphModel.ARTIST_ID
                + " IS NOT NULL RETURN t LIMIT 1", Map.of(), r -> r.hasNext());
        Result withMetadata = null;
        Result singleWithMetadata = null;
        Result withTables = null;
        GdsInputsProjection.Projected inputs = null;
        double gdsInputsSeconds = 0;
        double metadataWarmUpSeconds = 0;
        if (metadata) {
            metadataWarmUpSeconds += trainWithInputs(db, multiWarmUp, "bench-release-day", RELEASE_DAY).seconds;
            withMetadata = trainWithInputs(db, multi, "bench-release-day", RELEASE_DAY);
            lines.add(line("MUSIG multi-task (1,1,1), + artist+album+title", examples, withMetadata.seconds,
                    withMetadata.heap, gdsSeconds / withMetadata.seconds, withMetadata.loopPairsPerSecond));
            // The same inputs with one task (the multi-task row's warm-up ran this code too): the heads' cost there.
            singleWithMetadata = trainWithInputs(db, singleSameInputs, "bench-release-day-single", RELEASE_DAY);
            lines.add(line("MUSIG single-task (1,0,0), + artist+album+title", examples, singleWithMetadata.seconds,
                    singleWithMetadata.heap, gdsSeconds / singleWithMetadata.seconds,
                    singleWithMetadata.loopPairsPerSecond));
            // GDS on the release-day row's own inputs: that row's peer with the same input width, where GDS's row
            // above has only the audio columns. Its projection is not timed; GDS's code is warm from its row above.
            String inputsGraph = graphName + "-release-day";
            List<String> groups = new java.util.ArrayList<>(MULTI_TASK_INPUTS);
            groups.addAll(RELEASE_DAY);
            inputs = GdsInputsProjection.project(db, graphName, inputsGraph, groups, concurrency);
            Map<String, Object> gdsSameInputs = new LinkedHashMap<>(gds);
            gdsSameInputs.put("featureProperties", List.of(GdsInputsProjection.PROPERTY));
            BenchCommand.resetPeakHeap();
            gdsInputsSeconds = trainGds(db, inputsGraph, gdsSameInputs);
            lines.add(line("GDS GraphSAGE (mean), the release-day rows' inputs: " + inputs.width() + " columns",
                    examples, gdsInputsSeconds, BenchCommand.peakHeap(), gdsSeconds / gdsInputsSeconds, null));
            drop(db, inputsGraph);
            metadataWarmUpSeconds += trainWithInputs(db, multiWarmUp, "bench-tables", TABLES).seconds;
            withTables = trainWithInputs(db, multi, "bench-tables", TABLES);
            lines.add(line("MUSIG multi-task (1,1,1), + artistId+albumId+track tables", examples, withTables.seconds,
                    withTables.heap, gdsSeconds / withTables.seconds, withTables.loopPairsPerSecond));
        }
        Table.print(out, lines);
        out.println("(seconds: the whole procedure call; loopPerSecond: MUSIG's training loop alone, without reading "
                + "the graph's features, building samplers and storing the model)");
        if (metadata) {
            out.printf(Locale.ROOT, "(the release-day and the tables' multi-task rows each after an untimed warm-up "
                    + "of %,d pairs: %.1f s together)%n", roots, metadataWarmUpSeconds);
        }
        out.printf(Locale.ROOT, "%nMUSIG multi-task / single-task time: %.2f with the same inputs (the heads' cost), "
                + "%.2f against single-task on audio alone (the heads' and the genre and popularity inputs' cost)%n",
                multiTask.seconds / singleTaskSameInputs.seconds, multiTask.seconds / singleTask.seconds);
        if (withMetadata != null) {
            out.printf(Locale.ROOT, "MUSIG with artist+album+title / multi-task time: %.2f; its multi-task / "
                    + "single-task time: %.2f%n", withMetadata.seconds / multiTask.seconds,
                    withMetadata.seconds / singleWithMetadata.seconds);
            out.printf(Locale.ROOT, "MUSIG with the artistId+albumId+track tables / multi-task time: %.2f%n",
                    withTables.seconds / multiTask.seconds);
            out.printf(Locale.ROOT, "MUSIG with artist+album+title against GDS GraphSAGE on the same %d input columns "
                    + "(%,d nodes, %,d relationships): multi-task %.2fx, single-task %.2fx GDS's call; with the "
                    + "inputs' fit (%.1f s, inside MUSIG's call, done before GDS's) added to GDS's time: %.2fx, %.2fx%n",
                    inputs.width(), inputs.nodes(), inputs.relationships(), gdsInputsSeconds / withMetadata.seconds,
                    gdsInputsSeconds / singleWithMetadata.seconds, inputs.fitSeconds(),
                    (gdsInputsSeconds + inputs.fitSeconds()) / withMetadata.seconds,
                    (gdsInputsSeconds + inputs.fitSeconds()) / singleWithMetadata.seconds);
        } else {
            out.println("(no track has an artist: the release-day row is left out)");
        }
        out.println();

        // bench recommend --index keeps a vector index on Track.musigBench, which every written vector then updates.
        boolean indexed = db.executeTransactionally("SHOW INDEXES YIELD type, properties "
                + "WHERE type = 'VECTOR' AND 'musigBench' IN properties RETURN count(*) AS n", Map.of(),
                r -> ((Number) r.next().get("n")).longValue() > 0);
        BenchCommand.resetPeakHeap();
        long start = System.nanoTime();
        Map<String, Object> embed = db.executeTransactionally("CALL musig.embed.write({modelName: 'bench-multi', "
                + "writeProperty: 'musigBench', concurrency: $c}) YIELD nodeCount, computeMillis, writeMillis "
                + "RETURN nodeCount, computeMillis, writeMillis", Map.of("c", concurrency), r -> r.next());
        double embedSeconds = (System.nanoTime() - start) / 1e9;
        long tracks = ((Number) embed.get("nodeCount")).longValue();
        out.printf(Locale.ROOT, "embed.write: %,d tracks in %.1f s = %,.0f tracks/s (compute %.1f s incl. reading the "
                + "store and recounting, write %.1f s), peak heap %,d MiB%n", tracks, embedSeconds,
                tracks / embedSeconds, ((Number) embed.get("computeMillis")).longValue() / 1000.0,
                ((Number) embed.get("writeMillis")).longValue() / 1000.0, BenchCommand.peakHeap() >> 20);
        if (indexed) {
            out.println("  (Track.musigBench has the vector index 'bench recommend --index' created: every vector "
                    + "written also updated it)");
        }
        drop(db, connected);
    }

    private record Result(double seconds, long heap, double loopPairsPerSecond) {
    }

    /** Seconds of one gds.beta.graphSage.train call (an earlier model of the same name is dropped first). */
    private static double trainGds(GraphDatabaseService db, String graph, Map<String, Object> config) {
        consume(db, "CALL gds.model.drop('bench-graphsage', false) YIELD modelName RETURN modelName", Map.of());
        long start = System.nanoTime();
        db.executeTransactionally("CALL gds.beta.graphSage.train($g, $c) YIELD trainMillis RETURN trainMillis",
                Map.of("g", graph, "c", config), r -> r.next());
        return (System.nanoTime() - start) / 1e9;
    }

    /** The multi-task training of {@code multi} under another model name, with {@code extra} input groups added. */
    @SuppressWarnings("unchecked")
    private static Result trainWithInputs(GraphDatabaseService db, Map<String, Object> multi, String modelName,
                                          List<String> extra) {
        Map<String, Object> config = new LinkedHashMap<>(multi);
        config.put("modelName", modelName);
        List<String> features = new java.util.ArrayList<>((List<String>) multi.get("features"));
        features.addAll(extra);
        config.put("features", features);
        return train(db, config);
    }

    private static Result train(GraphDatabaseService db, Map<String, Object> config) {
        BenchCommand.resetPeakHeap();
        long start = System.nanoTime();
        Map<String, Object> row =
                db.executeTransactionally("CALL musig.train($c) YIELD pairsPerSecond RETURN pairsPerSecond",
                        Map.of("c", config), r -> r.next());
        return new Result((System.nanoTime() - start) / 1e9, BenchCommand.peakHeap(),
                ((Number) row.get("pairsPerSecond")).doubleValue());
    }

    private static Map<String, Object> line(String method, long examples, double seconds, long heap, double speedup,
                                            Double loopPerSecond) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("method", method);
        line.put("examples", examples);
        line.put("seconds", Math.round(seconds * 1000) / 1000.0); // ms: the speed ratios can be checked from the table
        line.put("examplesPerSecond", Math.round(examples / seconds));
        line.put("speedVsGds", Math.round(speedup * 100) / 100.0);
        line.put("loopPerSecond", loopPerSecond == null ? "" : Math.round(loopPerSecond));
        line.put("peakHeapMiB", heap >> 20);
        return line;
    }

    private static void drop(GraphDatabaseService db, String graph) {
        consume(db, "CALL gds.graph.drop($g, false) YIELD graphName RETURN graphName", Map.of("g", graph));
    }

    /** Runs a query to the end (procedure calls are lazy: an unread result may not run them). */
    private static void consume(GraphDatabaseService db, String cypher, Map<String, Object> params) {
        db.executeTransactionally(cypher, params, r -> r.stream().count());
    }
}
