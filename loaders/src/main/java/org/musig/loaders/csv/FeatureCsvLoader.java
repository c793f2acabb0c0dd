package org.musig.loaders.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.InputFiles;
import org.musig.loaders.LoadException;
import org.musig.loaders.LoadOptions;
import org.musig.loaders.LoadResult;
import org.musig.loaders.Schema;
import org.musig.loaders.TrackRecord;
import org.musig.loaders.write.BatchTransaction;
import org.musig.loaders.write.FeatureWriter;
import org.musig.model.config.ConfigMap;
import org.musig.model.progress.Progress;
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
        long started = System.nanoTime();
        ConfigMap config = ConfigMap.of(NAME, rawConfig, CONFIG_KEYS);
        LoadOptions options = new LoadOptions(config);
        CsvSettings settings = CsvSettings.read(config);
        boolean createMissing = config.getBoolean("createMissing", false);
        List<Path> files = InputFiles.list(importDirectory, path, config.getString("pattern", "*.csv"));
        Schema.ensure(db);
        progress.begin("load features: " + files.size() + " file(s)", InputFiles.totalBytes(files));

        FeatureWriter writer;
        List<String> notFound = new ArrayList<>();
        try (BatchTransaction batch = new BatchTransaction(db, options.batchSize(), progress)) {
            writer = new FeatureWriter(batch, createMissing);
            for (Path file : files) {
                if (!options.skipInvalid()) {
                    readFile(file, settings, options, track -> { });
                }
                readFile(file, settings, options, track -> {
                    if (!writer.write(track) && notFound.size() < NOT_FOUND_REPORTED) {
                        notFound.add(track.id());
                    }
                });
                batch.commit(); // a loaded file stays, even if a later file is bad
                progress.advance(InputFiles.totalBytes(List.of(file)));
            }
            batch.finish();
        }
        List<String> messages = new ArrayList<>(options.errors());
        if (writer.notFound() > 0) {
            messages.add(writer.notFound() + " track id(s) not in the graph (not created; set createMissing: true "
                    + "to create them), e.g. " + notFound);
        }
        return new LoadResult(files.size(), 0, writer.tracks(), 0, 0, writer.created(), 0, writer.duplicates(),
                writer.notFound(), options.skippedCount(), messages, (System.nanoTime() - started) / 1_000_000,
                config.echo());
    }

    private static void readFile(Path file, CsvSettings settings, LoadOptions options,
                                 java.util.function.Consumer<TrackRecord> sink) {
        try (CsvRowReader reader = CsvRowReader.open(file, settings.delimiter())) {
            String name = reader.fileName();
            CsvColumns columns = CsvColumns.resolve(name, reader.header(), settings.columns(),
                    settings.acousticColumns(), NOT_READ);
            columns.require(name, "trackId");
            CsvValues values = new CsvValues(name, columns);
            TrackRowMapper tracks = new TrackRowMapper(columns, values, true);
            String[] row;
            while ((row = reader.next()) != null) {
                values.at(row, reader.line());
                try {
                    sink.accept(tracks.map());
                } catch (LoadException e) {
                    if (!options.skipInvalid()) {
                        throw e;
                    }
                    options.skipped(e.getMessage());
                }
            }
        }
    }
}
