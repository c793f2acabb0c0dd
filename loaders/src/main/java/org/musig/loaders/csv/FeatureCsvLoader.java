package org.musig.loaders.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.musig.common.progress.Progress;
import org.musig.loaders.FileLoad;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.LoadException;
import org.musig.loaders.LoadOptions;
import org.musig.loaders.LoadResult;
import org.musig.loaders.TrackRecord;
import org.musig.loaders.write.FeatureWriter;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Loads a CSV of per-track features keyed by track id (Spotify's audio-features columns, optional
 * {@code genre} and {@code acoustic_0..N} columns) onto existing tracks. Tracks not in the graph are
 * counted and the first ones named, or created when {@code createMissing: true}.
 */
public final class FeatureCsvLoader {
    public static final String NAME = "musig.load.features";
    public static final List<String> CONFIG_KEYS =
            LoadOptions.keysWith("columns", "delimiter", "acousticColumns", "pattern", "createMissing");
    /** Playlist fields mean nothing in a per-track file. */
    private static final Set<String> NOT_READ = Set.of("playlistId", "playlistName", "subgenre", "position");
    private static final int NOT_FOUND_REPORTED = 20;

    private FeatureCsvLoader() {
    }

    public static LoadResult load(GraphDatabaseService db, ImportDirectory importDirectory, String path,
                                  Map<String, Object> rawConfig, Progress progress) {
        FileLoad load = FileLoad.start(NAME, rawConfig, CONFIG_KEYS);
        CsvSettings settings = CsvSettings.read(load.config());
        boolean createMissing = load.config().getBoolean("createMissing", false);
        LoadOptions options = load.options();
        List<String> notFound = new ArrayList<>();
        FeatureWriter writer = load.run(db, importDirectory, path, "*.csv", progress,
                batch -> new FeatureWriter(batch, createMissing), (file, w, bytesRead) -> readFile(file, settings,
                        options, w == null ? track -> progress.checkRunning() : track -> {
                            if (!w.write(track) && notFound.size() < NOT_FOUND_REPORTED) {
                                notFound.add(track.id());
                            }
                        }, bytesRead));
        if (writer.notFound() > 0) {
            options.notice(writer.notFound() + " track id(s) not in the graph (not created; set createMissing: true "
                    + "to create them), e.g. " + notFound);
        }
        return new LoadResult(load.files(), 0, writer.tracks(), 0, 0, writer.created(), 0, writer.duplicates(),
                writer.notFound(), options.skippedCount(), options.errors(), options.notices(), load.millis(),
                load.config().echo());
    }

    private static void readFile(Path file, CsvSettings settings, LoadOptions options,
                                 java.util.function.Consumer<TrackRecord> sink, LongConsumer bytesRead) {
        try (CsvRowReader reader = CsvRowReader.open(file, settings.delimiter(), bytesRead)) {
            String name = reader.fileName();
            CsvColumns columns = CsvColumns.resolve(name, reader.header(), settings.columns(),
                    settings.acousticColumns(), NOT_READ);
            columns.requireTrackId(name);
            CsvValues values = new CsvValues(name, columns);
            TrackRowMapper tracks = new TrackRowMapper(columns, values, true);
            tracks.reportIncompleteAudio(name, options);
            String[] row;
            while ((row = reader.next(options)) != null) {
                values.at(row, reader.line());
                try {
                    sink.accept(tracks.map());
                } catch (LoadException e) {
                    options.rejectRow(e);
                }
            }
        }
    }
}
