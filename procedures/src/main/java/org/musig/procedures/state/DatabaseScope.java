package org.musig.procedures.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.kernel.database.NamedDatabaseId;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * The in-memory state MUSIG holds for one running database instance (its graph catalog, embedding cache,
 * task list, model leases), and the file import settings its loaders obey: opened when the database starts,
 * closed when it stops or is dropped. A database dropped and created again under the same name gets a new
 * id, so a new scope that shares nothing with the old one.
 */
public final class DatabaseScope {
    private final GraphDatabaseAPI db;
    private final DatabaseManagementService dbms;
    private final FileImportSettings fileImports;
    private final Map<DatabaseScoped<?>, Object> values = new ConcurrentHashMap<>();
    private boolean closed;

    DatabaseScope(GraphDatabaseAPI db, DatabaseManagementService dbms, FileImportSettings fileImports) {
        this.db = db;
        this.dbms = dbms;
        this.fileImports = fileImports;
    }

    public NamedDatabaseId id() {
        return db.databaseId();
    }

    public GraphDatabaseAPI db() {
        return db;
    }

    public DatabaseManagementService dbms() {
        return dbms;
    }

    /** Where the loaders may read files from, as the server was configured when the database started. */
    public FileImportSettings fileImports() {
        return fileImports;
    }

    /** This database's value of {@code kind}, created on first use; fails once the database has stopped. */
    synchronized <T> T get(DatabaseScoped<T> kind) {
        if (closed) {
            throw DatabaseScopes.notRunning(db.databaseName());
        }
        return kind.type().cast(values.computeIfAbsent(kind, k -> kind.create(this)));
    }

    /** Drops every value; those that hold resources (listeners) are closed. Calls still running keep what they hold. */
    void close() {
        List<Object> released;
        synchronized (this) {
            closed = true;
            released = new ArrayList<>(values.values());
            values.clear();
        }
        for (Object value : released) {
            if (value instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // The database is going away; what the value held goes with it.
                }
            }
        }
    }
}
