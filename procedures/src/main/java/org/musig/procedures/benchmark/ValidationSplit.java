package org.musig.procedures.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.musig.loaders.GraphModel;
import org.musig.model.eval.SplitPlan;
import org.musig.procedures.split.StoredSplit;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * Validation playlists for the benchmark's selection: chosen among the training playlists of a split (never a
 * test playlist) by the split's own rule (at least {@code minTracks} tracks, the first {@code seedFraction}
 * as the seed), so that every variant is chosen on playlists the test never sees. Kept in memory only.
 */
final class ValidationSplit {
    private ValidationSplit() {
    }

    /** Up to {@code count} validation playlists, chosen with {@code seed} among the non-test playlists. */
    static StoredSplit carve(Transaction tx, StoredSplit test, int count, long seed) {
        Set<String> testIds = new HashSet<>(Arrays.asList(test.playlistIds()));
        List<String> ids = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        List<String[]> sorted = new ArrayList<>();
        try (ResourceIterator<Node> nodes = tx.findNodes(GraphModel.PLAYLIST)) {
            while (nodes.hasNext()) {
                Node node = nodes.next();
                Object id = node.getProperty(GraphModel.ID, null);
                if (id != null && !testIds.contains(id.toString())) {
                    sorted.add(new String[] {id.toString(),
                            Integer.toString(node.getDegree(GraphModel.CONTAINS, Direction.OUTGOING))});
                }
            }
        }
        sorted.sort(Comparator.comparing(a -> a[0]));
        for (String[] entry : sorted) {
            ids.add(entry[0]);
            lengths.add(Integer.parseInt(entry[1]));
        }
        int[] chosen = SplitPlan.choose(lengths.stream().mapToInt(Integer::intValue).toArray(), test.minTracks(),
                count, seed);
        String[] chosenIds = new String[chosen.length];
        int[] seedSizes = new int[chosen.length];
        long seedMemberships = 0;
        long heldOut = 0;
        for (int i = 0; i < chosen.length; i++) {
            int length = lengths.get(chosen[i]);
            chosenIds[i] = ids.get(chosen[i]);
            seedSizes[i] = SplitPlan.seedSize(length, test.seedFraction());
            seedMemberships += seedSizes[i];
            heldOut += length - seedSizes[i];
        }
        return new StoredSplit(test.name() + " (validation)", chosenIds, seedSizes, test.seedFraction(),
                test.minTracks(), seed, seedMemberships, heldOut, test.createdAt());
    }

    /** Both splits' playlists, so that a read excludes the held-out part of each. */
    static StoredSplit union(StoredSplit test, StoredSplit validation) {
        int n = test.playlistCount() + validation.playlistCount();
        String[][] entries = new String[n][];
        int[] seeds = new int[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            boolean first = i < test.playlistCount();
            int j = first ? i : i - test.playlistCount();
            entries[i] = new String[] {first ? test.playlistIds()[j] : validation.playlistIds()[j]};
            seeds[i] = first ? test.seedSizes()[j] : validation.seedSizes()[j];
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> entries[i][0]));
        String[] ids = new String[n];
        int[] seedSizes = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = entries[order[i]][0];
            seedSizes[i] = seeds[order[i]];
        }
        return new StoredSplit(test.name() + " (test and validation)", ids, seedSizes, test.seedFraction(),
                test.minTracks(), test.randomSeed(), test.seedMemberships() + validation.seedMemberships(),
                test.heldOutMemberships() + validation.heldOutMemberships(), test.createdAt());
    }
}
