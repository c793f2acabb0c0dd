package org.musig.procedures.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.musig.common.progress.Progress;
import org.musig.loaders.GraphModel;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.procedures.split.StoredSplit;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * Reads {@code (:Playlist)-[:CONTAINS]->(:Track)} into primitive arrays through the core API, one
 * playlist at a time (never a Cypher pattern over all pairs). When a split is excluded, each of its test
 * playlists contributes only its seed: the first {@code seedSize} tracks by {@code CONTAINS.position}
 * (ties by node id). Held-out memberships reach nothing built from the result - no edge weight, no
 * popularity count, no genre vote.
 */
final class StoreReader {
    private static final int CHECK_EVERY = 1024;

    private StoreReader() {
    }

    @SuppressWarnings("deprecation") // node ids: the compact key the dense mapping needs; never shown to users
    static GraphInput read(Transaction tx, StoredSplit split, java.util.List<String> notices, Progress progress) {
        return read(tx, split, notices, progress, null);
    }

    /**
     * @param sequences when not null, receives each playlist's visible tracks (dense ids) in playlist order
     *                  (by position, ties by node id): what sequence models such as word2vec read
     */
    @SuppressWarnings("deprecation")
    static GraphInput read(Transaction tx, StoredSplit split, java.util.List<String> notices, Progress progress,
                           java.util.List<int[]> sequences) {
        progress.begin("read tracks", -1);
        TrackIndex tracks = TrackIndex.of(trackNodeIds(tx, progress));
        Map<String, Integer> seedSizes = split == null ? Map.of() : split.seedSizeByPlaylist();
        GenreVotes votes = new GenreVotes();

        long playlistCount = countLabel(tx, GraphModel.PLAYLIST);
        progress.begin("read memberships", playlistCount);
        PlaylistMemberships.Builder builder = PlaylistMemberships.builder(tracks.size(),
                (int) Math.min(Integer.MAX_VALUE - 8, playlistCount + 1), 16);
        int[] row = new int[64];
        long[] ordered = new long[64];
        long excluded = 0;
        int splitFound = 0;
        int scanned = 0;
        try (ResourceIterator<Node> playlists = tx.findNodes(GraphModel.PLAYLIST)) {
            while (playlists.hasNext()) {
                Node playlist = playlists.next();
                Integer seedSize = seedSizes.isEmpty() ? null
                        : seedSizes.get(String.valueOf(playlist.getProperty(GraphModel.ID, "")));
                int n = 0;
                for (Relationship contains : playlist.getRelationships(Direction.OUTGOING, GraphModel.CONTAINS)) {
                    int track = tracks.denseId(contains.getEndNode().getId());
                    if (track == TrackIndex.ABSENT) {
                        continue;
                    }
                    if (n == row.length) {
                        row = Arrays.copyOf(row, n * 2);
                        ordered = Arrays.copyOf(ordered, n * 2);
                    }
                    row[n] = track;
                    if (seedSize != null || sequences != null) {
                        ordered[n] = StoredSplit.position(contains);
                    }
                    n++;
                }
                if (seedSize != null) {
                    splitFound++;
                    int kept = keepSeed(row, ordered, n, seedSize);
                    excluded += n - kept;
                    n = kept;
                } else if (sequences != null) {
                    keepSeed(row, ordered, n, n); // only the reordering
                }
                if (sequences != null) {
                    sequences.add(Arrays.copyOf(row, n));
                }
                builder.addPlaylist(row, 0, n);
                votes.addPlaylist(playlistGenre(playlist), row, n);
                if (++scanned % CHECK_EVERY == 0) {
                    progress.advance(CHECK_EVERY);
                    progress.checkRunning();
                }
            }
        }
        progress.advance(scanned % CHECK_EVERY);
        PlaylistMemberships memberships = builder.build();
        progress.begin("read track features", tracks.size());
        var features = TrackFeatureReader.read(tx, tracks.nodeIds(), memberships, votes, notices, progress);
        return new GraphInput(tracks.nodeIds(), memberships, features, excluded, splitFound);
    }

