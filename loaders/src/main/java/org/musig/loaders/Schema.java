package org.musig.loaders;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.ConstraintDefinition;
import org.neo4j.graphdb.schema.ConstraintType;

/**
 * The uniqueness constraints the loaders merge on ({@code :Playlist(id)}, {@code :Track(id)}): what makes a
 * load idempotent and fast (every MERGE an index lookup; two loads can never create the same playlist twice).
 * Creating them is a schema change, made once by {@code musig.schema.create()} (or by the launcher, which owns
 * its database); the loads themselves only write data, so they run in WRITE mode and {@link #require} them.
 */
public final class Schema {
    /** One of the constraints: its name in {@link GraphModel#SCHEMA}, and the label and key it makes unique. */
    public record Constraint(String name, Label label, String property) {
        /** As Cypher writes it, e.g. {@code :Track(id)}. */
        public String pattern() {
            return ":" + label.name() + "(" + property + ")";
        }
    }

    public static final List<Constraint> CONSTRAINTS = List.of(
            new Constraint("musig_playlist_id", GraphModel.PLAYLIST, GraphModel.ID),
            new Constraint("musig_track_id", GraphModel.TRACK, GraphModel.ID));

    private Schema() {
    }

    /**
     * Creates the constraints that are missing (each in a transaction of its own, so the caller needs the
     * privilege to create constraints); those that exist, under any name, are left as they are. Returns the
     * ones it created.
     */
    public static List<Constraint> ensure(GraphDatabaseService db) {
        List<Constraint> missing = missing(db);
        for (String statement : GraphModel.SCHEMA) {
            db.executeTransactionally(statement);
        }
        return missing;
    }

    /** The constraints this database lacks: no uniqueness or key constraint on exactly that label and key. */
    public static List<Constraint> missing(GraphDatabaseService db) {
        try (Transaction tx = db.beginTx()) {
            return missing(tx);
        }
    }

    private static List<Constraint> missing(Transaction tx) {
        List<Constraint> missing = new ArrayList<>();
        for (Constraint wanted : CONSTRAINTS) {
            boolean present = false;
            for (ConstraintDefinition constraint : tx.schema().getConstraints(wanted.label())) {
                ConstraintType type = constraint.getConstraintType();
                List<String> keys = new ArrayList<>();
                constraint.getPropertyKeys().forEach(keys::add);
                if ((type == ConstraintType.UNIQUENESS || type == ConstraintType.NODE_KEY)
                        && keys.equals(List.of(wanted.property()))) {
                    present = true;
                }
            }
            if (!present) {
                missing.add(wanted);
            }
        }
        return missing;
    }

    /**
     * Fails, saying how to create them, when the constraints are missing: a load never creates them itself
     * (it runs in WRITE mode, which cannot change the schema).
     */
    public static void require(GraphDatabaseService db, String loader) {
        List<Constraint> missing = missing(db);
        if (!missing.isEmpty()) {
            throw new LoadException(loader + " merges on the uniqueness constraints on :Playlist(id) and :Track(id), "
                    + "and this database has none on " + String.join(" and ", missing.stream().map(Constraint::pattern)
                            .toList())
                    + ". Create them once with CALL musig.schema.create(), as a user allowed "
                    + "to create constraints (the loaders run in WRITE mode and do not change the schema).");
        }
    }
}
