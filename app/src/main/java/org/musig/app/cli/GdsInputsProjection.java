package org.musig.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.nn.InputFeatures;
import org.musig.model.train.TrainConfig;
import org.musig.procedures.graph.GraphCatalog;
import org.musig.procedures.graph.MusigGraph;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Projects the connected tracks of a MUSIG graph into GDS with MUSIG's own input layer as one feature vector per
 * track ({@value #PROPERTY}): the groups encoded exactly as {@code musig.train} encodes them with its defaults (the
 * artist, album and title vectors fitted from the playlists, z-scored numbers with their "missing" columns, the genre
 * one-hot as columns). GDS GraphSAGE trained on it is MUSIG's peer on the same inputs, not only on the audio columns.
 * The relationships are the graph's edges, undirected, as in the GDS graph {@code musig.graph.build} projects; tracks
 * without an edge are left out, as {@code bench train} leaves them out of GDS's other graph.
 */
final class GdsInputsProjection {
    static final String PROPERTY = "musigInputs";

    private GdsInputsProjection() {
    }

    /**
     * What was projected; {@code fitSeconds}: fitting and encoding the inputs, which {@code musig.train} does inside
     * its call and GDS gets done.
     */
    record Projected(long nodes, long relationships, int width, double fitSeconds) {
    }

    static Projected project(GraphDatabaseService db, String musigGraph, String gdsGraph, List<String> groups,
                             int concurrency) {
        MusigGraph built = GraphCatalog.of(db).require(musigGraph);
        long start = System.nanoTime();
        TrainConfig defaults = TrainConfig.defaults();
        InputFeatures input = InputFeatures.fit(built.features(), groups, defaults.topGenres(),
                defaults.metadataDimension(), defaults.titleDimension(), defaults.randomSeed(), concurrency,
                new ArrayList<>(), null);
        InputFeatures.Encoded encoded = input.encode(built.features(), concurrency);
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        CooccurrenceGraph graph = built.graph();
        long[] nodeIds = built.trackNodeIds();
        int[] compact = new int[graph.nodeCount()];
        Arrays.fill(compact, -1);
        List<double[]> vectors = new ArrayList<>();
        for (int t = 0; t < compact.length; t++) {
            if (graph.degree(t) > 0) {
                compact[t] = vectors.size();
                float[] row = InputFeatures.row(encoded, input.denseDimension(), input.oneHotWidth(), t);
                double[] values = new double[row.length];
                for (int c = 0; c < row.length; c++) {
                    values[c] = row[c];
                }
                vectors.add(values);
            }
        }
        List<long[]> edges = new ArrayList<>();
        graph.forEachRelationship((a, b, weight) -> edges.add(new long[] {nodeIds[a], nodeIds[b], compact[a],
                compact[b]}));
        db.executeTransactionally("CALL gds.graph.drop($g, false) YIELD graphName RETURN graphName",
                Map.of("g", gdsGraph), r -> r.stream().count());
        Map<String, Object> counts = db.executeTransactionally("UNWIND $edges AS e "
                + "WITH gds.graph.project($g, e[0], e[1], {"
                + "sourceNodeProperties: {" + PROPERTY + ": $vectors[e[2]]}, "
                + "targetNodeProperties: {" + PROPERTY + ": $vectors[e[3]]}}, "
                + "{undirectedRelationshipTypes: ['*']}) AS g "
                + "RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships",
                Map.of("g", gdsGraph, "edges", edges, "vectors", vectors), r -> r.next());
        return new Projected(((Number) counts.get("nodes")).longValue(),
                ((Number) counts.get("relationships")).longValue(), input.denseDimension() + input.oneHotWidth(),
                fitSeconds);
    }
}
