package org.musig.procedures.benchmark;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.musig.common.progress.Progress;
import org.musig.model.eval.SplitPlan;
import org.musig.procedures.split.PlaylistLengths;
import org.musig.procedures.split.StoredSplit;
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
    static StoredSplit carve(Transaction tx, StoredSplit test, int count, long seed, Progress progress) {
        Set<String> testIds = new HashSet<>(Arrays.asList(test.playlistIds()));
        List<PlaylistLengths.PlaylistLength> training = PlaylistLengths.read(tx, progress).stream()
                .filter(p -> !testIds.contains(p.id())).toList();
        int[] chosen = SplitPlan.choose(PlaylistLengths.lengths(training), test.minTracks(), count, seed);
        return PlaylistLengths.split(test.name() + " (validation)", training, chosen, test.seedFraction(),
                test.minTracks(), seed, test.createdAt());
    }

    /** Both splits' playlists, so that a read excludes the held-out part of each. */
    static StoredSplit union(StoredSplit test, StoredSplit validation) {
        java.util.TreeMap<String, Integer> seedSizes = new java.util.TreeMap<>(test.seedSizeByPlaylist());
        seedSizes.putAll(validation.seedSizeByPlaylist());
        return new StoredSplit(test.name() + " (test and validation)", seedSizes.keySet().toArray(String[]::new),
                seedSizes.values().stream().mapToInt(Integer::intValue).toArray(), test.seedFraction(),
                test.minTracks(), test.randomSeed(), test.seedMemberships() + validation.seedMemberships(),
                test.heldOutMemberships() + validation.heldOutMemberships(), test.createdAt());
    }
}
