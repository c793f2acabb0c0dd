package org.musig.procedures.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.musig.loaders.GraphModel;
import org.musig.procedures.PropertyValues;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * {@code musig.explain}: why a track is recommended for a playlist. The recommendation score is the
 * cosine between the track and the normalised sum of the seed tracks' unit vectors, so it splits exactly
 * into one share per seed track (its cosine with the track over the length of that sum); the seed tracks
 * with the largest shares are shown with what the graph says about each pair.
 */
public class ExplainProcedures {
    /** Audio features on a 0..1 scale, comparable by plain difference. */
    private static final List<String> UNIT_AUDIO = List.of("danceability", "energy", "valence", "acousticness",
            "instrumentalness", "speechiness", "liveness");

    @Context
    public Transaction tx;

    public record Explanation(String trackId, String name, String artist, double score, long rank, String seedTrackId,
                              String seedName, String seedArtist, double contribution, double similarity,
                              Long coOccurrenceWeight, long sharedPlaylists, List<String> sharedPlaylistNames,
                              Boolean sameGenre, List<String> closestAudioFeatures, Path path) {
    }

    @Procedure(name = "musig.explain", mode = Mode.READ)
    @Description("Why a track is recommended for a playlist: the playlist's tracks that contribute most to its score "
            + "(the contributions add up to the musig.recommend score), each with the co-occurrence weight, shared "
            + "playlists, shared genre, closest audio features and a path the Browser can draw. "
            + "Config: k (5), property ('musig'), relationshipType ('CO_OCCURS').")
    public Stream<Explanation> explain(@Name("playlistId") String playlistId, @Name("trackId") String trackId,
                                       @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        ExplainConfig settings = ExplainConfig.parse(config);
        if (playlistId == null || trackId == null) {
            throw new IllegalArgumentException(
                    ExplainConfig.OWNER + ": " + (playlistId == null ? "playlistId" : "trackId")
                            + " is null");
        }
        Node playlist = tx.findNode(GraphModel.PLAYLIST, GraphModel.ID, playlistId);
        if (playlist == null) {
            throw new IllegalArgumentException(ExplainConfig.OWNER + ": no playlist with id '" + playlistId + "'");
        }
        Node track = tx.findNode(GraphModel.TRACK, GraphModel.ID, trackId);
        if (track == null) {
            throw new IllegalArgumentException(ExplainConfig.OWNER + ": no track with id '" + trackId + "'");
        }
        float[] target = PropertyValues.unitVector(track.getProperty(settings.property(), null));
        if (target == null) {
            throw new IllegalArgumentException(ExplainConfig.OWNER + ": track '" + trackId + "' has no embedding in '"
                    + settings.property() + "'; run musig.embed.write({writeProperty: '" + settings.property() + "'})");
        }
        List<Node> seeds = new ArrayList<>();
        List<float[]> seedVectors = new ArrayList<>();
        double[] sum = new double[target.length];
        for (Relationship contains : playlist.getRelationships(Direction.OUTGOING, GraphModel.CONTAINS)) {
            Node seed = contains.getEndNode();
            float[] v = PropertyValues.unitVector(seed.getProperty(settings.property(), null));
            if (seed.equals(track) || v == null || v.length != target.length) {
                continue; // the recommendation leaves the track itself out of the seed as well
            }
            seeds.add(seed);
            seedVectors.add(v);
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException(ExplainConfig.OWNER + ": no other track of playlist '" + playlistId
                    + "' has an embedding in '" + settings.property() + "'");
        }
        double length = Math.sqrt(dot(sum, sum));
        double score = 0;
        List<double[]> shares = new ArrayList<>(); // {seed index, similarity, contribution}
        for (int s = 0; s < seeds.size(); s++) {
            double similarity = dot(seedVectors.get(s), target);
            double contribution = length == 0 ? 0 : similarity / length;
            score += contribution;
            shares.add(new double[] {s, similarity, contribution});
        }
        shares.sort(Comparator.comparingDouble((double[] d) -> -d[2]));
        RelationshipType coOccurs = RelationshipType.withName(settings.relationshipType());
        List<Explanation> rows = new ArrayList<>();
        for (int r = 0; r < Math.min(settings.k(), shares.size()); r++) {
            double[] share = shares.get(r);
            Node seed = seeds.get((int) share[0]);
            List<String> shared = sharedPlaylists(seed, track, playlist);
            rows.add(new Explanation(trackId, text(track, "name"), text(track, "artist"), score, r + 1,
                    text(seed, GraphModel.ID), text(seed, "name"), text(seed, "artist"), share[2], share[1],
                    coOccurrenceWeight(seed, track, coOccurs), shared.size(),
                    shared.subList(0, Math.min(3, shared.size())),
                    sameGenre(seed, track), closestAudio(seed, track), path(seed, track, playlist, coOccurs)));
        }
        return rows.stream();
    }

