package org.musig.app.bulk;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.musig.loaders.LoadException;
import org.musig.loaders.bulk.MembershipTable;
import org.neo4j.batchimport.api.BatchImporter;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.Monitor;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.commandline.dbms.CannotWriteException;
import org.neo4j.commandline.dbms.LockChecker;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.internal.batchimport.DefaultAdditionalIds;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileSystemAbstraction;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;
import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.kernel.impl.index.schema.IndexImporterFactoryImpl;
import org.neo4j.kernel.impl.scheduler.JobSchedulerFactory;
import org.neo4j.kernel.impl.transaction.log.files.TransactionLogInitializer;
import org.neo4j.logging.internal.NullLogService;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.scheduler.JobScheduler;
import org.neo4j.storageengine.api.StorageEngineFactory;

/**
 * Writes a {@link MembershipTable} as the store of the database {@code neo4j} under a server's data
 * directory with Neo4j's parallel batch importer (what {@code neo4j-admin database import} runs), while no
 * server has that directory open. It builds store files directly instead of committing transactions, which
 * is what makes a first load of millions of memberships fast; it only creates a database, never adds to one.
 *
 * <p>The store is built under a staging database name and moved into place only when complete, so a failed
 * or killed import never leaves a partial store where the server would open it; the next import removes
 * what a killed one left in staging.
 */
public final class OfflineImport {
    public static final String DATABASE = "neo4j";
    private static final String STAGING = "musig-bulk-staging";

    private final DatabaseLayout layout;
    private final DatabaseLayout staging;
    private final Config config;

    public OfflineImport(Path dataDir) {
        Path data = dataDir.toAbsolutePath();
        this.config = Config.newBuilder()
                .set(GraphDatabaseSettings.neo4j_home, data)
                .set(GraphDatabaseSettings.data_directory, data)
                .build();
        Neo4jLayout neo4j = Neo4jLayout.of(config);
        this.layout = neo4j.databaseLayout(DATABASE);
        this.staging = neo4j.databaseLayout(STAGING);
    }

    /** True when the database's store files exist (the database was created, loaded or not). */
    public boolean storeExists() {
        return hasFiles(layout.databaseDirectory(), layout.databaseLockFile());
    }

    /**
     * Deletes the database's store and transaction logs (only called for a database checked to be empty, with
     * the server stopped): the importer refuses to write over store files.
     */
    public void deleteEmptyStore() {
        delete(layout);
    }

    /**
     * Imports the table; {@code log} receives the importer's own progress lines. Uses every core, as
     * {@code neo4j-admin} does.
     */
    public void write(MembershipTable table, PrintStream log) {
        if (storeExists()) {
            throw new LoadException("The database '" + DATABASE + "' already has store files in "
                    + layout.databaseDirectory() + "; an offline import only creates a database");
        }
        delete(staging);
        try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction();
             var lock = lock(layout);
             var stagingLock = lock(staging);
             JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler()) {
            StorageEngineFactory engine = StorageEngineFactory.selectStorageEngine(config);
            BatchImporter importer = engine.batchImporter(staging, fs, PageCacheTracer.NULL, Configuration.DEFAULT,
                    NullLogService.getInstance(), log, false, DefaultAdditionalIds.EMPTY, config,
                    Monitor.NO_MONITOR, scheduler, Collector.STRICT, TransactionLogInitializer.getLogFilesInitializer(),
                    new IndexImporterFactoryImpl(), EmptyMemoryTracker.INSTANCE,
                    CursorContextFactory.NULL_CONTEXT_FACTORY);
            importer.doImport(TableInput.of(table));
        } catch (IOException e) {
            delete(staging);
            throw new UncheckedIOException("The offline import into " + staging.databaseDirectory() + " failed", e);
        } catch (RuntimeException e) {
            delete(staging);
            throw e;
        }
        moveIntoPlace();
    }

    /**
     * Transaction logs first, then the store: the server takes a database directory without store files as a
     * database to create, and the next import clears logs left without a store.
     */
    private void moveIntoPlace() {
        try {
            delete(layout);
            Files.createDirectories(layout.getTransactionLogsDirectory().getParent());
            Files.move(staging.getTransactionLogsDirectory(), layout.getTransactionLogsDirectory(),
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging.databaseDirectory(), layout.databaseDirectory(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the imported store from " + staging.databaseDirectory()
                    + " to " + layout.databaseDirectory(), e);
        }
    }

    /** Holds the database's lock, as a server would: refuses while a server has the directory open. */
    private static Closeable lock(DatabaseLayout database) {
        try {
            Files.createDirectories(database.databaseDirectory());
            return LockChecker.checkDatabaseLock(database);
        } catch (CannotWriteException e) {
            throw new LoadException("The database in " + database.databaseDirectory()
                    + " is in use (is a MUSIG server running on this --data?): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + database.databaseDirectory(), e);
        }
    }

    private static void delete(DatabaseLayout database) {
        try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            fs.deleteRecursively(database.databaseDirectory());
            fs.deleteRecursively(database.getTransactionLogsDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + database.databaseDirectory(), e);
        }
    }

    private static boolean hasFiles(Path directory, Path ignored) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var entries = Files.list(directory)) {
            return entries.anyMatch(p -> !p.equals(ignored));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    /** For callers that do not want the importer's progress lines. */
    public static PrintStream discard() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
