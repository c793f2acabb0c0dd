package org.musig.procedures.graph;

import java.util.List;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackFeatures;
import org.musig.procedures.split.SplitStore;
import org.musig.procedures.split.StoredSplit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * The co-occurrence graph of the store as it is now, in memory only (nothing written, nothing
 * catalogued): what inductive embedding runs on, so tracks added after training are included.
 */
public final class StoreGraph {

    /** The graph, its feature table and the Neo4j node id of each dense track id. */
    public record Snapshot(CooccurrenceGraph graph, TrackFeatures features, long[] trackNodeIds) {
    }

    /**
     * A snapshot with the memberships it was counted from: as sets ({@code memberships}) and as
     * sequences in playlist order (what word2vec reads), for baselines that learn from playlists directly.
     */
    public record PlaylistSnapshot(Snapshot graph, PlaylistMemberships memberships, List<int[]> sequences) {
    }

    private static final String OWNER = "reading the co-occurrence graph";

    private StoreGraph() {
    }

    /**
     * @param excludedSplit a split whose held-out memberships must stay invisible (as at training), or null
     */
    public static Snapshot read(GraphDatabaseService db, Transaction tx, String excludedSplit, int minWeight,
                                int concurrency, List<String> notices, Progress progress) {
        var split = excludedSplit == null ? null : SplitStore.load(db, excludedSplit);
        GraphInput input = StoreReader.read(tx, split, notices, progress);
        CountMemory.check(OWNER, input.memberships(), minWeight, concurrency, notices);
        CooccurrenceGraph graph = CooccurrenceCounter.count(input.memberships(), minWeight, concurrency, progress);
        return new Snapshot(graph, input.features(), input.trackNodeIds());
    }

    /**
     * As {@link #read}, keeping the memberships and the ordered playlists as well.
     *
     * @param split the split whose held-out memberships stay invisible (already loaded by the caller), or null
     */
    public static PlaylistSnapshot readWithPlaylists(Transaction tx, StoredSplit split, int minWeight, int concurrency,
                                                     List<String> notices, Progress progress) {
        List<int[]> sequences = new java.util.ArrayList<>();
        GraphInput input = StoreReader.read(tx, split, notices, progress, sequences);
        CountMemory.check(OWNER, input.memberships(), minWeight, concurrency, notices);
        CooccurrenceGraph graph = CooccurrenceCounter.count(input.memberships(), minWeight, concurrency, progress);
        return new PlaylistSnapshot(new Snapshot(graph, input.features(), input.trackNodeIds()), input.memberships(),
                sequences);
    }
}
