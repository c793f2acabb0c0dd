package org.musig.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.musig.model.nn.InputFeatures;
import org.musig.model.train.TrainConfig;
import org.musig.procedures.graph.GdsVectorProjection;
import org.musig.procedures.graph.GraphCatalog;
import org.musig.procedures.graph.MusigGraph;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * Projects the connected tracks of a MUSIG graph into GDS with MUSIG's own input layer as one feature vector per
 * track ({@value #PROPERTY}): the groups encoded exactly as {@code musig.train} encodes them with its defaults (the
 * artist, album and title vectors fitted from the playlists, z-scored numbers with their "missing" columns, the genre
 * one-hot as columns). GDS GraphSAGE trained on it is MUSIG's peer on the same inputs, not only on the audio columns.
 * Tracks without an edge are left out, as {@code bench train} leaves them out of GDS's other graph.
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
        int width = input.denseDimension() + input.oneHotWidth();
        float[][] rows = new float[built.graph().nodeCount()][];
        for (int t = 0; t < rows.length; t++) {
            if (built.graph().degree(t) > 0) { // only the projected tracks' rows are needed
                rows[t] = InputFeatures.row(encoded, input.denseDimension(), input.oneHotWidth(), t);
            }
        }
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        try (Transaction tx = db.beginTx()) {
            GdsVectorProjection.Projected projected = GdsVectorProjection.project(tx, gdsGraph, built.graph(),
                    built.trackNodeIds(), Map.of(PROPERTY, rows), "bench train", false);
            tx.commit();
            return new Projected(projected.nodeCount(), projected.relationshipCount(), width, fitSeconds);
        }
    }
}
