package org.musig.loaders.mpd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.InputFiles;
import org.musig.loaders.LoadOptions;
import org.musig.loaders.LoadResult;
import org.musig.loaders.Schema;
import org.musig.loaders.write.BatchTransaction;
import org.musig.loaders.write.MembershipWriter;
import org.musig.model.config.ConfigMap;
import org.musig.model.progress.Progress;
import org.neo4j.graphdb.GraphDatabaseService;

/** Loads Million Playlist Dataset slices (one file, or a directory of them) into the graph. */
public final class MpdLoader {
    public static final String NAME = "musig.load.mpd";
    public static final List<String> CONFIG_KEYS = LoadOptions.keysWith("pattern");

    private MpdLoader() {
    }

    public static LoadResult load(GraphDatabaseService db, ImportDirectory importDirectory, String path,
                                  Map<String, Object> rawConfig, Progress progress) {
        long started = System.nanoTime();
        ConfigMap config = ConfigMap.of(NAME, rawConfig, CONFIG_KEYS);
        LoadOptions options = new LoadOptions(config);
        String pattern = config.getString("pattern", "mpd.slice.*.json");
        List<Path> files = InputFiles.list(importDirectory, path, pattern);
        Schema.ensure(db);
        progress.begin("load mpd: " + files.size() + " file(s)", InputFiles.totalBytes(files));

        long playlists = 0;
        MembershipWriter writer;
        try (BatchTransaction batch = new BatchTransaction(db, options.batchSize(), progress)) {
            writer = new MembershipWriter(batch);
            for (Path file : files) {
                if (!options.skipInvalid()) {
                    // Validate the whole file first: a bad file must write nothing of itself.
                    new MpdSliceReader(file, false, options::skipped).read((p, t) -> progress.checkRunning());
                }
                playlists += new MpdSliceReader(file, options.skipInvalid(), options::skipped).read((playlist, tracks) -> {
                    for (MpdTrack entry : tracks) {
                        writer.write(playlist, entry.track(), entry.position());
                    }
                    writer.playlistDone(playlist.id());
                });
                batch.commit(); // a loaded file stays, even if a later file is bad
                progress.advance(size(file));
            }
            batch.finish();
        }
        return new LoadResult(files.size(), playlists, writer.tracks(), writer.memberships(),
                writer.playlistsCreated(), writer.tracksCreated(), writer.membershipsCreated(), writer.duplicates(),
                0, options.skippedCount(), options.errors(), (System.nanoTime() - started) / 1_000_000,
                config.echo());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
