package org.musig.procedures.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.nn.InputFeatures;
import org.musig.procedures.graph.GdsProjection;

/**
 * The benchmark's rows from Graph Data Science (Node2Vec, GraphSAGE, HashGNN): the co-occurrence graph is projected
 * into GDS once per pass, every GDS row is fitted on that projection, and each is skipped with a reason when GDS is
 * absent, too old or the stage does not fit in the heap.
 */
final class GdsRows {
    private static final String GDS_GRAPH = "musig-benchmark";

    private final BenchmarkPass pass;
    private final BenchmarkConfig config;

    GdsRows(BenchmarkPass pass) {
        this.pass = pass;
        this.config = pass.config;
    }

    void run() {
        boolean node2vec = config.methods().contains("node2vec") && pass.wants(RowKey.of("node2vec", "none"));
        boolean graphSage = config.methods().contains("graphsage")
                && config.features().stream().anyMatch(f -> pass.wants(RowKey.of("graphsage", f)));
        List<String> hashGnn = hashGnnFeatures(); // "none": graph-only
        if (!GdsProjection.available(pass.tx)) {
            String reason = "Graph Data Science is not installed on this server";
            if (config.methods().contains("node2vec")) {
                pass.skip(RowKey.of("node2vec", "none"), reason);
            }
            if (config.methods().contains("graphsage")) {
                config.features().forEach(f -> pass.skip(RowKey.of("graphsage", f), reason));
            }
            hashGnn.forEach(f -> pass.skip(RowKey.of("hashgnn", f), reason));
            return;
        }
        if (!hashGnn.isEmpty() && !GdsProjection.hasProcedure(pass.tx, "gds.hashgnn.stream")) {
            String reason = "this Graph Data Science version has no gds.hashgnn.stream (GDS 2.5 or later has it)";
            hashGnn.forEach(f -> pass.skip(RowKey.of("hashgnn", f), reason));
            hashGnn = List.of();
        }
        if (!node2vec && !graphSage && hashGnn.isEmpty()) {
            return; // none of them selected on validation
        }
        Map<String, float[][]> tables = new LinkedHashMap<>();
        if (graphSage || hashGnn.stream().anyMatch(f -> !f.equals("none"))) {
            for (String f : config.features()) {
                List<String> groups = pass.groupsOf(f);
                if (groups != null && !InputFeatures.LEARNED_TABLES.containsAll(groups)) {
                    tables.put(propertyOf(f), pass.content(groups));
                }
            }
        }
        CooccurrenceGraph full = pass.data().graph().graph();
        CooccurrenceGraph graph = full.heaviest(config.maxRelationships());
        List<String> notices = new ArrayList<>();
        if (graph != full) {
            notices.add(String.format(java.util.Locale.ROOT, "maxRelationships: GDS got the %,d heaviest of %,d "
                    + "co-occurrence relationships", graph.relationshipCount(), full.relationshipCount()));
        }
        String tooBig = BenchmarkMemory.shortfall("projecting the co-occurrence graph into GDS",
                projectionBytes(graph, tables));
        if (tooBig != null) {
            rows(node2vec, graphSage, hashGnn).forEach(key -> pass.skip(key, tooBig));
            return;
        }
        pass.progress.begin("benchmark: project into GDS", -1);
        long start = System.currentTimeMillis();
        try (GdsBaselines gds = new GdsBaselines(pass.tx, GDS_GRAPH, graph, pass.trackNodeIds(), pass.tracks(),
                tables)) {
            long projectMillis = System.currentTimeMillis() - start;
            // The projection is done once for every GDS row: Node2Vec's training time carries it, the others say so.
            List<String> withProjection = new ArrayList<>(notices);
            withProjection.add("includes " + projectMillis + " ms to project the graph into GDS");
            notices.add("excludes the " + projectMillis + " ms to project the graph into GDS (shared by the GDS rows)");
            RowKey node2vecKey = RowKey.of("node2vec", "none");
            if (node2vec && pass.fits(node2vecKey, "GDS Node2Vec", node2vecBytes(graph))) {
                pass.progress.begin("benchmark: node2vec", -1);
                long t0 = System.currentTimeMillis();
                float[][] vectors = gds.node2vec(config.dimension(), pass.methodSeed, config.concurrency(),
                        config.node2vec());
                pass.evaluate(node2vecKey, BenchmarkPass.embeddingScorer(vectors),
                        System.currentTimeMillis() - t0 + projectMillis, withProjection);
            }
            if (graphSage) {
                for (String f : config.features()) {
                    String p = propertyOf(f);
                    RowKey key = RowKey.of("graphsage", f);
                    if (tables.containsKey(p)
                            && !pass.fits(key, "GDS GraphSAGE", graphSageBytes(graph, p, tables.get(p)))) {
                        continue;
                    }
                    pass.withGroups(key, notices, groups -> {
                        pass.progress.begin("benchmark: graphsage " + f, -1);
                        return BenchmarkPass.embeddingScorer(gds.graphSage(p, config.dimension(), pass.methodSeed,
                                config.concurrency(), config.graphSage()));
                    });
                }
            }
            for (String f : hashGnn) {
                String p = f.equals("none") ? null : propertyOf(f);
                RowKey key = RowKey.of("hashgnn", f);
                if ((p == null || tables.containsKey(p)) && !pass.fits(key, "GDS HashGNN",
                        hashGnnBytes(graph, p, p == null ? null : tables.get(p)))) {
                    continue;
                }
                Function<List<String>, TrackScorer> run = groups -> {
                    pass.progress.begin("benchmark: hashgnn " + f, -1);
                    return BenchmarkPass.embeddingScorer(gds.hashGnn(p, config.dimension(), pass.methodSeed,
                            config.concurrency(), config.hashGnn()));
                };
                if (p == null) {
                    pass.timed(key, notices, () -> run.apply(List.of()));
                } else {
                    pass.withGroups(key, notices, run);
                }
            }
        }
    }

