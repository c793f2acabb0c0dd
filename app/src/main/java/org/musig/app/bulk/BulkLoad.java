package org.musig.app.bulk;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import org.musig.common.progress.Progress;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.LoadException;
import org.musig.loaders.LoadResult;
import org.musig.loaders.Schema;
import org.musig.loaders.bulk.TableRead;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.schema.IndexType;

/**
 * {@code ./musig load mpd|csv PATH --bulk}: the first load of MPD slices or playlist CSVs into an empty database,
 * through Neo4j's offline importer instead of transactions. Same input checks, same graph and same counts as
 * {@code musig.load.mpd} or {@code musig.load.csv} on an empty database (then the uniqueness constraints are created
 * and populated);
 * all or nothing: a bad file fails the load before the database is touched, and a failed import leaves no
 * store behind. Later loads into the database go through {@code musig.load.*} as usual.
 */
public final class BulkLoad {
    private static final Set<String> OWN_CONSTRAINTS = Set.of("musig_playlist_id", "musig_track_id");
    private static final int INDEX_TIMEOUT_MINUTES = 60;

    private BulkLoad() {
    }

    /** What the load did, with the time of each phase: reading the input, writing the store, the constraints. */
    public record Result(LoadResult load, long readMillis, long importMillis, long constraintMillis) {
    }

    /** How the input is read into memory: {@link TableRead#mpd} or {@link TableRead#csv}. */
    @FunctionalInterface
    public interface Reader {
        TableRead read(ImportDirectory importDirectory, String path, Map<String, Object> config, Progress progress);
    }

    /** Runs the load with the server on {@code options}' data directory stopped. */
    public static Result run(ServerOptions options, Reader reader, String path, Map<String, Object> config,
                             Progress progress, PrintStream importerLog) {
        OfflineImport target = new OfflineImport(options.dataDir());
        if (target.storeExists()) {
            requireEmpty(options);
            target.deleteEmptyStore();
        }
        long start = System.nanoTime();
        TableRead read = reader.read(ImportDirectory.of(options.importDir()), path, config, progress);
        long readDone = System.nanoTime();
        progress.begin("writing the store", -1);
        target.write(read.table(), importerLog);
        long importDone = System.nanoTime();
        progress.begin("creating the uniqueness constraints", -1);
        try (EmbeddedServer server = EmbeddedServer.start(options)) {
            GraphDatabaseService db = server.database();
            Schema.ensure(db);
            try (var tx = db.beginTx()) {
                tx.schema().awaitIndexesOnline(INDEX_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            }
        }
        long end = System.nanoTime();
        return new Result(read.result(), (readDone - start) / 1_000_000, (importDone - readDone) / 1_000_000,
                (end - importDone) / 1_000_000);
    }

    /**
     * An existing database may be replaced only when it holds nothing: no node and no index or constraint
     * besides the loaders' own and Neo4j's token lookups (which the import recreates).
     */
    private static void requireEmpty(ServerOptions options) {
        try (EmbeddedServer server = EmbeddedServer.start(options)) {
            GraphDatabaseService db = server.database();
            try (var tx = db.beginTx()) {
                long nodes = tx.getAllNodes().stream().limit(1).count();
                List<String> schema = new ArrayList<>();
                tx.schema().getIndexes().forEach(index -> {
                    boolean own = index.isConstraintIndex() && OWN_CONSTRAINTS.contains(index.getName());
                    if (index.getIndexType() != IndexType.LOOKUP && !own) {
                        schema.add(index.getName());
                    }
                });
                if (nodes > 0 || !schema.isEmpty()) {
                    throw new LoadException("--bulk loads only into an empty database, and the database in "
                            + options.dataDir() + " has " + (nodes > 0 ? "nodes" : "indexes " + schema)
                            + ". Load without --bulk to add to it (transactionally; loading is idempotent), or"
                            + " give --data a new directory.");
                }
            }
        }
    }
}
