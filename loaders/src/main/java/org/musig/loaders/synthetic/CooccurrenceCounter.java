package org.musig.loaders.synthetic;

import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Measures the track co-occurrence graph that a configuration produces, without writing files:
 * composes the same playlists as {@link SyntheticPlaylistGenerator} and counts, for every pair of
 * tracks, the playlists containing both (the MUSIG edge weight), keeping edges of weight
 * {@code >= minWeight} as the paper does with 10.
 *
 * <p>The playlists are held as a compressed row table plus its inverted index (8 bytes per
 * membership), so this tool needs O(playlists x length) memory, unlike the generator. For every track
 * it walks the playlists containing it and counts partners in a dense array; an edge of weight w needs
 * both tracks in at least w playlists, so rarer tracks are skipped.
 */
public final class CooccurrenceCounter {

    /**
     * @param playlists       playlists composed
     * @param memberships     sum of playlist lengths
     * @param distinctTracks  tracks in at least one playlist
     * @param minWeight       edge threshold
     * @param candidateTracks tracks in at least {@code minWeight} playlists
     * @param tracksWithEdge  tracks with at least one edge of weight {@code >= minWeight}
     * @param edges           edges of weight {@code >= minWeight} (unordered pairs)
     * @param intraGenreEdges such edges whose tracks share a genre
     * @param intraStyleEdges such edges whose tracks share a style
     * @param maxDegree       largest number of such edges at one track
     * @param maxTrackCount   largest number of playlists holding one track
     * @param millis          wall-clock time
     */
    public record Stats(
            int playlists,
            long memberships,
            int distinctTracks,
            int minWeight,
            int candidateTracks,
            int tracksWithEdge,
            long edges,
            long intraGenreEdges,
            long intraStyleEdges,
            int maxDegree,
            int maxTrackCount,
            long millis) {

        public double meanDegree() {
            return tracksWithEdge == 0 ? 0.0 : 2.0 * edges / tracksWithEdge;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "playlists=%,d memberships=%,d distinctTracks=%,d maxTrackCount=%,d | weight>=%d:"
                            + " candidateTracks=%,d tracksWithEdge=%,d edges=%,d meanDegree=%.1f maxDegree=%,d"
                            + " intraGenre=%.1f%% intraStyle=%.1f%% | %.1f s",
                    playlists, memberships, distinctTracks, maxTrackCount, minWeight, candidateTracks,
                    tracksWithEdge, edges, meanDegree(), maxDegree,
                    edges == 0 ? 0.0 : 100.0 * intraGenreEdges / edges,
                    edges == 0 ? 0.0 : 100.0 * intraStyleEdges / edges, millis / 1000.0);
        }
    }

    private static final int CHUNKS = 64;

    private CooccurrenceCounter() {
    }

    /** Composes {@code config.playlists()} playlists and measures their co-occurrence graph. */
    public static Stats count(GeneratorConfig config, int minWeight) {
        return count(config, minWeight, null);
    }

    /** As {@link #count(GeneratorConfig, int)}; also copies each track's strong-edge degree into {@code degreeOut}. */
    static Stats count(GeneratorConfig config, int minWeight, int[] degreeOut) {
        if (minWeight < 1) {
            throw new IllegalArgumentException("minWeight must be >= 1, got " + minWeight);
        }
        long start = System.nanoTime();
        TrackCatalog catalog = TrackCatalog.build(config);
        int m = catalog.trackCount();
        int n = config.playlists();

        // Playlists as rows: playlistStart[p] .. playlistStart[p + 1].
        long[] playlistStart = new long[n + 1];
        int[] rows = new int[(int) Math.min(Integer.MAX_VALUE - 8,
                (long) Math.ceil(n * config.meanPlaylistLength() * 1.1) + PlaylistLengths.MAX_LENGTH)];
        int[] playlistsPerTrack = new int[m];
        PlaylistComposer composer = new PlaylistComposer(catalog,
                new PlaylistLengths(config.meanPlaylistLength()), config.seed());
        ComposedPlaylist playlist = new ComposedPlaylist();
        int filled = 0;
        for (int pid = 0; pid < n; pid++) {
            composer.compose(pid, playlist);
            if (filled + playlist.length > rows.length) {
                rows = java.util.Arrays.copyOf(rows, (int) Math.min(Integer.MAX_VALUE - 8, rows.length * 3L / 2));
            }
            for (int i = 0; i < playlist.length; i++) {
                int t = playlist.track(i);
                rows[filled++] = t;
                playlistsPerTrack[t]++;
            }
            playlistStart[pid + 1] = filled;
        }

        // Inverted index: trackStart[t] .. trackStart[t + 1] are the playlists holding t.
        int[] trackStart = new int[m + 1];
        int distinct = 0;
        int candidates = 0;
        int maxCount = 0;
        for (int t = 0; t < m; t++) {
            int c = playlistsPerTrack[t];
            trackStart[t + 1] = trackStart[t] + c;
            distinct += c > 0 ? 1 : 0;
            candidates += c >= minWeight ? 1 : 0;
            maxCount = Math.max(maxCount, c);
        }
        int[] columns = new int[filled];
        int[] fill = trackStart.clone();
        for (int p = 0; p < n; p++) {
            for (long k = playlistStart[p]; k < playlistStart[p + 1]; k++) {
                columns[fill[rows[(int) k]]++] = p;
            }
        }

        int[] degree = new int[m];
        long[][] perChunk = new long[CHUNKS][3];   // edges, intra-genre, intra-style (counted once, a < b)
        final int[] finalRows = rows;
        IntStream.range(0, CHUNKS).parallel().forEach(chunk -> {
            int[] together = new int[m];
            int[] touched = new int[m];
            long[] totals = perChunk[chunk];
            for (int a = chunk; a < m; a += CHUNKS) {
                if (playlistsPerTrack[a] < minWeight) {
                    continue;
                }
                int touchedCount = 0;
                for (int k = trackStart[a]; k < trackStart[a + 1]; k++) {
                    int p = columns[k];
                    for (long r = playlistStart[p]; r < playlistStart[p + 1]; r++) {
                        int b = finalRows[(int) r];
                        if (b != a && playlistsPerTrack[b] >= minWeight && together[b]++ == 0) {
                            touched[touchedCount++] = b;
                        }
                    }
                }
                int d = 0;
                for (int i = 0; i < touchedCount; i++) {
                    int b = touched[i];
                    if (together[b] >= minWeight) {
                        d++;
                        if (a < b) {
                            totals[0]++;
                            totals[1] += catalog.genreOf(a) == catalog.genreOf(b) ? 1 : 0;
                            totals[2] += catalog.styleOf(a) == catalog.styleOf(b) ? 1 : 0;
                        }
                    }
                    together[b] = 0;
                }
                degree[a] = d;
            }
        });
        long edges = 0;
        long intraGenre = 0;
        long intraStyle = 0;
        for (long[] totals : perChunk) {
            edges += totals[0];
            intraGenre += totals[1];
            intraStyle += totals[2];
        }
        if (degreeOut != null) {
            System.arraycopy(degree, 0, degreeOut, 0, m);
        }
        int withEdge = 0;
        int maxDegree = 0;
        for (int d : degree) {
            withEdge += d > 0 ? 1 : 0;
            maxDegree = Math.max(maxDegree, d);
        }
        long millis = (System.nanoTime() - start) / 1_000_000L;
        return new Stats(n, filled, distinct, minWeight, candidates, withEdge, edges, intraGenre, intraStyle,
                maxDegree, maxCount, millis);
    }
}
