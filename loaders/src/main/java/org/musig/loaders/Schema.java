package org.musig.loaders;

import org.neo4j.graphdb.GraphDatabaseService;

/** Creates the uniqueness constraints the loaders rely on (merging by id) before any write. */
public final class Schema {
    private Schema() {
    }

    public static void ensure(GraphDatabaseService db) {
        for (String statement : GraphModel.SCHEMA) {
            db.executeTransactionally(statement);
        }
    }
}
