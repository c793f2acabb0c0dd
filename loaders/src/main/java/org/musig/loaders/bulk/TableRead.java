package org.musig.loaders.bulk;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.musig.common.progress.Progress;
import org.musig.loaders.FileLoad;
import org.musig.loaders.FileProgress;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.InputFiles;
import org.musig.loaders.LoadException;
import org.musig.loaders.LoadResult;
import org.musig.loaders.PlaylistRecord;
import org.musig.loaders.csv.PlaylistCsvLoader;
import org.musig.loaders.mpd.MpdLoader;
import org.musig.loaders.mpd.MpdSliceReader;
import org.musig.loaders.mpd.MpdTrack;

/**
 * Reads a load's input into a {@link MembershipTable} for an offline import: MPD slices with {@code musig.load.mpd}'s
 * configuration, file selection, limits and error messages, or playlist CSVs with {@code musig.load.csv}'s. Nothing is
 * written while reading, so one pass both validates and collects: a bad file (with {@code onError: 'fail'}) fails the
 * whole load before the database is touched.
 */
public final class TableRead {
    /**
     * Share of the maximum heap the table may take; the rest is for the files parsed ahead, the importer's
     * own heap and the server that creates the constraints afterwards.
     */
    static final double HEAP_SHARE = 0.6;

    /** CSV rows read between two checks of the heap bound and of a request to stop. */
    private static final int CSV_ROWS_PER_CHECK = 100_000;

    private final FileLoad load;
    private final long heapBudget;
    private final MembershipTable table = new MembershipTable();
    /** Playlists read, as the transactional loader counts them: MPD entries, or distinct CSV playlist ids. */
    private long playlists;
    private int files;

    private TableRead(FileLoad load, long heapBudget) {
        this.load = load;
        this.heapBudget = heapBudget;
    }

    /** The input of {@code musig.load.mpd(path, rawConfig)}. */
    public static TableRead mpd(ImportDirectory importDirectory, String path, Map<String, Object> rawConfig,
                                Progress progress) {
        return mpd(importDirectory, path, rawConfig, progress, defaultBudget());
    }

    /** As {@link #mpd(ImportDirectory, String, Map, Progress)}, failing once the table passes {@code heapBudget} bytes. */
    static TableRead mpd(ImportDirectory importDirectory, String path, Map<String, Object> rawConfig,
                         Progress progress, long heapBudget) {
        TableRead read = new TableRead(FileLoad.start(MpdLoader.NAME, rawConfig, MpdLoader.CONFIG_KEYS), heapBudget);
        read.readSlices(importDirectory, path, progress);
        return read;
    }

    /** The input of {@code musig.load.csv(path, rawConfig)}. */
    public static TableRead csv(ImportDirectory importDirectory, String path, Map<String, Object> rawConfig,
                                Progress progress) {
        return csv(importDirectory, path, rawConfig, progress, defaultBudget());
    }

    /** As {@link #csv(ImportDirectory, String, Map, Progress)}, failing once the table passes {@code heapBudget} bytes. */
    static TableRead csv(ImportDirectory importDirectory, String path, Map<String, Object> rawConfig,
                         Progress progress, long heapBudget) {
        TableRead read = new TableRead(FileLoad.start(PlaylistCsvLoader.NAME, rawConfig, PlaylistCsvLoader.CONFIG_KEYS),
                heapBudget);
        read.readCsvs(importDirectory, path, progress);
        return read;
    }

    private static long defaultBudget() {
        return (long) (HEAP_SHARE * Runtime.getRuntime().maxMemory());
    }

    /** The files the load reads (the configuration's {@code pattern}, else {@code defaultPattern}); starts the progress. */
    private List<Path> inputs(ImportDirectory importDirectory, String path, String defaultPattern, Progress progress) {
        List<Path> inputs = InputFiles.list(importDirectory, path, load.config().getString("pattern", defaultPattern));
        files = inputs.size();
        long bytes = InputFiles.totalBytes(inputs);
        progress.begin(String.format(Locale.ROOT, "reading %d file(s), %.1f MB", files, bytes / 1e6), bytes);
        return inputs;
    }

