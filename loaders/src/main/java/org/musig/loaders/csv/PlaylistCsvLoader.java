package org.musig.loaders.csv;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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
import org.musig.loaders.PlaylistRecord;
import org.musig.loaders.TrackIds;
import org.musig.loaders.TrackRecord;
import org.musig.loaders.write.MembershipWriter;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Loads a flat CSV with one row per (playlist, track), track metadata and audio features on the row
 * (the TidyTuesday Spotify export as it is; other exports through {@code columns}; a folder of one-playlist files,
 * as Exportify writes them, with {@code playlistFromFileName}). A track's position is the {@code position} column
 * when there is one, else its order among the playlist's rows.
 */
public final class PlaylistCsvLoader {
    public static final String NAME = "musig.load.csv";
    public static final List<String> CONFIG_KEYS =
            LoadOptions.keysWith("columns", "delimiter", "acousticColumns", "pattern", "playlistFromFileName");
    /** The files of a folder that are read when the configuration names no {@code pattern}. */
    public static final String DEFAULT_PATTERN = "*.csv";

    private PlaylistCsvLoader() {
    }

    public static LoadResult load(GraphDatabaseService db, ImportDirectory importDirectory, String path,
                                  Map<String, Object> rawConfig, Progress progress) {
        FileLoad load = FileLoad.start(NAME, rawConfig, CONFIG_KEYS);
        CsvSettings settings = CsvSettings.read(load.config());
        LoadOptions options = load.options();
        Set<String> playlistIds = new java.util.HashSet<>();
        MembershipWriter writer = load.run(db, importDirectory, path, DEFAULT_PATTERN, progress,
                MembershipWriter::new, (file, w, bytesRead) -> readFile(file, settings, options,
                        w == null ? (playlist, track, position) -> progress.checkRunning()
                                : (playlist, track, position) -> {
                                    playlistIds.add(playlist.id());
                                    w.write(playlist, track, position);
                                },
                        bytesRead));
        if (writer.artistConflictNotice() != null) {
            options.notice(writer.artistConflictNotice());
        }
        return new LoadResult(load.files(), playlistIds.size(), writer.tracks(), writer.memberships(),
                writer.playlistsCreated(), writer.tracksCreated(), writer.membershipsCreated(), writer.duplicates(),
                0, options.skippedCount(), options.errors(), options.notices(), load.millis(), load.config().echo());
    }

    /** A file's playlist id under playlistFromFileName: its name without the {@code .csv} extension. */
    private static String playlistOfFile(String fileName) {
        String base = fileName.replaceFirst("(?i)\\.csv$", "");
        if (base.isBlank()) {
            throw new LoadException(fileName + ": the file name gives no playlist id (playlistFromFileName)");
        }
        if (TrackIds.lengthProblem("playlist", base) != null) {
            throw new LoadException(fileName + ": " + TrackIds.lengthProblem("playlist", base));
        }
        return base;
    }

    /** Takes a file's valid rows. */
    public interface RowSink {
        /** @param position the track's position column, or -1 when the row has none (its order among the playlist's rows) */
        void row(PlaylistRecord playlist, TrackRecord track, int position);
    }

    /**
     * Reads one file of a load started with {@link #NAME} and {@link #CONFIG_KEYS} (the offline import's read, {@code
     * ./musig load csv --bulk}), handing each valid row to {@code sink}; bad rows go to the load's options, and
     * {@code bytesRead} takes how far into the file the read has come.
     */
    public static void readFile(FileLoad load, Path file, RowSink sink, LongConsumer bytesRead) {
        readFile(file, CsvSettings.read(load.config()), load.options(), sink, bytesRead);
    }

    private static void readFile(Path file, CsvSettings settings, LoadOptions options, RowSink sink,
                                 LongConsumer bytesRead) {
        try (CsvRowReader reader = CsvRowReader.open(file, settings.delimiter(), bytesRead)) {
            String name = reader.fileName();
            CsvColumns columns = CsvColumns.resolve(name, reader.header(), settings.columns(),
                    settings.acousticColumns(), Set.of());
            String filePlaylist = settings.playlistFromFileName() ? playlistOfFile(name) : null;
            columns.requireTrackId(name);
            if (filePlaylist == null) {
                String playlistName = columns.headerName("playlistName");
                columns.requireOr(name, "playlistId", (playlistName == null ? ""
                        : "{playlistId: '" + playlistName + "'} to tell the playlists apart by their names, which "
                                + "merges playlists of one name (or {playlistId: ['<owner column>', '" + playlistName
                                + "']} where each owner names their playlists), or ")
                        + "pass playlistFromFileName: true when each file is one playlist, as Exportify writes them");
            }
            CsvValues values = new CsvValues(name, columns);
            TrackRowMapper tracks = new TrackRowMapper(columns, values, false);
            tracks.reportIncompleteAudio(name, options);
            // Playlist records are shared by all rows of a playlist with the same labels.
            Map<String, PlaylistRecord> playlists = new LinkedHashMap<>();
            String[] row;
            while ((row = reader.next(options)) != null) {
                values.at(row, reader.line());
                try {
                    TrackRecord track = tracks.map();
                    String playlistId = filePlaylist != null ? filePlaylist : values.required("playlistId");
                    if (TrackIds.lengthProblem("playlist", playlistId) != null) {
                        throw values.fail(TrackIds.lengthProblem("playlist", playlistId));
                    }
                    String genre = values.text("genre");
                    String subgenre = values.text("subgenre");
                    String key = playlistId + '\u0000' + genre + '\u0000' + subgenre;
                    PlaylistRecord playlist = playlists.computeIfAbsent(key, k -> {
                        Map<String, Object> props = new LinkedHashMap<>();
                        String playlistName = values.text("playlistName");
                        if (playlistName == null) {
                            playlistName = filePlaylist;
                        }
                        if (playlistName != null) {
                            props.put("name", playlistName);
                        }
                        return new PlaylistRecord(playlistId, props, genre, subgenre);
                    });
                    Long position = values.integer("position");
                    if (position != null && (position < 0 || position > Integer.MAX_VALUE)) {
                        throw values.fail("position " + position + " is out of range");
                    }
                    sink.row(playlist, track, position == null ? -1 : position.intValue());
                } catch (LoadException e) {
                    options.rejectRow(e);
                }
            }
        }
    }
}
