package org.musig.procedures.recommend;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.musig.loaders.GraphModel;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.IndexDefinition;
import org.neo4j.graphdb.schema.IndexType;
import org.neo4j.graphdb.schema.Schema;

/** Neo4j vector indexes (cosine) over Track embedding properties: finding, creating and querying them. */
public final class VectorIndexes {
    private VectorIndexes() {
    }

    /** The name of an ONLINE vector index over {@code (:Track).property}, or null when there is none. */
    static String find(Transaction tx, String property) {
        for (IndexDefinition index : tx.schema().getIndexes(GraphModel.TRACK)) {
            if (index.getIndexType() == IndexType.VECTOR && isOnly(index, property)
                    && tx.schema().getIndexState(index) == Schema.IndexState.ONLINE) {
                return index.getName();
            }
        }
        return null;
    }

    /**
     * Creates (if missing) a cosine vector index over {@code (:Track).property} with this dimension and waits
     * until it is online; returns its name.
     */
    public static String ensure(GraphDatabaseService db, String property, int dimension, long timeoutSeconds) {
        String name = "musig_" + property.replaceAll("[^A-Za-z0-9_]", "_") + "_vector";
        db.executeTransactionally("CREATE VECTOR INDEX " + quote(name) + " IF NOT EXISTS FOR (t:"
                + GraphModel.TRACK.name() + ") ON t." + quote(property) + " OPTIONS {indexConfig: {"
                + "`vector.dimensions`: $dimension, `vector.similarity_function`: 'cosine'}}",
                Map.of("dimension", dimension));
        try (Transaction tx = db.beginTx()) {
            tx.schema().awaitIndexOnline(name, timeoutSeconds, TimeUnit.SECONDS);
        }
        return name;
    }

    private static boolean isOnly(IndexDefinition index, String property) {
        var keys = index.getPropertyKeys().iterator();
        return keys.hasNext() && keys.next().equals(property) && !keys.hasNext();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
