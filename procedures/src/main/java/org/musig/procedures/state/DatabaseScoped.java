package org.musig.procedures.state;

import java.util.function.Function;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * One kind of per-database state, e.g. the graph catalog: {@link #of} gives the running database's own
 * value, created on first use and released when the database stops (closed first if it is
 * {@link AutoCloseable}). Declared once, as a static field of the class that owns the state.
 */
public final class DatabaseScoped<T> {
    private final Class<T> type;
    private final Function<DatabaseScope, T> factory;

    public DatabaseScoped(Class<T> type, Function<DatabaseScope, T> factory) {
        this.type = type;
        this.factory = factory;
    }

    /** The value of the procedure's database. */
    public T of(GraphDatabaseService db) {
        return DatabaseScopes.require(db).get(this);
    }

    Class<T> type() {
        return type;
    }

    T create(DatabaseScope scope) {
        return factory.apply(scope);
    }
}
