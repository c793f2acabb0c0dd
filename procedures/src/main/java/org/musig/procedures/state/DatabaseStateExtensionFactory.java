package org.musig.procedures.state;

import org.neo4j.configuration.Config;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;

/**
 * Gives every user database a {@link DatabaseScope} while it runs: opened when the database starts, closed
 * (its graphs, cached matrices and tasks released, its listeners unregistered) when it stops, which a drop
 * does first. The system database gets none: MUSIG does not run there, and its id is the same in every DBMS
 * of a JVM. Found through {@code META-INF/services} in the plugin jar (and on the test classpath). It also reads
 * the server settings the loaders need ({@link FileImportSettings}): an extension may depend on the server's
 * internal services, a procedure that runs without {@code dbms.security.procedures.unrestricted} may not.
 */
public final class DatabaseStateExtensionFactory extends ExtensionFactory<DatabaseStateExtensionFactory.Dependencies> {

    public interface Dependencies {
        GraphDatabaseAPI graphDatabaseAPI();

        DatabaseManagementService databaseManagementService();

        Config config();
    }

    public DatabaseStateExtensionFactory() {
        super(ExtensionType.DATABASE, "musig-database-state");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        return new LifecycleAdapter() {
            private DatabaseScope scope;

            @Override
            public synchronized void start() {
                GraphDatabaseAPI db = dependencies.graphDatabaseAPI();
                if (!db.databaseId().isSystemDatabase()) {
                    scope = DatabaseScopes.open(db, dependencies.databaseManagementService(),
                            FileImportSettings.of(dependencies.config()));
                }
            }

            @Override
            public synchronized void stop() {
                if (scope != null) {
                    DatabaseScopes.close(scope);
                    scope = null;
                }
            }
        };
    }
}
