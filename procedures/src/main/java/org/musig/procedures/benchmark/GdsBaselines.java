package org.musig.procedures.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.procedures.graph.GdsProjection;
import org.musig.procedures.graph.GdsVectorProjection;
import org.musig.procedures.graph.TrackIndex;
import org.neo4j.graphdb.Transaction;

/**
 * The GDS baselines of Table 2 (Node2Vec, GraphSAGE with a feature group) and HashGNN (graph-only or with a
 * feature group; not in the paper), run on the benchmark's own co-occurrence graph. The graph goes to GDS
 * through a Cypher projection of plain values (node ids and weights as parameters, no store read), so the
 * benchmark writes no relationship into the user's data.
 * Everything is through Cypher, so GDS stays an optional peer. The projection and model are dropped after.
 */
final class GdsBaselines implements AutoCloseable {
    private static final String MODEL_PREFIX = "musig-benchmark-graphsage-";
    static final String BINARIZE = "binarizeFeatures";
    static final String GENERATE = "generateFeatures";
    /** Width of the binary features HashGNN starts from: hyperplanes of a feature group, or generated. */
    static final int HASH_GNN_FEATURE_DIMENSION = 128;
    /** HashGNN's two required settings, as the benchmark defaults them (a {@code hashGnn} map overrides them). */
    static final Map<String, Object> HASH_GNN_DEFAULTS = Map.of("iterations", 3, "embeddingDensity", 64);

    private final Transaction tx;
    private final String graphName;
    private final long[] trackNodeIds;
    private final TrackIndex tracks;

    /**
     * Projects the graph with one array node property per feature vector table.
     *
     * @param tracks        the dense track id of each node id GDS streams back
     * @param featureTables property name (a fixed, safe identifier) -> one vector per dense track id
     */
    GdsBaselines(Transaction tx, String graphName, CooccurrenceGraph graph, long[] trackNodeIds, TrackIndex tracks,
                 Map<String, float[][]> featureTables) {
        this.tx = tx;
        this.graphName = graphName;
        this.trackNodeIds = trackNodeIds;
        this.tracks = tracks;
        GdsVectorProjection.project(tx, graphName, graph, trackNodeIds, featureTables, BenchmarkConfig.OWNER, true);
    }

    /** GDS Node2Vec embeddings (dense track id order; a track GDS did not return gets a zero row). */
    float[][] node2vec(int dimension, long randomSeed, int concurrency, Map<String, Object> extra) {
        Map<String, Object> config = new LinkedHashMap<>(extra);
        config.put("embeddingDimension", dimension);
        config.put("randomSeed", randomSeed);
        config.put("concurrency", concurrency);
        return stream("CALL gds.node2vec.stream($name, $config) YIELD nodeId, embedding RETURN nodeId, embedding",
                Map.of("name", graphName, "config", config), dimension);
    }

    /** GDS GraphSAGE (mean aggregator, unsupervised) trained and applied with one feature property. */
    float[][] graphSage(String featureProperty, int dimension, long randomSeed, int concurrency,
                        Map<String, Object> extra) {
        String model = MODEL_PREFIX + featureProperty;
        dropModel(model);
        Map<String, Object> train = new LinkedHashMap<>(extra);
        train.put("modelName", model);
        train.put("featureProperties", List.of(featureProperty));
        train.put("embeddingDimension", dimension);
        train.putIfAbsent("relationshipWeightProperty", "weight");
        train.put("randomSeed", randomSeed);
        train.put("concurrency", concurrency);
        try (var result = tx.execute("CALL gds.beta.graphSage.train($name, $config) YIELD modelInfo RETURN modelInfo",
                Map.of("name", graphName, "config", train))) {
            result.forEachRemaining(row -> {});
        }
        try {
            return stream("CALL gds.beta.graphSage.stream($name, {modelName: $model, concurrency: $concurrency}) "
                    + "YIELD nodeId, embedding RETURN nodeId, embedding",
                    Map.of("name", graphName, "model", model, "concurrency", concurrency), dimension);
        } finally {
            dropModel(model);
        }
    }

    /**
     * GDS HashGNN's settings for one run: the benchmark's defaults ({@link #HASH_GNN_DEFAULTS}), the user's
     * {@code extra} over them, then what the benchmark sets. With a feature property its dense floats are binarized
     * ({@code binarizeFeatures}, hyperplanes at threshold 0 by default: the vectors are z-scored); graph-only (a
     * null property), each node gets random binary features ({@code generateFeatures}) and the embedding is its
     * neighbourhood's. Either way {@code outputDimension} projects the binary embedding to dense floats.
     */
    static Map<String, Object> hashGnnSettings(String featureProperty, int dimension, long randomSeed,
                                               int concurrency, Map<String, Object> extra) {
        Map<String, Object> config = new LinkedHashMap<>(HASH_GNN_DEFAULTS);
        config.putAll(extra);
        if (featureProperty == null) {
            config.remove(BINARIZE);
            config.putIfAbsent(GENERATE, Map.of("dimension", HASH_GNN_FEATURE_DIMENSION, "densityLevel", 2));
        } else {
            config.remove(GENERATE);
            config.put("featureProperties", List.of(featureProperty));
            config.putIfAbsent(BINARIZE, Map.of("dimension", HASH_GNN_FEATURE_DIMENSION, "threshold", 0.0));
        }
        config.put("outputDimension", dimension);
        config.put("randomSeed", randomSeed);
        config.put("concurrency", concurrency);
        return config;
    }

    /** GDS HashGNN embeddings, with one feature property or (null) graph-only; see {@link #hashGnnSettings}. */
    float[][] hashGnn(String featureProperty, int dimension, long randomSeed, int concurrency,
                      Map<String, Object> extra) {
        return stream("CALL gds.hashgnn.stream($name, $config) YIELD nodeId, embedding RETURN nodeId, embedding",
                Map.of("name", graphName, "config",
                        hashGnnSettings(featureProperty, dimension, randomSeed, concurrency, extra)),
                dimension);
    }

    @Override
    public void close() {
        GdsProjection.drop(tx, graphName);
    }

    private float[][] stream(String query, Map<String, Object> params, int dimension) {
        float[][] vectors = new float[trackNodeIds.length][dimension];
        try (var result = tx.execute(query, params)) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                int t = tracks.denseId(((Number) row.get("nodeId")).longValue());
                if (t != TrackIndex.ABSENT) {
                    vectors[t] = toFloats((List<?>) row.get("embedding"));
                }
            }
        }
        return vectors;
    }

    private void dropModel(String model) {
        try (var result = tx.execute("CALL gds.model.drop($model, false) YIELD modelName RETURN modelName",
                Map.of("model", model))) {
            result.forEachRemaining(row -> {});
        }
    }

    private static float[] toFloats(List<?> values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) values.get(i)).floatValue();
        }
        return v;
    }
}
