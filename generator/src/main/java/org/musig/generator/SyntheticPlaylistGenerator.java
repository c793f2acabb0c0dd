package org.musig.generator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Generates a synthetic data set in the Spotify Million Playlist Dataset (MPD) format, with planted
 * structure a recommender can learn, for benchmarking loading, co-occurrence graph building and
 * training at scale without shipping large files.
 *
 * <h2>Output</h2>
 * <ul>
 *   <li>{@code mpd.slice.<first>-<last>.json}: MPD slices ({@code info} + {@code playlists}), pids
 *       {@code 0..N-1}, positions {@code 0..len-1}, no track twice in a playlist; streamed through
 *       Jackson's {@code JsonGenerator} one playlist at a time ({@link MpdSliceWriter}).</li>
 *   <li>{@code track_features.csv}: one row per catalog track: {@code id} (the bare 22-character id of
 *       the track URIs), Spotify-style audio features, the planted {@code genre}, the album's
 *       {@code release_date} and an optional 8-d {@code acoustic_*} embedding ({@link FeatureCsvWriter}).</li>
 *   <li>{@code README.txt}: generator, parameters, counts and the measured {@link PlaylistShape}
 *       ({@link ReadmeWriter}).</li>
 * </ul>
 *
 * <h2>Planted structure</h2>
 * <ul>
 *   <li><b>Genres and styles</b> ({@link TrackCatalog}): G genres with Zipf(1) sizes; each genre has
 *       4-10 styles of random size; each track belongs to one genre and one style; albums (6-16 tracks)
 *       and artists (1-4 albums) live inside a style; obscure artists (in the popularity tail) have one
 *       single or EP. Names: {@code "Artist 123"}, {@code "Album 456"},
 *       {@code "Track 789"} with randomly permuted numbers.</li>
 *   <li><b>Popularity</b>: inside each genre a random permutation ranks the tracks, and rank r gets the
 *       Zipf-Mandelbrot weight {@code (r + q)^-s} with s = popularityExponent (default 4) and
 *       q = popularityOffset * M / G (default 0.45 * 1,000,000 / 50 = 9,000): a head of a few thousand
 *       strong tracks per genre, then a power-law tail of rarely used ones. Albums and artists follow
 *       popularity order, so there are popular and obscure artists.</li>
 *   <li><b>Audio features and acoustic embedding</b> ({@link FeatureModel}): genre mean + smaller style
 *       offset + per-track noise, mapped to Spotify's ranges and clipped. The within-genre spread
 *       exceeds the between-genre spread, so genre is only partly recoverable from features.</li>
 *   <li><b>Playlists</b> ({@link PlaylistComposer}): a theme genre (weighted by genre size) and a main
 *       style; about 65% of the tracks from the main style, 20% from the genre's other styles and 15%
 *       from the whole catalog, all popularity-weighted, duplicates redrawn. Lengths follow a
 *       truncated log-normal on 5..250 with the configured mean (default 66, median about 49, like the
 *       MPD) ({@link PlaylistLengths}). Names reflect the theme: {@code "genre-07 mix 3"}.</li>
 *   <li><b>Artists and albums</b>: a share {@link GeneratorConfig#artistAffinity()} (default 25%) of a
 *       playlist's tracks are by an artist already in it, half from the same album, so an artist's tracks
 *       co-occur beyond their style (0.56 distinct artists per playlist track at the defaults; the MPD
 *       has about 0.57).</li>
 *   <li><b>New releases</b>: the latest album of 80% ({@link GeneratorConfig#newReleaseShare()}) of the
 *       artists with several albums is dated 2017 ({@code release_date}; older albums 1960-2016) and is
 *       never drawn by popularity: only 5% ({@link GeneratorConfig#newReleaseRate()}) of the slots in a
 *       playlist's second half take one, by an artist already in the playlist. They sit where an
 *       evaluation holds tracks out and in few playlists: with the defaults at 20,000 playlists, a split
 *       holding out the second half of 10% of the playlists finds 12.4% of the held-out tracks cold, 72.6%
 *       of them by an artist seen in training (real MPD slices: 62-75%; 64.7% at 95,000 playlists, where
 *       2.6% are cold). {@link PlaylistCensus} measures this on every run.</li>
 * </ul>
 *
 * <h2>Determinism and cost</h2>
 * Identical parameters and seed give byte-identical files, whatever {@link GeneratorConfig#threads()}.
 * All randomness is drawn from {@link java.util.SplittableRandom}s whose seeds derive from (seed,
 * purpose, index): one for the catalog, one per track for its features, one per playlist from
 * (seed, pid), so slices can be written in parallel. Draws use Walker alias tables (one per style,
 * plus small genre and style pickers; artist, album and new-release draws are uniform over contiguous
 * ranges), O(1) each. Memory is O(tracks), about 85 bytes per track plus M/2 bytes per thread (the
 * census's bit sets) and 4 bytes per held-out membership of the simulated split: playlists are composed
 * and written one at a time.
 *
 * <h2>Choosing the scale</h2>
 * The MUSIG paper (ISMIR 2021) builds its co-occurrence graph from 95,000 MPD playlists and keeps
 * edges of weight >= 10, leaving about 15.9K tracks and millions of edges. The defaults aim at that
 * shape for {@code playlists = 95,000}; {@link PlantedStructureStats} measures any setting. Measured with
 * the defaults (seed 20211107): 6.25M memberships over 546K distinct tracks, and at weight >= 10
 * 29,506 tracks with an edge, 1,147,821 edges (mean degree 78, all within a genre, 97.9% within a
 * style); artist affinity raised these from 21,008 tracks and 881,703 edges (573K distinct tracks)
 * without it. The popularity offset is the main knob; at 95,000 playlists, before the artist structure:
 * <pre>
 *   popularityOffset   tracks with an edge   edges
 *   0.35               26.2K                 1.22M
 *   0.45 (default)     21.0K                 0.88M
 *   0.55               17.0K                 0.64M
 * </pre>
 * Why so many tracks: the strong edges come from the themes (a big style is drawn 40+ times by each of
 * thousands of playlists), so they form dense per-style clusters; the catalog must be large
 * (M = 1,000,000) for the small genres' styles to be big enough not to turn into cliques, as they do
 * with M = 50-100K (then 60K+ of the tracks have a strong edge). Strong edges scale with the number
 * of playlists: for a full-MPD-sized run (1,000,000 playlists over 2,000,000+ tracks) set
 * {@code tracks = 2_000_000}; the catalog then takes about 170 MB of heap and the output about 20 GB.
 */
public final class SyntheticPlaylistGenerator {

    private static final String SLICE_GLOB = "mpd.slice.*.json";

    private final GeneratorConfig config;
    private final LongConsumer progress;

    public SyntheticPlaylistGenerator(GeneratorConfig config) {
        this(config, written -> {});
    }

    /**
     * @param progress called with the total number of playlists written so far after every slice file,
     *                 in slice order, on the calling thread
     */
    public SyntheticPlaylistGenerator(GeneratorConfig config, LongConsumer progress) {
        this.config = Objects.requireNonNull(config, "config");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public GeneratorConfig config() {
        return config;
    }

    /**
     * Writes the data set into {@code outDir}, creating it if needed.
     *
     * @throws FileAlreadyExistsException if {@code outDir} already holds {@code mpd.slice.*.json} files
     *                                    and the configuration does not allow overwriting
     * @throws NotDirectoryException      if {@code outDir} exists but is not a directory
     */
    public GenerationResult generate(Path outDir) throws IOException {
        long start = System.nanoTime();
        prepare(outDir);
        TrackCatalog catalog = TrackCatalog.build(config);
        long bytes = FeatureCsvWriter.write(outDir.resolve(FeatureCsvWriter.FILE_NAME), catalog,
                config.withAcoustic());
        PlaylistLengths lengths = new PlaylistLengths(config.meanPlaylistLength());

        int slices = config.sliceCount();
        long memberships = 0;
        PlaylistCensus census = new PlaylistCensus(catalog, config.seed());
        if (config.threads() == 1) {
            Worker worker = new Worker(catalog, lengths);
            for (int slice = 0; slice < slices; slice++) {
                SliceResult r = worker.writeSlice(outDir, slice);
                memberships += r.memberships();
                bytes += r.bytes();
                progress.accept(r.lastPid() + 1L);
            }
            census.merge(worker.census);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(config.threads());
            List<Worker> workers = new CopyOnWriteArrayList<>();
            ThreadLocal<Worker> local = ThreadLocal.withInitial(() -> {
                Worker w = new Worker(catalog, lengths);
                workers.add(w);
                return w;
            });
            try {
                List<Future<SliceResult>> results = new ArrayList<>(slices);
                for (int slice = 0; slice < slices; slice++) {
                    int index = slice;
                    results.add(pool.submit(() -> local.get().writeSlice(outDir, index)));
                }
                for (Future<SliceResult> future : results) {
                    SliceResult r = await(future);
                    memberships += r.memberships();
                    bytes += r.bytes();
                    progress.accept(r.lastPid() + 1L);
                }
            } finally {
                pool.shutdownNow();
            }
            for (Worker w : workers) {
                census.merge(w.census);
            }
        }
        PlaylistShape shape = census.shape();
        bytes += ReadmeWriter.write(outDir.resolve(ReadmeWriter.FILE_NAME), config, catalog, shape);
        long millis = (System.nanoTime() - start) / 1_000_000L;
        return new GenerationResult(outDir, slices + 2, slices, config.playlists(), memberships,
                shape.distinctTracks(), catalog.trackCount(), shape, bytes, millis);
    }

    private static SliceResult await(Future<SliceResult> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while generating");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IOException(cause);
        }
    }

    /** What one slice file holds. */
    private record SliceResult(int lastPid, long memberships, long bytes) {
    }

    /** Per-thread state: a composer, a reusable playlist and the census of this thread's playlists. */
    private final class Worker {
        private final PlaylistComposer composer;
        private final ComposedPlaylist playlist = new ComposedPlaylist();
        private final PlaylistCensus census;
        private final TrackCatalog catalog;

        Worker(TrackCatalog catalog, PlaylistLengths lengths) {
            this.catalog = catalog;
            this.composer = new PlaylistComposer(catalog, lengths, config);
            this.census = new PlaylistCensus(catalog, config.seed());
        }

        SliceResult writeSlice(Path outDir, int slice) throws IOException {
            int first = slice * config.playlistsPerSlice();
            int last = (int) Math.min((long) first + config.playlistsPerSlice(), config.playlists()) - 1;
            Path file = outDir.resolve(MpdSliceWriter.fileName(first, last));
            long memberships = 0;
            try (MpdSliceWriter writer = MpdSliceWriter.open(file, first, last, catalog)) {
                for (int pid = first; pid <= last; pid++) {
                    composer.compose(pid, playlist);
                    writer.write(playlist);
                    memberships += playlist.length;
                    census.add(playlist);
                }
            }
            return new SliceResult(last, memberships, Files.size(file));
        }
    }

    private void prepare(Path outDir) throws IOException {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new NotDirectoryException(outDir.toString());
        }
        Files.createDirectories(outDir);
        List<Path> slices = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(outDir, SLICE_GLOB)) {
            for (Path p : stream) {
                slices.add(p);
            }
        }
        if (slices.isEmpty()) {
            return;
        }
        if (!config.overwrite()) {
            throw new FileAlreadyExistsException(outDir.toString(), null, "already holds " + slices.size()
                    + " mpd.slice files; choose an empty directory or set overwrite");
        }
        for (Path p : slices) {
            Files.delete(p);
        }
        Files.deleteIfExists(outDir.resolve(FeatureCsvWriter.FILE_NAME));
        Files.deleteIfExists(outDir.resolve(ReadmeWriter.FILE_NAME));
    }
}
