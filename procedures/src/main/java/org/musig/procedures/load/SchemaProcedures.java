package org.musig.procedures.load;

import java.util.List;
import java.util.stream.Stream;
import org.musig.loaders.Schema;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Procedure;

/**
 * {@code musig.schema.create}: the one MUSIG step that changes the schema. The loaders merge on uniqueness
 * constraints; creating those needs the SCHEMA mode (and, on Enterprise, a role allowed to create
 * constraints), so it is done once here, and the loaders run in WRITE mode.
 */
public class SchemaProcedures {
    @Context
    public GraphDatabaseService db;

    public record ConstraintRow(String constraintName, String label, String property, boolean created) {
    }

    @Procedure(name = "musig.schema.create", mode = Mode.SCHEMA)
    @Description("Creates the uniqueness constraints the musig.load.* procedures merge on (:Playlist(id), "
            + ":Track(id)) where missing. Run it once per database, before the first load; idempotent.")
    public Stream<ConstraintRow> create() {
        List<Schema.Constraint> created = Schema.ensure(db);
        return Schema.CONSTRAINTS.stream().map(c -> new ConstraintRow(c.name(), c.label().name(), c.property(),
                created.contains(c)));
    }
}
