package org.musig.procedures.auto;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.kernel.availability.AvailabilityGuard;
import org.neo4j.kernel.availability.AvailabilityListener;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;
import org.neo4j.logging.InternalLog;
import org.neo4j.logging.internal.LogService;

/**
 * Gives every user database an {@link AutoEmbedService} while it runs: when the database becomes available
 * the stored {@code (:MusigAutoEmbed)} registrations are registered again; when it stops, every listener is
 * unregistered and every thread ended. Found through {@code META-INF/services} in the plugin jar (and on the
 * test classpath).
 */
public final class AutoEmbedExtensionFactory extends ExtensionFactory<AutoEmbedExtensionFactory.Dependencies> {

    public interface Dependencies {
        GraphDatabaseAPI graphDatabaseAPI();

        DatabaseManagementService databaseManagementService();

        AvailabilityGuard availabilityGuard();

        LogService logService();
    }

    public AutoEmbedExtensionFactory() {
        super(ExtensionType.DATABASE, "musig-embed-auto");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        return new AutoEmbedLifecycle(dependencies);
    }

    private static final class AutoEmbedLifecycle extends LifecycleAdapter implements AvailabilityListener {
        private final Dependencies dependencies;
        private final InternalLog log;
        private AutoEmbedService service;
        private Thread restoring;

        AutoEmbedLifecycle(Dependencies dependencies) {
            this.dependencies = dependencies;
            this.log = dependencies.logService().getUserLog(AutoEmbedExtensionFactory.class);
        }

        @Override
        public synchronized void start() {
            GraphDatabaseAPI db = dependencies.graphDatabaseAPI();
            if (db.databaseName().equals(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)) {
                return;
            }
            service = new AutoEmbedService(db, dependencies.databaseManagementService(), log);
            service.open();
            dependencies.availabilityGuard().addListener(this);
            if (dependencies.availabilityGuard().isAvailable()) {
                available();
            }
        }

        /** Reads the stored registrations on a thread of its own: the database's start must not wait for it. */
        @Override
        public synchronized void available() {
            if (service == null || restoring != null) {
                return;
            }
            AutoEmbedService target = service;
            restoring = new Thread(() -> {
                try {
                    target.restore();
                } catch (RuntimeException e) {
                    log.warn("musig.embed.auto: could not re-register the stored registrations: " + e);
                }
            }, "musig-embed-auto-restore-" + dependencies.graphDatabaseAPI().databaseName());
            restoring.setDaemon(true);
            restoring.start();
        }

        @Override
        public void unavailable() {
        }

        @Override
        public synchronized void stop() throws InterruptedException {
            if (service == null) {
                return;
            }
            dependencies.availabilityGuard().removeListener(this);
            if (restoring != null) {
                restoring.join(30_000);
                restoring = null;
            }
            service.shutdown();
            service = null;
        }
    }
}
