package org.musig.procedures.recommend;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.musig.common.config.ConfigMap;
import org.musig.loaders.GraphModel;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.ConstraintDefinition;
import org.neo4j.graphdb.schema.IndexDefinition;
import org.neo4j.graphdb.schema.IndexSetting;
import org.neo4j.graphdb.schema.IndexType;
import org.neo4j.graphdb.schema.Schema;

/**
 * Neo4j vector indexes (cosine) over Track embedding properties: finding, creating and querying them. Indexes
 * are made through the schema API, not Cypher text, and the property must be a plain identifier, so no user
 * string becomes part of a statement; the index name {@code musig_<property>_vector} is then distinct per
 * property.
 */
public final class VectorIndexes {
    private static final String SIMILARITY = "COSINE";

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

    /** The name MUSIG gives the vector index over {@code property}. */
    public static String nameFor(String property) {
        return "musig_" + ConfigMap.requireIdentifier("vector index", "the property", property) + "_vector";
    }

    /**
     * The index {@link #ensure} will use: a cosine vector index over {@code (:Track).property} of this dimension
     * that exists under any name (reused), else the name it will create. Called before a write, so a conflict - a
     * vector index over the property with another dimension or similarity, or the name taken by another index or
     * constraint - is refused up front instead of failing after every vector is written.
     */
    public static String check(Transaction tx, String property, int dimension) {
        String name = nameFor(property);
        for (IndexDefinition index : tx.schema().getIndexes(GraphModel.TRACK)) {
            if (index.getIndexType() == IndexType.VECTOR && isOnly(index, property)) {
                Map<IndexSetting, Object> settings = index.getIndexConfiguration();
                Object dims = settings.get(IndexSetting.vector_Dimensions());
                Object similarity = settings.get(IndexSetting.vector_Similarity_Function());
                boolean sameDimension = dims instanceof Number n && n.intValue() == dimension;
                if (sameDimension && SIMILARITY.equalsIgnoreCase(String.valueOf(similarity))) {
                    return index.getName();
                }
                throw new IllegalArgumentException("vector index '" + index.getName() + "' over (:Track)." + property
                        + " already exists with " + dims + " dimensions and " + similarity
                        + " similarity, but the model's "
                        + "vectors have " + dimension + " dimensions and need " + SIMILARITY + "; drop that index or "
                        + "write to another property");
            }
        }
        for (IndexDefinition index : tx.schema().getIndexes()) {
            if (index.getName().equals(name)) {
                throw new IllegalArgumentException("an index named '" + name + "' already exists on something other "
                        + "than a vector index over (:Track)." + property + "; drop it or write to another property");
            }
        }
        for (ConstraintDefinition constraint : tx.schema().getConstraints()) {
            if (constraint.getName().equals(name)) {
                throw new IllegalArgumentException("a constraint named '" + name + "' already exists; drop it or write "
                        + "to another property");
            }
        }
        return name;
    }

    /**
     * {@link #check(Transaction, String, int)} in a transaction of its own: reading the schema in the caller's
     * transaction would hold a schema lock there that the index creation at the end then waits for forever.
     */
    public static String check(GraphDatabaseService db, String property, int dimension) {
        try (Transaction tx = db.beginTx()) {
            return check(tx, property, dimension);
        }
    }

    /**
     * Creates (if no equivalent one exists, see {@link #check}) a cosine vector index over
     * {@code (:Track).property} with this dimension and waits until it is online; returns its name.
     */
    public static String ensure(GraphDatabaseService db, String property, int dimension, long timeoutSeconds) {
        String name;
        try (Transaction tx = db.beginTx()) {
            name = check(tx, property, dimension);
            if (!exists(tx, name)) {
                tx.schema().indexFor(GraphModel.TRACK).on(property).withIndexType(IndexType.VECTOR)
                        .withIndexConfiguration(Map.of(IndexSetting.vector_Dimensions(), dimension,
                                IndexSetting.vector_Similarity_Function(), SIMILARITY))
                        .withName(name).create();
            }
            tx.commit();
        }
        try (Transaction tx = db.beginTx()) {
            tx.schema().awaitIndexOnline(name, timeoutSeconds, TimeUnit.SECONDS);
        }
        return name;
    }

    /** Drops MUSIG's vector index over {@code property}, if there is one. */
    public static void drop(GraphDatabaseService db, String property) {
        String name = nameFor(property);
        try (Transaction tx = db.beginTx()) {
            for (IndexDefinition index : tx.schema().getIndexes()) {
                if (index.getName().equals(name)) {
                    index.drop();
                }
            }
            tx.commit();
        }
    }

    private static boolean exists(Transaction tx, String name) {
        for (IndexDefinition index : tx.schema().getIndexes()) {
            if (index.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOnly(IndexDefinition index, String property) {
        var keys = index.getPropertyKeys().iterator();
        return keys.hasNext() && keys.next().equals(property) && !keys.hasNext();
    }
}