    /** Names (or ids) of the other playlists holding both tracks. */
    private static List<String> sharedPlaylists(Node a, Node b, Node except) {
        java.util.Set<Node> ofA = new java.util.HashSet<>();
        for (Relationship r : a.getRelationships(Direction.INCOMING, GraphModel.CONTAINS)) {
            ofA.add(r.getStartNode());
        }
        List<String> shared = new ArrayList<>();
        for (Relationship r : b.getRelationships(Direction.INCOMING, GraphModel.CONTAINS)) {
            Node p = r.getStartNode();
            if (!p.equals(except) && ofA.remove(p)) {
                String name = text(p, "name");
                shared.add(name != null ? name : text(p, GraphModel.ID));
            }
        }
        return shared;
    }

    private static Long coOccurrenceWeight(Node a, Node b, RelationshipType type) {
        for (Relationship r : a.getRelationships(Direction.BOTH, type)) {
            if (r.getOtherNode(a).equals(b)) {
                Object w = r.getProperty("weight", null);
                return w instanceof Number n ? n.longValue() : null;
            }
        }
        return null;
    }

    private static Boolean sameGenre(Node a, Node b) {
        Object ga = a.getProperty(GraphModel.GENRE, null);
        Object gb = b.getProperty(GraphModel.GENRE, null);
        return ga == null || gb == null ? null : ga.equals(gb);
    }

    /** The three 0..1 audio features on which the two tracks are closest, e.g. "energy 0.81 / 0.79". */
    private static List<String> closestAudio(Node a, Node b) {
        List<Object[]> diffs = new ArrayList<>();
        for (String feature : UNIT_AUDIO) {
            if (a.getProperty(feature, null) instanceof Number x && b.getProperty(feature, null) instanceof Number y) {
                diffs.add(new Object[] {feature, x.doubleValue(), y.doubleValue()});
            }
        }
        diffs.sort(Comparator.comparingDouble(d -> Math.abs((double) d[1] - (double) d[2])));
        return diffs.stream().limit(3)
                .map(d -> String.format(java.util.Locale.ROOT, "%s %.2f / %.2f", d[0], d[1], d[2]))
                .toList();
    }

    /**
     * A path the Browser can draw: through another playlist holding both tracks, else their co-occurrence
     * relationship, else through the explained playlist itself.
     */
    private Path path(Node seed, Node track, Node playlist, RelationshipType coOccurs) {
        String query = "MATCH (s) WHERE elementId(s) = $seed MATCH (t) WHERE elementId(t) = $track "
                + "OPTIONAL MATCH shared = (s)<-[:CONTAINS]-(p:Playlist)-[:CONTAINS]->(t) WHERE elementId(p) <> $playlist "
                + "WITH s, t, shared LIMIT 1 "
                + "OPTIONAL MATCH direct = (s)-[r]-(t) WHERE type(r) = $type "
                + "WITH s, t, shared, direct LIMIT 1 "
                + "OPTIONAL MATCH own = (s)<-[:CONTAINS]-(p:Playlist)-[:CONTAINS]->(t) WHERE elementId(p) = $playlist "
                + "RETURN coalesce(shared, direct, own) AS path LIMIT 1";
        try (var result = tx.execute(query, Map.of("seed", seed.getElementId(), "track", track.getElementId(),
                "playlist", playlist.getElementId(), "type", coOccurs.name()))) {
            return result.hasNext() ? (Path) result.next().get("path") : null;
        }
    }

    private static String text(Node node, String property) {
        Object value = node.getProperty(property, null);
        return value == null ? null : value.toString();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
