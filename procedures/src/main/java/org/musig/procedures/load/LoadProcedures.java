package org.musig.procedures.load;

import java.util.Map;
import java.util.stream.Stream;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.LoadResult;
import org.musig.loaders.csv.FeatureCsvLoader;
import org.musig.loaders.csv.PlaylistCsvLoader;
import org.musig.loaders.mpd.MpdLoader;
import org.musig.model.progress.Progress;
import org.musig.procedures.progress.TaskRegistry;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.Config;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/**
 * {@code musig.load.*}: thin wrappers over the loaders. They read only below the server's import
 * directory, commit in batches of their own and create the
 * uniqueness constraints they merge on when missing (hence Mode.SCHEMA), and report progress.
 */
public class LoadProcedures {
    @Context
    public GraphDatabaseService db;

    /** Internal API, needed to read server.directories.import (hence dbms.security.procedures.unrestricted). */
    @Context
    public GraphDatabaseAPI api;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "musig.load.mpd", mode = Mode.SCHEMA)
    @Description("Loads Million Playlist Dataset slices (a file or a directory of mpd.slice.*.json) from the "
            + "import directory. Config: batchSize (10000), onError ('fail'|'skip'), pattern ('mpd.slice.*.json').")
    public Stream<LoadRow> mpd(@Name("path") String path,
                               @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        return run(MpdLoader.NAME, progress -> MpdLoader.load(db, importDirectory(), path, config, progress));
    }

    @Procedure(name = "musig.load.csv", mode = Mode.SCHEMA)
    @Description("Loads a CSV with one row per (playlist, track) from the import directory. Config: columns "
            + "(field -> header), delimiter (','), acousticColumns, batchSize (10000), onError ('fail'|'skip'), pattern ('*.csv').")
    public Stream<LoadRow> csv(@Name("path") String path,
                               @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        return run(PlaylistCsvLoader.NAME, progress -> PlaylistCsvLoader.load(db, importDirectory(), path, config, progress));
    }

    @Procedure(name = "musig.load.features", mode = Mode.SCHEMA)
    @Description("Loads per-track features (Spotify audio-features columns, optional genre and acoustic_N) onto "
            + "tracks by id. Config: columns, delimiter, acousticColumns, createMissing (false), batchSize, onError, pattern.")
    public Stream<LoadRow> features(@Name("path") String path,
                                    @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        return run(FeatureCsvLoader.NAME, progress -> FeatureCsvLoader.load(db, importDirectory(), path, config, progress));
    }

    private Stream<LoadRow> run(String name, java.util.function.Function<Progress, LoadResult> load) {
        LoadResult result = TaskRegistry.run(db, name, guard, load::apply);
        return Stream.of(LoadRow.of(result));
    }

    private ImportDirectory importDirectory() {
        Config config = api.getDependencyResolver().resolveDependency(Config.class);
        return ImportDirectory.of(config.get(GraphDatabaseSettings.load_csv_file_url_root));
    }

}
