package org.musig.loaders.write;

import org.musig.loaders.AudioFeatures;
import org.musig.loaders.GraphModel;
import org.musig.loaders.TrackRecord;
import org.neo4j.graphdb.Node;

/** Sets a track record's properties and vectors on its node (absent values leave what is there). */
final class TrackProperties {
    private TrackProperties() {
    }

    static void apply(Node node, TrackRecord track) {
        track.properties().forEach(node::setProperty);
        if (track.audio() != null) {
            node.setProperty(AudioFeatures.VECTOR_PROPERTY, track.audio());
        }
        if (track.acoustic() != null) {
            node.setProperty(AudioFeatures.ACOUSTIC_PROPERTY, track.acoustic());
        }
        if (track.genres() != null && !track.genres().isEmpty()) {
            node.setProperty(GraphModel.GENRES, track.genres().toArray(String[]::new));
            node.setProperty(GraphModel.GENRE, track.genres().get(0));
        }
    }
}
