package org.musig.procedures.split;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/** Reads and writes {@code (:MusigSplit)} nodes: one node per split, its lists as array properties. */
public final class SplitStore {
    public static final Label LABEL = Label.label("MusigSplit");

    private SplitStore() {
    }

    /** The named split; fails with the names that exist when there is none. */
    public static StoredSplit require(Transaction tx, String name) {
        Node node = tx.findNode(LABEL, "name", name);
        if (node == null) {
            List<String> names = list(tx).stream().map(StoredSplit::name).toList();
            throw new IllegalArgumentException("no split named '" + name + "'; existing splits: "
                    + (names.isEmpty() ? "none (create one with musig.split.create)" : names));
        }
        return read(node);
    }

    /**
     * The named split, read in a transaction of its own. Reading a large array property (the split's id
     * list) in a transaction made every later array-property read in that same transaction about 100
     * times slower on Neo4j 5.26 (measured while reading 572K tracks' feature vectors), so callers that go
     * on to scan the store read splits and models this way.
     */
    public static StoredSplit load(org.neo4j.graphdb.GraphDatabaseService db, String name) {
        try (Transaction own = db.beginTx()) {
            return require(own, name);
        }
    }

    public static boolean exists(Transaction tx, String name) {
        return tx.findNode(LABEL, "name", name) != null;
    }

    public static List<StoredSplit> list(Transaction tx) {
        List<StoredSplit> splits = new ArrayList<>();
        try (ResourceIterator<Node> nodes = tx.findNodes(LABEL)) {
            nodes.forEachRemaining(node -> splits.add(read(node)));
        }
        splits.sort((a, b) -> a.name().compareTo(b.name()));
        return splits;
    }

    /** Writes the split, replacing one of the same name. */
    public static void write(Transaction tx, StoredSplit split) {
        delete(tx, split.name());
        Node node = tx.createNode(LABEL);
        node.setProperty("name", split.name());
        node.setProperty("playlistIds", split.playlistIds());
        node.setProperty("seedSizes", split.seedSizes());
        node.setProperty("seedFraction", split.seedFraction());
        node.setProperty("minTracks", (long) split.minTracks());
        node.setProperty("randomSeed", split.randomSeed());
        node.setProperty("playlists", (long) split.playlistCount());
        node.setProperty("seedMemberships", split.seedMemberships());
        node.setProperty("heldOutMemberships", split.heldOutMemberships());
        node.setProperty("createdAt", split.createdAt());
    }

    /** Deletes the named split; false when there was none. */
    public static boolean delete(Transaction tx, String name) {
        Node node = tx.findNode(LABEL, "name", name);
        if (node == null) {
            return false;
        }
        node.delete();
        return true;
    }

    private static StoredSplit read(Node node) {
        return new StoredSplit((String) node.getProperty("name"), (String[]) node.getProperty("playlistIds"),
                (int[]) node.getProperty("seedSizes"), ((Number) node.getProperty("seedFraction")).doubleValue(),
                ((Number) node.getProperty("minTracks")).intValue(),
                ((Number) node.getProperty("randomSeed")).longValue(),
                ((Number) node.getProperty("seedMemberships")).longValue(),
                ((Number) node.getProperty("heldOutMemberships")).longValue(),
                (ZonedDateTime) node.getProperty("createdAt"));
    }
}
