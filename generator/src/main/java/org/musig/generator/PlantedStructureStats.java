package org.musig.generator;

import java.util.Locale;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;

/**
 * Measures the planted structure of a configuration without writing files: composes the same
 * playlists as {@link SyntheticPlaylistGenerator}, builds the track co-occurrence graph with the
 * model's {@link CooccurrenceCounter} (edge weight = playlists containing both tracks, keeping edges of
 * weight {@code >= minWeight} as the paper does with 10) and summarises it as {@link Stats}: how many
 * tracks get an edge, how dense the graph is and how genre- and style-pure its edges are, plus the
 * {@link PlaylistShape} the generator reports (artist repeats, cold tracks of a simulated split).
 *
 * <p>All playlists are held in memory as a {@link PlaylistMemberships} (4 bytes per membership), so this
 * tool needs O(playlists x length) memory, unlike the generator.
 */
public final class PlantedStructureStats {

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
     * @param shape           the same playlists' {@link PlaylistShape}, as README.txt reports it
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
                        PlaylistShape shape,
                        long millis) {

        public double meanDegree() {
            return tracksWithEdge == 0 ? 0.0 : 2.0 * edges / tracksWithEdge;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "playlists=%,d memberships=%,d distinctTracks=%,d maxTrackCount=%,d | weight>=%d:"
                            + " candidateTracks=%,d tracksWithEdge=%,d edges=%,d meanDegree=%.1f maxDegree=%,d"
                            + " intraGenre=%.1f%% intraStyle=%.1f%% | artistsPerTrack=%.3f albumsPerTrack=%.3f"
                            + " singletons=%.1f%% split: cold=%.1f%% of %,d held out, known artist=%.1f%% of cold"
                            + " | %.1f s",
                    playlists, memberships, distinctTracks, maxTrackCount, minWeight, candidateTracks,
                    tracksWithEdge, edges, meanDegree(), maxDegree,
                    edges == 0 ? 0.0 : 100.0 * intraGenreEdges / edges,
                    edges == 0 ? 0.0 : 100.0 * intraStyleEdges / edges, shape.artistsPerTrack(),
                    shape.albumsPerTrack(), 100.0 * shape.singletonShare(), 100.0 * shape.coldShare(),
                    shape.heldOutTracks(), 100.0 * shape.knownArtistShareOfCold(), millis / 1000.0);
        }
    }

    /** Counting threads; the graphs this tool measures are small enough that two suffice. */
    private static final int CONCURRENCY = 2;

    private PlantedStructureStats() {
    }

    /** Composes {@code config.playlists()} playlists and measures their co-occurrence graph. */
    public static Stats measure(GeneratorConfig config, int minWeight) {
        if (minWeight < 1) {
            throw new IllegalArgumentException("minWeight must be >= 1, got " + minWeight);
        }
        long start = System.nanoTime();
        TrackCatalog catalog = TrackCatalog.build(config);
        int m = catalog.trackCount();
        int n = config.playlists();

        PlaylistMemberships.Builder builder = PlaylistMemberships.builder(m, n,
                (long) Math.ceil(n * config.meanPlaylistLength() * 1.1) + PlaylistLengths.MAX_LENGTH);
        int[] playlistsPerTrack = new int[m];
        long memberships = 0;
        PlaylistComposer composer = new PlaylistComposer(catalog,
                new PlaylistLengths(config.meanPlaylistLength()), config);
        ComposedPlaylist playlist = new ComposedPlaylist();
        PlaylistCensus census = new PlaylistCensus(catalog, config.seed());
        for (int pid = 0; pid < n; pid++) {
            composer.compose(pid, playlist);
            census.add(playlist);
            builder.addPlaylist(playlist.tracks, 0, playlist.length);
            memberships += playlist.length;
            for (int i = 0; i < playlist.length; i++) {
                playlistsPerTrack[playlist.track(i)]++;
            }
        }

        int distinct = 0;
        int candidates = 0;
        int maxCount = 0;
        for (int c : playlistsPerTrack) {
            distinct += c > 0 ? 1 : 0;
            candidates += c >= minWeight ? 1 : 0;
            maxCount = Math.max(maxCount, c);
        }

        CooccurrenceGraph graph = CooccurrenceCounter.count(builder.build(), minWeight, CONCURRENCY, Progress.NONE);
        int withEdge = 0;
        int maxDegree = 0;
        for (int t = 0; t < m; t++) {
            int d = graph.degree(t);
            withEdge += d > 0 ? 1 : 0;
            maxDegree = Math.max(maxDegree, d);
        }
        long[] intra = new long[2];   // intra-genre, intra-style
        graph.forEachRelationship((a, b, weight) -> {
            intra[0] += catalog.genreOf(a) == catalog.genreOf(b) ? 1 : 0;
            intra[1] += catalog.styleOf(a) == catalog.styleOf(b) ? 1 : 0;
        });
        long millis = (System.nanoTime() - start) / 1_000_000L;
        return new Stats(n, memberships, distinct, minWeight, candidates, withEdge, graph.relationshipCount(),
                intra[0], intra[1], maxDegree, maxCount, census.shape(), millis);
    }
}
