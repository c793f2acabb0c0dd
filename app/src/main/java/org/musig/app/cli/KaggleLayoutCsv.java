package org.musig.app.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.InputFiles;
import org.musig.loaders.mpd.MpdLoader;
import org.musig.loaders.mpd.MpdSliceReader;
import org.musig.loaders.mpd.MpdTrack;

/**
 * Writes MPD slices as one flat CSV in the layout of Kaggle's "Spotify Playlists" export: a row per (playlist, track)
 * with {@code user_id, artistname, trackname, playlistname} and no ids, so {@code bench load --csv} measures the CSV
 * path on the export users have at its size. Each playlist gets its own user ({@code user<pid>}), so the joined key
 * [user_id, playlistname] keeps playlists of one name apart.
 */
final class KaggleLayoutCsv {
    /** The configuration that loads the file: tracks by artist and title, playlists by owner and name. */
    static final Map<String, Object> LOAD_CONFIG = Map.of("columns", Map.of(
            "trackId", List.of("artistname", "trackname"), "playlistId", List.of("user_id", "playlistname")));

    private static final CsvSchema SCHEMA = CsvSchema.builder().addColumn("user_id").addColumn("artistname")
            .addColumn("trackname").addColumn("playlistname").setUseHeader(true).build();

    private KaggleLayoutCsv() {
    }

    /**
     * Writes the slices that {@code musig.load.mpd(slices)} would read below {@code importDir} to {@code target}, in
     * the same order; returns the rows written.
     */
    static long write(Path importDir, String slices, Path target) throws IOException {
        List<Path> files = InputFiles.list(ImportDirectory.of(importDir), slices, MpdLoader.DEFAULT_PATTERN);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long[] rows = {0};
        try (SequenceWriter out = new CsvMapper().writer(SCHEMA).writeValues(Files.newBufferedWriter(partial))) {
            for (Path slice : files) {
                new MpdSliceReader(slice, false, message -> {
                }).read((playlist, tracks) -> {
                    String user = "user" + playlist.id();
                    Object name = playlist.properties().getOrDefault("name", "");
                    for (MpdTrack entry : tracks) {
                        Map<String, Object> track = entry.track().properties();
                        try {
                            out.write(new Object[] {user, track.getOrDefault("artist", ""),
                                    track.getOrDefault("name", ""), name});
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        rows[0]++;
                    }
                });
            }
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return rows[0];
    }
}
