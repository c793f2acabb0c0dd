package org.musig.loaders.write;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.musig.loaders.GraphModel;
import org.musig.loaders.PlaylistRecord;
import org.musig.loaders.TrackRecord;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;

/**
 * Writes (playlist, track, position) rows idempotently: playlists and tracks are merged on their id,
 * a membership is created once per (playlist, track), a repeated track in the same playlist is kept
 * first and counted as a duplicate, and loading the same input again changes nothing.
 *
 * <p>Speed comes from resolving each id to a node once per load (node ids are cached across batches)
 * and from reading a pre-existing playlist's memberships once, instead of MERGE per row.
 *
 * <p>A track's properties come from the first row that names it in a load; a later row naming another artist for
 * it is counted by {@link ArtistConflicts}.
 */
public final class MembershipWriter {
    private final BatchTransaction batch;
    private final ObjectLongHashMap<String> trackNodes = new ObjectLongHashMap<>();
    private final Map<String, PlaylistState> playlists = new HashMap<>();

    private long playlistsTouched;
    private long playlistsCreated;
    private long tracksCreated;
    private long membershipsCreated;
    private long memberships;
    private long duplicates;
    private final ArtistConflicts artistConflicts = new ArtistConflicts();

    /** True when the graph had no tracks when the load began: then a cache miss is a new track. */
    private final boolean noTracksBefore;

    public MembershipWriter(BatchTransaction batch) {
        this.batch = batch;
        // On a fresh graph, skip the index lookup per new track (every track id stays cached for the
        // whole load; the uniqueness constraint still guards against a concurrent load creating the
        // same id: its commit would fail, not duplicate).
        try (var tracks = batch.tx().findNodes(GraphModel.TRACK)) {
            this.noTracksBefore = !tracks.hasNext();
        }
    }

    /** What the writer knows of one playlist during this load. */
    private static final class PlaylistState {
        final long nodeId;
        final LongHashSet tracksThisLoad = new LongHashSet();
        /** track node id -> relationship id, for memberships that existed before this load */
        final LongLongHashMap existing;
        final PlaylistLabels labels = new PlaylistLabels();
        int nextPosition;

        PlaylistState(long nodeId, LongLongHashMap existing) {
            this.nodeId = nodeId;
            this.existing = existing;
        }
    }

    /**
     * @param position the track's position in the playlist, or -1 to use the next position in input order
     * @return false when the track was already in this playlist in this input (a duplicate, skipped)
     */
    public boolean write(PlaylistRecord playlist, TrackRecord track, int position) {
        Transaction tx = batch.tx();
        PlaylistState state = playlistState(tx, playlist);
        long trackNode = trackNode(tx, track);
        if (!state.tracksThisLoad.add(trackNode)) {
            duplicates++;
            return false;
        }
        int pos = position >= 0 ? position : state.nextPosition;
        state.nextPosition = Math.max(state.nextPosition, pos + 1);
        memberships++;
        long existingRel = state.existing == null ? -1 : state.existing.getIfAbsent(trackNode, -1);
        if (existingRel >= 0) {
            Relationship rel = tx.getRelationshipById(existingRel);
            Object old = rel.getProperty(GraphModel.POSITION, null);
            if (!(old instanceof Number n) || n.intValue() != pos) {
                rel.setProperty(GraphModel.POSITION, (long) pos);
            }
        } else {
            Relationship rel = tx.getNodeById(state.nodeId).createRelationshipTo(tx.getNodeById(trackNode),
                    GraphModel.CONTAINS);
            rel.setProperty(GraphModel.POSITION, (long) pos);
            membershipsCreated++;
        }
        batch.increment();
        return true;
    }

    /** Forgets a finished playlist (MPD input is grouped by playlist), keeping memory bounded. */
    public void playlistDone(String playlistId) {
        playlists.remove(playlistId);
    }

    private PlaylistState playlistState(Transaction tx, PlaylistRecord playlist) {
        PlaylistState state = playlists.get(playlist.id());
        boolean firstTouch = state == null;
        Node node;
        if (firstTouch) {
            node = tx.findNode(GraphModel.PLAYLIST, GraphModel.ID, playlist.id());
            LongLongHashMap existing = null;
            if (node == null) {
                node = tx.createNode(GraphModel.PLAYLIST);
                node.setProperty(GraphModel.ID, playlist.id());
                playlistsCreated++;
            } else {
                existing = new LongLongHashMap();
                for (Relationship rel : node.getRelationships(Direction.OUTGOING, GraphModel.CONTAINS)) {
                    existing.put(rel.getEndNodeId(), rel.getId());
                }
            }
            playlist.properties().forEach(node::setProperty);
            state = new PlaylistState(node.getId(), existing);
            playlistsTouched++;
            playlists.put(playlist.id(), state);
        } else {
            node = null;
        }
        Map<String, Object> changed = state.labels.add(playlist);
        if (!changed.isEmpty()) {
            Node target = node != null ? node : tx.getNodeById(state.nodeId);
            changed.forEach(target::setProperty);
        }
        return state;
    }

    private long trackNode(Transaction tx, TrackRecord track) {
        long cached = trackNodes.getIfAbsent(track.id(), -1);
        if (cached >= 0) {
            artistConflicts.later(cached, track,
                    () -> tx.getNodeById(cached).getProperties(GraphModel.ARTIST_ID, GraphModel.ARTIST));
            return cached;
        }
        Node node = noTracksBefore ? null : tx.findNode(GraphModel.TRACK, GraphModel.ID, track.id());
        if (node == null) {
            node = tx.createNode(GraphModel.TRACK);
            node.setProperty(GraphModel.ID, track.id());
            tracksCreated++;
        }
        TrackProperties.apply(node, track);
        trackNodes.put(track.id(), node.getId());
        artistConflicts.first(node.getId(), track);
        return node.getId();
    }

    /** A notice when some track was given two artists in this load (see {@link ArtistConflicts}); null otherwise. */
    public String artistConflictNotice() {
        return artistConflicts.notice();
    }

    /** Distinct playlists written by this load. */
    public long playlists() {
        return playlistsTouched;
    }

    public long playlistsCreated() {
        return playlistsCreated;
    }

    public long tracks() {
        return trackNodes.size();
    }

    public long tracksCreated() {
        return tracksCreated;
    }

    public long memberships() {
        return memberships;
    }

    public long membershipsCreated() {
        return membershipsCreated;
    }

    public long duplicates() {
        return duplicates;
    }
}
