package org.musig.procedures.split;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.musig.common.progress.Progress;
import org.musig.loaders.GraphModel;
import org.musig.model.eval.SplitPlan;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * The playlists a split chooses among, and how chosen playlists become a split: used by
 * {@code musig.split.create} and by the benchmark's validation playlists, so both follow one rule.
 */
public final class PlaylistLengths {

    /** A playlist and its number of tracks. */
    public record PlaylistLength(String id, int tracks) {
    }

    private PlaylistLengths() {
    }

    /** Every playlist with an id, by id, with its number of tracks. */
    public static List<PlaylistLength> read(Transaction tx, Progress progress) {
        List<PlaylistLength> playlists = new ArrayList<>();
        progress.begin("read playlists", -1);
        try (ResourceIterator<Node> nodes = tx.findNodes(GraphModel.PLAYLIST)) {
            while (nodes.hasNext()) {
                Node node = nodes.next();
                Object id = node.getProperty(GraphModel.ID, null);
                if (id != null) {
                    playlists.add(
                            new PlaylistLength(id.toString(), node.getDegree(GraphModel.CONTAINS, Direction.OUTGOING)));
                }
                if (playlists.size() % 4096 == 0) {
                    progress.checkRunning();
                }
            }
        }
        playlists.sort(Comparator.comparing(PlaylistLength::id));
        return playlists;
    }

    /** Track counts in the list's order, for {@link SplitPlan}. */
    public static int[] lengths(List<PlaylistLength> playlists) {
        return playlists.stream().mapToInt(PlaylistLength::tracks).toArray();
    }

    /**
     * The split made of {@code playlists[chosen]}: each keeps its first {@link SplitPlan#seedSize} tracks as the
     * seed and holds out the rest.
     */
    public static StoredSplit split(String name, List<PlaylistLength> playlists, int[] chosen, double seedFraction,
                                    int minTracks, long randomSeed, ZonedDateTime createdAt) {
        String[] ids = new String[chosen.length];
        int[] seedSizes = new int[chosen.length];
        long seed = 0;
        long heldOut = 0;
        for (int i = 0; i < chosen.length; i++) {
            PlaylistLength playlist = playlists.get(chosen[i]);
            ids[i] = playlist.id();
            seedSizes[i] = SplitPlan.seedSize(playlist.tracks(), seedFraction);
            seed += seedSizes[i];
            heldOut += playlist.tracks() - seedSizes[i];
        }
        return new StoredSplit(name, ids, seedSizes, seedFraction, minTracks, randomSeed, seed, heldOut, createdAt);
    }
}
