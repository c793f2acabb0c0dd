package org.musig.procedures.recommend;

import java.util.List;
import org.musig.procedures.PropertyValues;
import org.neo4j.graphdb.Node;

/** The query vector of a seed set read straight from the seed nodes: the normalised mean of their unit vectors. */
final class SeedVectors {
    private SeedVectors() {
    }

    /**
     * @return the query, or null when no seed has a vector; seeds whose vector has another length than the
     *         first one found are ignored, as the cached matrix ignores them
     */
    static float[] mean(List<Node> seeds, String property) {
        double[] sum = null;
        for (Node seed : seeds) {
            float[] unit = PropertyValues.unitVector(seed.getProperty(property, null));
            if (unit == null || (sum != null && unit.length != sum.length)) {
                continue;
            }
            if (sum == null) {
                sum = new double[unit.length];
            }
            for (int i = 0; i < unit.length; i++) {
                sum[i] += unit[i];
            }
        }
        if (sum == null) {
            return null;
        }
        double norm = 0;
        for (double x : sum) {
            norm += x * x;
        }
        float[] query = new float[sum.length];
        double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int i = 0; i < sum.length; i++) {
            query[i] = (float) (sum[i] * scale);
        }
        return query;
    }
}
