package org.musig.loaders.write;

import java.util.HashSet;
import java.util.Set;
import org.musig.loaders.GraphModel;
import org.musig.loaders.TrackRecord;
import org.neo4j.graphdb.Node;

/** Sets per-track features on existing Track nodes (or creates them when asked), in batches. */
public final class FeatureWriter {
    private final BatchTransaction batch;
    private final boolean createMissing;
    private final Set<String> seen = new HashSet<>();
    private long tracks;
    private long created;
    private long notFound;
    private long duplicates;

    public FeatureWriter(BatchTransaction batch, boolean createMissing) {
        this.batch = batch;
        this.createMissing = createMissing;
    }

    /** @return false when the track is not in the graph and was not created */
    public boolean write(TrackRecord track) {
        if (!seen.add(track.id())) {
            duplicates++; // the first row for a track wins, as for memberships
            return true;
        }
        Node node = batch.tx().findNode(GraphModel.TRACK, GraphModel.ID, track.id());
        if (node == null) {
            if (!createMissing) {
                notFound++;
                return false;
            }
            node = batch.tx().createNode(GraphModel.TRACK);
            node.setProperty(GraphModel.ID, track.id());
            created++;
        }
        TrackProperties.apply(node, track);
        tracks++;
        batch.increment();
        return true;
    }

    public long tracks() {
        return tracks;
    }

    public long created() {
        return created;
    }

    public long notFound() {
        return notFound;
    }

    public long duplicates() {
        return duplicates;
    }
}
