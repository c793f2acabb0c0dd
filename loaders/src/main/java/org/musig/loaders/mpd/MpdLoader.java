package org.musig.loaders.mpd;

import java.util.List;
import java.util.Map;
import org.musig.common.progress.Progress;
import org.musig.loaders.FileLoad;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.LoadOptions;
import org.musig.loaders.LoadResult;
import org.musig.loaders.write.MembershipWriter;
import org.neo4j.graphdb.GraphDatabaseService;

/** Loads Million Playlist Dataset slices (one file, or a directory of them) into the graph. */
public final class MpdLoader {
    public static final String NAME = "musig.load.mpd";
    public static final List<String> CONFIG_KEYS = LoadOptions.keysWith("pattern");
    /** The files of a folder that are read when the configuration names no {@code pattern}. */
    public static final String DEFAULT_PATTERN = "mpd.slice.*.json";

    private MpdLoader() {
    }

    public static LoadResult load(GraphDatabaseService db, ImportDirectory importDirectory, String path,
                                  Map<String, Object> rawConfig, Progress progress) {
        FileLoad load = FileLoad.start(NAME, rawConfig, CONFIG_KEYS);
        LoadOptions options = load.options();
        long[] playlists = {0};
        MembershipWriter writer = load.run(db, importDirectory, path, DEFAULT_PATTERN, progress,
                MembershipWriter::new, (file, w, bytesRead) -> {
                    MpdSliceReader reader = new MpdSliceReader(file, options.skipInvalid(), options::skipped);
                    if (w == null) {
                        reader.read((playlist, tracks) -> progress.checkRunning());
                        return;
                    }
                    playlists[0] += reader.read((playlist, tracks) -> {
                        for (MpdTrack entry : tracks) {
                            w.write(playlist, entry.track(), entry.position());
                        }
                        w.playlistDone(playlist.id());
                    });
                });
        if (writer.artistConflictNotice() != null) {
            options.notice(writer.artistConflictNotice());
        }
        return new LoadResult(load.files(), playlists[0], writer.tracks(), writer.memberships(),
                writer.playlistsCreated(), writer.tracksCreated(), writer.membershipsCreated(), writer.duplicates(),
                0, options.skippedCount(), options.errors(), options.notices(), load.millis(), load.config().echo());
    }
}
