package org.musig.loaders;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.musig.common.config.ConfigMap;
import org.musig.common.progress.Progress;
import org.musig.loaders.write.BatchTransaction;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The run every loader shares: checked configuration, the input files below the import directory, the
 * uniqueness constraints it merges on (which must exist), then file by file: validate the whole file (unless
 * {@code onError: 'skip'}), write it in batches, commit, so a bad file writes nothing of itself while files
 * before it stay loaded.
 */
public final class FileLoad {
    /**
     * Reads one file: validating only when {@code writer} is null, else writing through it; {@code bytesRead} takes
     * how far into the file the pass has read, where it can tell (CSV), for the progress.
     */
    public interface Pass<W> {
        void read(Path file, W writer, LongConsumer bytesRead);
    }

    private final long started = System.nanoTime();
    private final String name;
    private final ConfigMap config;
    private final LoadOptions options;
    private int files;

    private FileLoad(String name, ConfigMap config) {
        this.name = name;
        this.config = config;
        this.options = new LoadOptions(config);
    }

    public static FileLoad start(String name, Map<String, Object> rawConfig, List<String> keys) {
        return new FileLoad(name, ConfigMap.of(name, rawConfig, keys));
    }

    public ConfigMap config() {
        return config;
    }

    public LoadOptions options() {
        return options;
    }

    /** Runs the load; returns the writer so the caller can read its counts. */
    public <W> W run(GraphDatabaseService db, ImportDirectory importDirectory, String path, String defaultPattern,
                     Progress progress, Function<BatchTransaction, W> newWriter, Pass<W> pass) {
        List<Path> inputs = InputFiles.list(importDirectory, path, config.getString("pattern", defaultPattern));
        files = inputs.size();
        Schema.require(db, name);
        long bytes = InputFiles.totalBytes(inputs);
        progress.begin(String.format(java.util.Locale.ROOT, "%d file(s), %.1f MB", inputs.size(), bytes / 1e6), bytes);
        try (BatchTransaction batch = new BatchTransaction(db, options.batchSize(), progress)) {
            W writer = newWriter.apply(batch);
            for (Path file : inputs) {
                if (!options.skipInvalid()) {
                    pass.read(file, null, FileProgress.IGNORED);
                }
                FileProgress fileProgress = new FileProgress(progress, InputFiles.totalBytes(List.of(file)));
                pass.read(file, writer, fileProgress);
                batch.commit(); // a loaded file stays, even if a later file is bad
                fileProgress.done();
            }
            batch.finish();
            return writer;
        }
    }

    public int files() {
        return files;
    }

    public long millis() {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
