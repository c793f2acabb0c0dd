package org.musig.procedures.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neo4j.common.DependencyResolver;
import org.neo4j.configuration.Config;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.event.DatabaseEventContext;
import org.neo4j.graphdb.event.DatabaseEventListenerAdapter;
import org.neo4j.kernel.database.NamedDatabaseId;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * The scopes of the running databases, keyed by database id (name and UUID), not by name: a database
 * created again under a dropped one's name has a new UUID. Opened and closed by
 * {@link DatabaseStateExtensionFactory}. Where that extension is not loaded (a server that loads the plugin
 * jar for its procedures only, without it on the classpath that extensions are found on), the first call
 * opens the scope and a database event listener closes it when the database stops or is dropped.
 *
 * <p>The procedures inject only public components ({@code GraphDatabaseService}, {@code Transaction}, ...), so
 * they run without {@code dbms.security.procedures.unrestricted}. Two internal calls remain here, on the
 * object Neo4j injects as the {@code GraphDatabaseService} (in 5.26 it implements {@link GraphDatabaseAPI}):
 * {@link GraphDatabaseAPI#databaseId()}, the only way to tell a database from another one of the same name
 * (in another DBMS of the JVM, or dropped and created again), and, only where the extension is not loaded,
 * {@link GraphDatabaseAPI#getDependencyResolver()} to open the scope. Neo4j's sandbox checks the types a
 * procedure asks to be injected, not what it calls on them, so neither needs the setting.
 */
public final class DatabaseScopes {
    private static final Map<NamedDatabaseId, DatabaseScope> OPEN = new ConcurrentHashMap<>();

    private DatabaseScopes() {
    }

    static DatabaseScope open(GraphDatabaseAPI db, DatabaseManagementService dbms, FileImportSettings fileImports) {
        DatabaseScope scope = new DatabaseScope(db, dbms, fileImports);
        DatabaseScope previous = OPEN.put(scope.id(), scope);
        if (previous != null) {
            previous.close(); // a start without a stop before it: nothing of the old instance survives
        }
        return scope;
    }

    static void close(DatabaseScope scope) {
        OPEN.remove(scope.id(), scope);
        scope.close();
    }

    static DatabaseScope require(GraphDatabaseService db) {
        GraphDatabaseAPI api = api(db);
        DatabaseScope scope = OPEN.get(api.databaseId());
        if (scope == null && api.databaseId().isSystemDatabase()) {
            throw new IllegalStateException("MUSIG procedures run in a user database, not in 'system'");
        }
        if (scope == null) {
            scope = OPEN.computeIfAbsent(api.databaseId(), id -> openUntilStopped(api));
        }
        return scope;
    }

    /** The id of the procedure's database (name and UUID): what MUSIG's per-database state is keyed by. */
    public static NamedDatabaseId idOf(GraphDatabaseService db) {
        return api(db).databaseId();
    }

    /** Where the loaders of the procedure's database may read files from. */
    public static FileImportSettings fileImports(GraphDatabaseService db) {
        return require(db).fileImports();
    }

    private static GraphDatabaseAPI api(GraphDatabaseService db) {
        if (!(db instanceof GraphDatabaseAPI api)) {
            throw new IllegalStateException("MUSIG keeps no state for " + db.getClass().getName());
        }
        return api;
    }

    private static DatabaseScope openUntilStopped(GraphDatabaseAPI api) {
        DependencyResolver resolver = api.getDependencyResolver();
        DatabaseManagementService dbms = resolver.resolveDependency(DatabaseManagementService.class);
        DatabaseScope scope = new DatabaseScope(api, dbms,
                FileImportSettings.of(resolver.resolveDependency(Config.class)));
        dbms.registerDatabaseEventListener(new DatabaseEventListenerAdapter() {
            @Override
            public void databaseShutdown(DatabaseEventContext event) {
                release(event);
            }

            @Override
            public void databaseDrop(DatabaseEventContext event) {
                release(event);
            }

            private void release(DatabaseEventContext event) {
                if (event.getDatabaseName().equals(api.databaseName())) {
                    close(scope);
                    dbms.unregisterDatabaseEventListener(this);
                }
            }
        });
        return scope;
    }

    /** Whether MUSIG holds state for this database instance (tests: nothing is left after a stop). */
    public static boolean isOpen(NamedDatabaseId id) {
        return OPEN.containsKey(id);
    }

    static IllegalStateException notRunning(String database) {
        return new IllegalStateException("MUSIG holds no state for database '" + database + "': it has stopped");
    }
}