    /**
     * CSV files are read one after the other (a file's rows of a playlist may be apart, and a playlist may span
     * files), with the heap bound checked as the table grows inside a file.
     */
    private void readCsvs(ImportDirectory importDirectory, String path, Progress progress) {
        List<Path> inputs = inputs(importDirectory, path, PlaylistCsvLoader.DEFAULT_PATTERN, progress);
        long[] rows = {0};
        for (int i = 0; i < inputs.size(); i++) {
            Path file = inputs.get(i);
            String where = String.format(Locale.ROOT, "file %d of %d (%s)", i + 1, files, file.getFileName());
            FileProgress fileProgress = new FileProgress(progress, InputFiles.totalBytes(List.of(file)));
            PlaylistCsvLoader.readFile(load, file, (playlist, track, position) -> {
                table.write(playlist, track, position);
                if (++rows[0] % CSV_ROWS_PER_CHECK == 0) {
                    progress.checkRunning();
                    checkHeap("while reading " + where);
                }
            }, fileProgress);
            fileProgress.done();
            checkHeap("after " + where);
        }
        playlists = table.playlistCount(); // a CSV playlist is in the table once a row of it is
        noticeArtistConflicts();
    }

    /**
     * Files are parsed on every core, a few ahead of the one being added to the table; they are added in
     * name order, so the table, the counts and the first error reported are those of a sequential read.
     */
    private void readSlices(ImportDirectory importDirectory, String path, Progress progress) {
        List<Path> inputs = inputs(importDirectory, path, MpdLoader.DEFAULT_PATTERN, progress);
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService parsers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "musig-mpd-parser");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<ParsedFile>> ahead = new ArrayDeque<>();
            int next = 0;
            for (int done = 0; done < inputs.size(); done++) {
                while (next < inputs.size() && ahead.size() < 2 * threads) {
                    Path file = inputs.get(next++);
                    ahead.add(parsers.submit(() -> parse(file)));
                }
                ParsedFile parsed = await(ahead.removeFirst());
                add(parsed, progress);
                progress.advance(parsed.bytes);
                checkHeap(String.format(Locale.ROOT, "after %d of %d file(s)", done + 1, files));
            }
        } finally {
            parsers.shutdownNow();
        }
        noticeArtistConflicts();
    }

    private void noticeArtistConflicts() {
        if (table.artistConflictNotice() != null) {
            load.options().notice(table.artistConflictNotice());
        }
    }

    /** One file's valid playlists, and the messages of entries skipped in it (onError 'skip'). */
    private record ParsedFile(List<PlaylistRecord> playlists, List<List<MpdTrack>> tracks, List<String> skipped,
                              long bytes) {
    }

    private ParsedFile parse(Path file) {
        List<PlaylistRecord> playlists = new ArrayList<>();
        List<List<MpdTrack>> tracks = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        new MpdSliceReader(file, load.options().skipInvalid(), skipped::add).read((playlist, entries) -> {
            playlists.add(playlist);
            tracks.add(entries);
        });
        return new ParsedFile(playlists, tracks, skipped, InputFiles.totalBytes(List.of(file)));
    }

    private void add(ParsedFile parsed, Progress progress) {
        parsed.skipped.forEach(load.options()::skipped);
        for (int i = 0; i < parsed.playlists.size(); i++) {
            PlaylistRecord playlist = parsed.playlists.get(i);
            for (MpdTrack entry : parsed.tracks.get(i)) {
                table.write(playlist, entry.track(), entry.position());
            }
            table.playlistDone(playlist.id());
        }
        playlists += parsed.playlists.size();
        progress.checkRunning();
    }

    /** Fails early, with both numbers, when the input will not fit in the heap, rather than with an OutOfMemoryError. */
    private void checkHeap(String where) {
        long bytes = table.estimatedBytes();
        if (bytes > heapBudget) {
            throw new LoadException(String.format(Locale.ROOT, "--bulk holds the input in memory, and %s "
                    + "it takes about %,d MB, over the %,d MB it may use (%.0f%% of the %,d MB max heap). "
                    + "Raise the heap (e.g. MUSIG_JAVA_OPTS=-Xmx16g ./musig load ...) or load without --bulk "
                    + "(transactionally, a file at a time). Nothing was written.", where, bytes >> 20,
                    heapBudget >> 20, 100 * HEAP_SHARE, Runtime.getRuntime().maxMemory() >> 20));
        }
    }

    private static ParsedFile await(Future<ParsedFile> parsed) {
        try {
            return parsed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("Interrupted while reading the input", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new LoadException("Reading the input failed: " + e.getCause(), e.getCause());
        }
    }

    public MembershipTable table() {
        return table;
    }

    /**
     * What the load did once the table is in an empty database: the same counts {@code musig.load.mpd} or
     * {@code musig.load.csv} gives
     * for the same input on an empty database.
     */
    public LoadResult result() {
        var options = load.options();
        return new LoadResult(files, playlists, table.trackCount(), table.memberships(), table.playlistCount(),
                table.trackCount(), table.relationshipCount(), table.duplicates(), 0, options.skippedCount(),
                options.errors(), options.notices(), load.millis(), load.config().echo());
    }
}
