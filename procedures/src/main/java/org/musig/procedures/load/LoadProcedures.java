package org.musig.procedures.load;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.musig.common.progress.Progress;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.LoadException;
import org.musig.loaders.LoadResult;
import org.musig.loaders.csv.FeatureCsvLoader;
import org.musig.loaders.csv.PlaylistCsvLoader;
import org.musig.loaders.mpd.MpdLoader;
import org.musig.procedures.progress.TaskRegistry;
import org.musig.procedures.state.DatabaseScopes;
import org.musig.procedures.state.FileImportSettings;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.security.URLAccessChecker;
import org.neo4j.graphdb.security.URLAccessValidationError;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/**
 * {@code musig.load.*}: thin wrappers over the loaders. They read only below the server's import directory
 * (and not at all where {@code dbms.security.allow_csv_import_from_file_urls} is false), each file also
 * passing Neo4j's own URL check for the caller (the LOAD privilege), commit in batches of their own in the
 * caller's name, and report progress. They merge on uniqueness constraints that {@code musig.schema.create()}
 * makes once, so they only write data (Mode.WRITE).
 *
 * <p>Neo4j 5.26's {@link URLAccessChecker} does not map a {@code file:} URL into the import directory (it
 * returns it as given: that is LOAD CSV's own file rule, which procedures cannot reach), so the confinement is
 * MUSIG's ({@link ImportDirectory}), on the settings its database extension read at startup.
 */
public class LoadProcedures {
    @Context
    public GraphDatabaseService db;

    @Context
    public TerminationGuard guard;

    @Context
    public URLAccessChecker urlAccess;

    @Procedure(name = "musig.load.mpd", mode = Mode.WRITE)
    @Description("Loads Million Playlist Dataset slices (a file or a directory of mpd.slice.*.json) from the "
            + "import directory (after CALL musig.schema.create() once). Config: batchSize (10000), "
            + "onError ('fail'|'skip'), pattern ('mpd.slice.*.json').")
    public Stream<LoadRow> mpd(@Name("path") String path,
                               @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        return run(MpdLoader.NAME, progress -> MpdLoader.load(db, importDirectory(), path, config, progress));
    }

    @Procedure(name = "musig.load.csv", mode = Mode.WRITE)
    @Description("Loads a CSV with one row per (playlist, track) from the import directory (after CALL "
            + "musig.schema.create() once). Config: columns (field -> header), delimiter (','), acousticColumns, "
            + "batchSize (10000), onError ('fail'|'skip'), pattern ('*.csv').")
    public Stream<LoadRow> csv(@Name("path") String path,
                               @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        return run(PlaylistCsvLoader.NAME,
                progress -> PlaylistCsvLoader.load(db, importDirectory(), path, config, progress));
    }

    @Procedure(name = "musig.load.features", mode = Mode.WRITE)
    @Description("Loads per-track features (Spotify audio-features columns, optional genre and acoustic_N) onto "
            + "tracks by id (after CALL musig.schema.create() once). Config: columns, delimiter, acousticColumns, "
            + "createMissing (false), batchSize, onError, pattern.")
    public Stream<LoadRow> features(@Name("path") String path,
                                    @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        return run(FeatureCsvLoader.NAME,
                progress -> FeatureCsvLoader.load(db, importDirectory(), path, config, progress));
    }

    private Stream<LoadRow> run(String name, java.util.function.Function<Progress, LoadResult> load) {
        LoadResult result = TaskRegistry.run(db, name, guard, load::apply);
        return Stream.of(LoadRow.of(result));
    }

    private ImportDirectory importDirectory() {
        FileImportSettings settings = DatabaseScopes.fileImports(db);
        if (!settings.fileImportsAllowed()) {
            throw new LoadException("File imports are disabled on this server "
                    + "(dbms.security.allow_csv_import_from_file_urls=false); MUSIG loaders read files only as "
                    + "LOAD CSV may.");
        }
        return ImportDirectory.of(settings.importDirectory(), this::checkLoadAllowed);
    }

    /** Neo4j's check of a URL for the caller, as for LOAD CSV: refuses where the LOAD privilege is denied. */
    private void checkLoadAllowed(Path file) {
        try {
            urlAccess.checkURL(file.toUri().toURL());
        } catch (URLAccessValidationError | MalformedURLException e) {
            throw new LoadException("Reading '" + file.getFileName() + "' is not allowed: " + e.getMessage(), e);
        }
    }

}
