package org.musig.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.musig.model.NativeBackend;
import org.musig.procedures.PropertyValues;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dimensionalityreduction.PCA;
import org.nd4j.linalg.factory.Nd4j;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A 2-D picture of the track embeddings: a sample of tracks projected on the first two principal components
 * (ND4J's PCA), each with its genre (its own, else that of its first playlist with one).
 */
final class EmbeddingMap {

    /** One track on the map. */
    record Point(double x, double y, String genre, String label) {
    }

    private EmbeddingMap() {
    }

    /**
     * @param property the embedding property
     * @param sample   at most this many tracks (an evenly spread sample by node order, so reruns agree)
     */
    static List<Point> read(GraphDatabaseService db, String property, int sample) {
        List<Map<String, Object>> rows = db.executeTransactionally("""
                MATCH (t:Track) WHERE t[$p] IS NOT NULL
                WITH t ORDER BY elementId(t)
                WITH collect(t) AS tracks
                WITH tracks, CASE WHEN size(tracks) > $sample THEN size(tracks) / $sample ELSE 1 END AS step
                UNWIND range(0, size(tracks) - 1, step) AS i
                WITH tracks[i] AS t
                RETURN t[$p] AS v,
                       coalesce(t.genre, head([(p:Playlist)-[:CONTAINS]->(t) WHERE p.genre IS NOT NULL | p.genre]),
                                'unknown') AS genre,
                       coalesce(t.name, t.id) + coalesce(' - ' + t.artist, '') AS label""",
                Map.of("p", property, "sample", sample), r -> r.stream().toList());
        if (rows.size() < 3) {
            return List.of();
        }
        double[][] vectors = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            float[] v = PropertyValues.floatVector(rows.get(i).get("v"));
            vectors[i] = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                vectors[i][j] = v[j];
            }
        }
        NativeBackend.ensureLoaded(EmbeddingMap.class);
        INDArray data = Nd4j.create(vectors);
        INDArray centred = data.subRowVector(data.mean(0));
        INDArray factor = PCA.pca_factor(centred.dup(), 2, false); // it may change its input
        INDArray projected = centred.mmul(factor);
        List<Point> points = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            points.add(
                    new Point(projected.getDouble(i, 0), projected.getDouble(i, 1), (String) rows.get(i).get("genre"),
                            (String) rows.get(i).get("label")));
        }
        return points;
    }
}