    /** The HashGNN rows this pass would give: graph-only ("none"), then one per feature choice. */
    private List<String> hashGnnFeatures() {
        if (!config.methods().contains("hashgnn")) {
            return List.of();
        }
        List<String> features = new ArrayList<>();
        features.add("none");
        features.addAll(config.features());
        return features.stream().filter(f -> pass.wants(RowKey.of("hashgnn", f))).toList();
    }

    /** The rows the GDS stage would give. */
    private List<RowKey> rows(boolean node2vec, boolean graphSage, List<String> hashGnn) {
        List<RowKey> result = new ArrayList<>();
        if (node2vec) {
            result.add(RowKey.of("node2vec", "none"));
        }
        if (graphSage) {
            config.features().stream().map(f -> RowKey.of("graphsage", f)).filter(pass::wants).forEach(result::add);
        }
        hashGnn.forEach(f -> result.add(RowKey.of("hashgnn", f)));
        return result;
    }

    /** The Cypher parameters of the projection, and GDS's graph (its own estimate when it has one). */
    private long projectionBytes(CooccurrenceGraph graph, Map<String, float[][]> tables) {
        long values = 0;
        long gdsProperties = 0;
        for (float[][] table : tables.values()) {
            int width = table.length == 0 ? 0 : table[0].length;
            values += 2L * table.length * width; // source and target copies of the lists
            gdsProperties += (long) table.length * (16 + 8L * width);
        }
        long gds = BenchmarkMemory.gdsGraphEstimate(pass.db, graph.nodeCount(), graph.relationshipCount());
        if (gds < 0) {
            gds = 2 * graph.relationshipCount() * 16 + 64L * graph.nodeCount();
        }
        return BenchmarkMemory.projectionParameterBytes(graph.relationshipCount(), graph.nodeCount(), values) + gds
                + gdsProperties;
    }

    private long node2vecBytes(CooccurrenceGraph graph) {
        Map<String, Object> settings = new LinkedHashMap<>(config.node2vec());
        settings.put("embeddingDimension", config.dimension());
        long gds = BenchmarkMemory.gdsEstimate(pass.db, "gds.node2vec.stream.estimate", graph.nodeCount(),
                graph.relationshipCount(), Map.of(), settings);
        if (gds < 0) { // the walks (10 of 80 steps per node by default) and two vectors per node
            gds = graph.nodeCount() * (10L * 80 * Long.BYTES + 2L * config.dimension() * Float.BYTES);
        }
        return gds + BenchmarkMemory.vectorBytes(graph.nodeCount(), config.dimension());
    }

    private long graphSageBytes(CooccurrenceGraph graph, String property, float[][] table) {
        Map<String, Object> settings = new LinkedHashMap<>(config.graphSage());
        settings.put("modelName", "musig-benchmark-estimate");
        settings.put("featureProperties", List.of(property));
        settings.put("embeddingDimension", config.dimension());
        long gds = BenchmarkMemory.gdsEstimate(pass.db, "gds.beta.graphSage.train.estimate", graph.nodeCount(),
                graph.relationshipCount(), Map.of("nodeProperties", List.of(property)), settings);
        int width = table.length == 0 ? 0 : table[0].length;
        if (gds < 0) { // features and each layer's activations and gradients, per node
            gds = graph.nodeCount() * 8L * (width + 4L * config.dimension());
        }
        return gds + BenchmarkMemory.vectorBytes(graph.nodeCount(), config.dimension());
    }

    /** GDS's estimate of HashGNN with one feature property (its table) or graph-only (null), plus the vectors. */
    private long hashGnnBytes(CooccurrenceGraph graph, String property, float[][] table) {
        Map<String, Object> settings = GdsBaselines.hashGnnSettings(property, config.dimension(), pass.methodSeed,
                config.concurrency(), config.hashGnn());
        long gds = BenchmarkMemory.gdsEstimate(pass.db, "gds.hashgnn.stream.estimate", graph.nodeCount(),
                graph.relationshipCount(), property == null ? Map.of() : Map.of("nodeProperties", List.of(property)),
                settings);
        int width = table == null || table.length == 0 ? 0 : table[0].length;
        if (gds < 0) { // per node: the input floats, two iterations' binary features, the dense output
            gds = graph.nodeCount() * (8L * width + 2L * GdsBaselines.HASH_GNN_FEATURE_DIMENSION / 8
                    + 8L * config.dimension());
        }
        return gds + BenchmarkMemory.vectorBytes(graph.nodeCount(), config.dimension());
    }

    private static String propertyOf(String feature) {
        return "f_" + feature.replaceAll("[^A-Za-z0-9]", "_"); // a Cypher parameter and GDS property name
    }
}