    @SuppressWarnings("deprecation")
    private static long[] trackNodeIds(Transaction tx, Progress progress) {
        long[] ids = new long[1024];
        int n = 0;
        try (ResourceIterator<Node> nodes = tx.findNodes(GraphModel.TRACK)) {
            while (nodes.hasNext()) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = nodes.next().getId();
                if (n % (64 * CHECK_EVERY) == 0) {
                    progress.checkRunning();
                }
            }
        }
        return Arrays.copyOf(ids, n);
    }

    private static long countLabel(Transaction tx, org.neo4j.graphdb.Label label) {
        // A label cannot be a parameter; it is one of GraphModel's constants, quoted all the same.
        try (var result = tx.execute("MATCH (n:`" + label.name().replace("`", "``") + "`) RETURN count(n) AS c")) {
            return ((Number) result.next().get("c")).longValue();
        }
    }

    /**
     * Reorders {@code row[0..n)} by position (ties by dense id, i.e. node id) and keeps the first
     * {@code seedSize}; returns how many are kept.
     */
    static int keepSeed(int[] row, long[] positions, int n, int seedSize) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(positions[a], positions[b]);
            return c != 0 ? c : Integer.compare(row[a], row[b]);
        });
        int kept = Math.min(seedSize, n);
        int[] seed = new int[kept];
        for (int i = 0; i < kept; i++) {
            seed[i] = row[order[i]];
        }
        System.arraycopy(seed, 0, row, 0, kept);
        return kept;
    }

    /** The playlist's first genre label: {@code genre}, else the first of {@code genres}; null when none. */
    private static String playlistGenre(Node playlist) {
        Object genre = playlist.getProperty(GraphModel.GENRE, null);
        if (genre instanceof String s && !s.isBlank()) {
            return s;
        }
        Object genres = playlist.getProperty(GraphModel.GENRES, null);
        if (genres instanceof String[] list && list.length > 0) {
            return list[0];
        }
        return null;
    }

    /** Counts (track, playlist genre) over the memberships the build sees, to label tracks without a genre of their own. */
    static final class GenreVotes {
        private final Map<String, Integer> genreIds = new HashMap<>();
        private final java.util.List<String> genreNames = new java.util.ArrayList<>();
        private long[] votes = new long[0];
        private int size;

        void addPlaylist(String genre, int[] tracks, int n) {
            if (genre == null || n == 0) {
                return;
            }
            int id = genreIds.computeIfAbsent(genre, g -> {
                genreNames.add(g);
                return genreNames.size() - 1;
            });
            if (size + n > votes.length) {
                votes = Arrays.copyOf(votes, Math.max(size + n, votes.length * 2));
            }
            for (int i = 0; i < n; i++) {
                votes[size++] = ((long) tracks[i] << 32) | id;
            }
        }

        /**
         * For each track, the genre most of its playlists carry (ties: the name first in alphabetical
         * order), or null when none of its playlists has a genre.
         */
        String[] majority(int trackCount) {
            String[] result = new String[trackCount];
            long[] sorted = Arrays.copyOf(votes, size);
            Arrays.sort(sorted);
            int i = 0;
            while (i < sorted.length) {
                int track = (int) (sorted[i] >>> 32);
                String best = null;
                int bestCount = 0;
                while (i < sorted.length && (int) (sorted[i] >>> 32) == track) {
                    int genre = (int) sorted[i];
                    int count = 0;
                    while (i < sorted.length && sorted[i] == (((long) track << 32) | genre)) {
                        count++;
                        i++;
                    }
                    String name = genreNames.get(genre);
                    if (count > bestCount || (count == bestCount && name.compareTo(best) < 0)) {
                        best = name;
                        bestCount = count;
                    }
                }
                result[track] = best;
            }
            return result;
        }
    }
}
