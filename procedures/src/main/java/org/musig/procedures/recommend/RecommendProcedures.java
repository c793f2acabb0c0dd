package org.musig.procedures.recommend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.musig.loaders.GraphModel;
import org.musig.model.rank.VectorTable;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * {@code musig.recommend}, {@code musig.recommend.fromTracks}, {@code musig.similar}: cosine ranking of
 * every track with an embedding against the mean of the seed tracks' unit embeddings (paper section 4.3).
 */
public class RecommendProcedures {
    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    public record Recommendation(String trackId, String name, String artist, double score, long rank) {
    }

    @Procedure(name = "musig.recommend", mode = Mode.READ)
    @Description("Playlist completion: the k tracks whose embeddings are closest (cosine) to the mean of the "
            + "playlist's track embeddings. Config: k (10), property ('musig'), excludeSeed (true), useIndex ('auto').")
    public Stream<Recommendation> recommend(@Name("playlistId") String playlistId,
                                            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        RecommendConfig settings = RecommendConfig.parse("musig.recommend", config);
        Node playlist = playlistId == null ? null : tx.findNode(GraphModel.PLAYLIST, GraphModel.ID, playlistId);
        if (playlist == null) {
            throw new IllegalArgumentException("musig.recommend: " + (playlistId == null ? "playlistId is null"
                    : "no playlist with id '" + playlistId + "'"));
        }
        List<Node> seeds = new ArrayList<>();
        for (Relationship contains : playlist.getRelationships(Direction.OUTGOING, GraphModel.CONTAINS)) {
            seeds.add(contains.getEndNode());
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("musig.recommend: playlist '" + playlistId + "' has no tracks; "
                    + "use musig.recommend.fromTracks for an ad-hoc seed list");
        }
        return rank("musig.recommend", "playlist '" + playlistId + "'", seeds, settings);
    }

    @Procedure(name = "musig.recommend.fromTracks", mode = Mode.READ)
    @Description("Like musig.recommend for an ad-hoc list of Track ids (an app's draft playlist). Config: k, property, excludeSeed.")
    public Stream<Recommendation> fromTracks(@Name("trackIds") List<String> trackIds,
                                             @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        RecommendConfig settings = RecommendConfig.parse("musig.recommend.fromTracks", config);
        if (trackIds == null || trackIds.isEmpty()) {
            throw new IllegalArgumentException("musig.recommend.fromTracks: give at least one track id");
        }
        return rank("musig.recommend.fromTracks", "the given tracks",
                findTracks("musig.recommend.fromTracks", trackIds),
                settings);
    }

    @Procedure(name = "musig.similar", mode = Mode.READ)
    @Description("Track radio: the k tracks whose embeddings are closest to this track's. Config: k, property.")
    public Stream<Recommendation> similar(@Name("trackId") String trackId,
                                          @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        RecommendConfig settings = RecommendConfig.parse("musig.similar", config);
        if (trackId == null) {
            throw new IllegalArgumentException("musig.similar: trackId is null");
        }
        return rank("musig.similar", "track '" + trackId + "'", findTracks("musig.similar", List.of(trackId)),
                new RecommendConfig(settings.k(), settings.property(), true, settings.useIndex()));
    }

