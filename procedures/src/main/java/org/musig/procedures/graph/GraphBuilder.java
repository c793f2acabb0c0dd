package org.musig.procedures.graph;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.procedures.split.SplitStore;
import org.musig.procedures.split.StoredSplit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * The steps of {@code musig.graph.build}: read the memberships (minus a split's held-out part), count
 * co-occurrences in Java, write the relationships, project into GDS, and keep the result in the
 * {@link GraphCatalog}. The catalog entry is replaced only when every step succeeded.
 */
final class GraphBuilder {

    /** Everything the procedure reports. */
    record Outcome(MusigGraph graph, long playlistsScanned, long pairOccurrences, CooccurrenceWriter.Changes changes,
                   GdsProjection.Outcome projection, long readMillis, long computeMillis, long writeMillis,
                   List<String> notices) {
    }

    private GraphBuilder() {
    }

    static Outcome build(GraphDatabaseService db, Transaction tx, GraphBuildConfig config, Progress progress) {
        List<String> notices = new ArrayList<>();
        StoredSplit split =
                config.excludeMemberships() == null ? null : SplitStore.load(db, config.excludeMemberships());

        long start = System.currentTimeMillis();
        GraphInput input = StoreReader.read(tx, split, notices, progress);
        long readMillis = System.currentTimeMillis() - start;
        if (input.trackNodeIds().length == 0) {
            throw new IllegalArgumentException(GraphBuildConfig.OWNER + ": the database has no :Track nodes; load "
                    + "playlists first (musig.load.mpd / musig.load.csv)");
        }
        if (split != null && input.splitPlaylistsFound() < split.playlistCount()) {
            notices.add((split.playlistCount() - input.splitPlaylistsFound()) + " of the split's "
                    + split.playlistCount() + " test playlists no longer exist in the database");
        }
        CountMemory.check(GraphBuildConfig.OWNER, input.memberships(), config.minWeight(), config.concurrency(),
                notices);

        start = System.currentTimeMillis();
        CooccurrenceGraph graph = CooccurrenceCounter.count(input.memberships(), config.minWeight(),
                config.concurrency(), progress);
        long computeMillis = System.currentTimeMillis() - start;

        start = System.currentTimeMillis();
        CooccurrenceWriter.Changes changes = new CooccurrenceWriter.Changes(0, 0, 0, 0);
        if (config.writeRelationshipType() != null) {
            changes = CooccurrenceWriter.write(db, config.writeRelationshipType(), config.batchSize(), graph,
                    input.trackNodeIds(), progress);
        }
        long writeMillis = System.currentTimeMillis() - start;

        GdsProjection.Outcome projection = project(db, tx, config, input, notices, progress);
        MusigGraph result = new MusigGraph(db.databaseName(), config.graphName(), graph, input.features(),
                input.trackNodeIds(), split == null ? null : split.name(), config.writeRelationshipType(),
                projection.projected() ? config.graphName() : null, input.excludedMemberships(), ZonedDateTime.now(),
                config.echo());
        GraphCatalog.of(db).put(result);
        return new Outcome(result, input.memberships().playlistCount(), input.memberships().pairOccurrences(), changes,
                projection, readMillis, computeMillis, writeMillis, notices);
    }

    private static GdsProjection.Outcome project(GraphDatabaseService db, Transaction tx, GraphBuildConfig config,
                                                 GraphInput input, List<String> notices, Progress progress) {
        if (!config.project()) {
            return GdsProjection.Outcome.SKIPPED;
        }
        if (config.writeRelationshipType() == null) {
            notices.add(
                    "no GDS projection: it is made from the written relationships, and writeRelationshipType is null");
            return GdsProjection.Outcome.SKIPPED;
        }
        if (!GdsProjection.available(tx)) {
            notices.add("no GDS projection: Graph Data Science is not installed on this server");
            return GdsProjection.Outcome.SKIPPED;
        }
        progress.begin("project into GDS", -1);
        progress.checkRunning();
        return GdsProjection.project(tx, config.graphName(), config.writeRelationshipType(), input.features());
    }
}
