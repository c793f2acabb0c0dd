package org.musig.procedures.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.musig.loaders.GraphModel;
import org.musig.model.eval.TestPlaylist;
import org.musig.procedures.split.StoredSplit;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;

/** Turns a stored split into test playlists of node ids, ordered as the graph build orders them. */
public final class SplitReader {
    private SplitReader() {
    }

    /** The split's playlists that still exist; {@code missing} receives the ids of those that do not. */
    @SuppressWarnings("deprecation")
    public static List<TestPlaylist> read(Transaction tx, StoredSplit split, List<String> missing) {
        List<long[][]> parts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<Long, Integer> heldOutCount = new HashMap<>();
        for (int p = 0; p < split.playlistCount(); p++) {
            Node playlist = tx.findNode(GraphModel.PLAYLIST, GraphModel.ID, split.playlistIds()[p]);
            if (playlist == null) {
                missing.add(split.playlistIds()[p]);
                continue;
            }
            List<long[]> members = new ArrayList<>(); // {position, node id}
            for (Relationship contains : playlist.getRelationships(Direction.OUTGOING, GraphModel.CONTAINS)) {
                members.add(new long[] {StoredSplit.position(contains), contains.getEndNode().getId()});
            }
            // The build's order: by position, ties by node id; the seed is the first seedSize.
            members.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            int seedSize = Math.min(split.seedSizes()[p], members.size());
            long[] seed = members.subList(0, seedSize).stream().mapToLong(m -> m[1]).toArray();
            long[] heldOut = members.subList(seedSize, members.size()).stream().mapToLong(m -> m[1]).toArray();
            for (long track : heldOut) {
                heldOutCount.merge(track, 1, Integer::sum);
            }
            parts.add(new long[][] {seed, heldOut});
            ids.add(split.playlistIds()[p]);
        }
        List<TestPlaylist> playlists = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            long[] heldOut = parts.get(i)[1];
            boolean[] cold = new boolean[heldOut.length];
            for (int j = 0; j < heldOut.length; j++) {
                int memberships = tx.getNodeById(heldOut[j]).getDegree(GraphModel.CONTAINS, Direction.INCOMING);
                cold[j] = memberships <= heldOutCount.get(heldOut[j]);
            }
            playlists.add(new TestPlaylist(ids.get(i), parts.get(i)[0], heldOut, cold));
        }
        return playlists;
    }

    public static long[] allHeldOut(List<TestPlaylist> playlists) {
        return playlists.stream().flatMapToLong(p -> Arrays.stream(p.heldOut())).distinct().sorted().toArray();
    }

    /**
     * The pool negatives are drawn from: 'exposure' = the held-out memberships of the test playlists, a track
     * held out from three playlists three times, so that negatives have the exposure of the positives (which are
     * memberships) and popularity alone scores 0.5 in expectation; 'heldout' = each held-out track once;
     * 'uniform' = every track (the paper's draw, which cold positives make too easy).
     */
    public static long[] negativePool(Negatives negatives, List<TestPlaylist> playlists, long[] allTracks) {
        return switch (negatives) {
            case EXPOSURE -> playlists.stream().flatMapToLong(p -> Arrays.stream(p.heldOut())).sorted().toArray();
            case HELDOUT -> allHeldOut(playlists);
            case UNIFORM -> allTracks;
        };
    }
}
