package org.musig.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.musig.loaders.GraphModel;
import org.musig.procedures.PropertyValues;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * For {@code bench recommend --pad-tracks N}: a vector set of N tracks for the latency benchmark at the full
 * MPD's catalogue size (2.3M tracks) on the paper-scale database. The real tracks' vectors are copied into a
 * property of its own; the missing tracks are added as Track nodes (labelled {@code MusigPadding} too) whose
 * vectors are real ones plus Gaussian noise, renormalised, so they lie where real embeddings lie. Everything is
 * removed afterwards, so the database stays as 'bench train' left it.
 */
final class TrackPadding {
    static final Label PADDING = Label.label("MusigPadding");
    private static final int BATCH = 10_000;
    private static final double NOISE = 0.05; // per component: the copy stays about 0.4 from its source

    private TrackPadding() {
    }

    /** Copies {@code from} into {@code to} on the real tracks and adds padding tracks up to {@code total}. */
    @SuppressWarnings("deprecation")
    static long pad(GraphDatabaseService db, String from, String to, long total, long seed) {
        List<Long> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> tracks = tx.findNodes(GraphModel.TRACK)) {
            while (tracks.hasNext()) {
                Node track = tracks.next();
                float[] vector = PropertyValues.floatVector(track.getProperty(from, null));
                if (vector != null && !track.hasLabel(PADDING)) {
                    ids.add(track.getId());
                    vectors.add(vector);
                }
            }
        }
        if (vectors.isEmpty()) {
            throw new IllegalStateException("no track has the property '" + from + "': run ./musig bench train first");
        }
        for (int start = 0; start < ids.size(); start += BATCH) {
            try (Transaction tx = db.beginTx()) {
                for (int i = start; i < Math.min(ids.size(), start + BATCH); i++) {
                    tx.getNodeById(ids.get(i)).setProperty(to, vectors.get(i));
                }
                tx.commit();
            }
        }
        Random random = new Random(seed);
        long added = Math.max(0, total - ids.size());
        for (long start = 0; start < added; start += BATCH) {
            try (Transaction tx = db.beginTx()) {
                for (long i = start; i < Math.min(added, start + BATCH); i++) {
                    Node node = tx.createNode(GraphModel.TRACK, PADDING);
                    node.setProperty(GraphModel.ID, "musig-padding-" + i);
                    node.setProperty(to, nearby(vectors.get(random.nextInt(vectors.size())), random));
                }
                tx.commit();
            }
        }
        return ids.size() + added;
    }

    /** Deletes the padding tracks and the copied property. */
    static void remove(GraphDatabaseService db, String property) {
        db.executeTransactionally("MATCH (t:MusigPadding) CALL { WITH t DELETE t } IN TRANSACTIONS OF 10000 ROWS");
        List<Long> ids = new ArrayList<>();
        try (Transaction read = db.beginTx(); ResourceIterator<Node> tracks = read.findNodes(GraphModel.TRACK)) {
            while (tracks.hasNext()) {
                Node track = tracks.next();
                if (track.hasProperty(property)) {
                    ids.add(track.getId());
                }
            }
        }
        removeProperty(db, property, ids);
    }

    @SuppressWarnings("deprecation")
    private static void removeProperty(GraphDatabaseService db, String property, List<Long> ids) {
        for (int start = 0; start < ids.size(); start += BATCH) {
            try (Transaction tx = db.beginTx()) {
                for (int i = start; i < Math.min(ids.size(), start + BATCH); i++) {
                    tx.getNodeById(ids.get(i)).removeProperty(property);
                }
                tx.commit();
            }
        }
    }

    private static float[] nearby(float[] source, Random random) {
        float[] v = new float[source.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (source[i] + NOISE * random.nextGaussian());
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