    private List<Node> findTracks(String owner, List<String> ids) {
        List<Node> tracks = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            Node track = id == null ? null : tx.findNode(GraphModel.TRACK, GraphModel.ID, id);
            if (track == null) {
                unknown.add(id);
            } else {
                tracks.add(track);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + ": no track with id " + (unknown.size() > 5
                    ? unknown.subList(0, 5) + " and " + (unknown.size() - 5) + " more" : unknown));
        }
        return tracks;
    }

    private static Recommendation recommendation(Node track, double score, long rank) {
        return new Recommendation((String) track.getProperty(GraphModel.ID, null),
                (String) track.getProperty("name", null),
                (String) track.getProperty("artist", null), score, rank);
    }

    private static IllegalArgumentException noSeedEmbedding(String owner, String what, int seeds, String property) {
        return new IllegalArgumentException(owner + ": none of the " + seeds + " tracks of " + what
                + " has an embedding in property '" + property + "'; run musig.embed.write({writeProperty: '"
                + property + "'})");
    }

    /**
     * The approximate nearest neighbours from a Neo4j vector index: asks for k more than the seed count so
     * that k remain after dropping the seeds. Neo4j scores cosine as (1 + cos) / 2; the result is cos again.
     */
    private Stream<Recommendation> fromIndex(String index, float[] query, List<Node> seeds, RecommendConfig settings) {
        Set<String> seedIds = new HashSet<>();
        for (Node seed : seeds) {
            seedIds.add(seed.getElementId());
        }
        int ask = settings.k() + (settings.excludeSeed() ? seedIds.size() : 0);
        List<Recommendation> rows = new ArrayList<>();
        try (var result = tx.execute("CALL db.index.vector.queryNodes($index, $k, $vector) YIELD node, score "
                + "RETURN node, score", Map.of("index", index, "k", ask, "vector", query))) {
            while (result.hasNext() && rows.size() < settings.k()) {
                Map<String, Object> row = result.next();
                Node track = (Node) row.get("node");
                if (settings.excludeSeed() && seedIds.contains(track.getElementId())) {
                    continue;
                }
                double cosine = 2 * ((Number) row.get("score")).doubleValue() - 1;
                rows.add(recommendation(track, cosine, rows.size() + 1));
            }
        }
        return rows.stream();
    }

    @SuppressWarnings("deprecation")
    private Stream<Recommendation> rank(String owner, String what, List<Node> seeds, RecommendConfig settings) {
        // While musig.embed.write rewrites the property, the index and the nodes hold a mix of old and new
        // vectors: answer from the matrix the write pinned, as it was before the write began.
        boolean writeInProgress = EmbeddingCache.of(db).isPinned(settings.property());
        String index = settings.useIndex() == RecommendConfig.UseIndex.NEVER || writeInProgress ? null
                : VectorIndexes.find(tx, settings.property());
        if (index == null && settings.useIndex() == RecommendConfig.UseIndex.REQUIRED && !writeInProgress) {
            throw new IllegalArgumentException(owner + ": useIndex is true but there is no online vector index on "
                    + ":Track(" + settings.property() + "); create one with musig.embed.write({createIndex: true})");
        }
        if (index != null) {
            // The index answers the search; the query only needs the seeds' own vectors, read from their nodes.
            float[] query = SeedVectors.mean(seeds, settings.property());
            if (query == null) {
                throw noSeedEmbedding(owner, what, seeds.size(), settings.property());
            }
            return fromIndex(index, query, seeds, settings);
        }
        EmbeddingCache.Embeddings embeddings = EmbeddingCache.of(db).get(tx, settings.property());
        Set<Integer> seedRows = new HashSet<>();
        for (Node seed : seeds) {
            int row = embeddings.row(seed.getId());
            if (row >= 0) {
                seedRows.add(row);
            }
        }
        if (seedRows.isEmpty()) {
            throw noSeedEmbedding(owner, what, seeds.size(), settings.property());
        }
        VectorTable table = embeddings.table();
        float[] query = table.meanOf(seedRows.stream().mapToInt(Integer::intValue).toArray());
        VectorTable.Hit[] hits = table.top(query, settings.k(),
                row -> !settings.excludeSeed() || !seedRows.contains(row));
        List<Recommendation> rows = new ArrayList<>(hits.length);
        for (int i = 0; i < hits.length; i++) {
            Node track = tx.getNodeById(embeddings.nodeIds()[hits[i].row()]);
            rows.add(recommendation(track, hits[i].score(), i + 1));
        }
        return rows.stream();
    }
}
