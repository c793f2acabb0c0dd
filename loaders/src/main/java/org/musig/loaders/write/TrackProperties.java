package org.musig.loaders.write;

import java.util.function.BiConsumer;
import org.musig.loaders.AudioFeatures;
import org.musig.loaders.GraphModel;
import org.musig.loaders.TrackRecord;
import org.neo4j.graphdb.Node;

/**
 * A track record's node properties and vectors (absent values leave what is there), for the transactional
 * writers and the offline import alike.
 */
public final class TrackProperties {
    private TrackProperties() {
    }

    static void apply(Node node, TrackRecord track) {
        forEach(track, node::setProperty);
    }

    /** Passes each property the track's node gets, besides {@code id}. */
    public static void forEach(TrackRecord track, BiConsumer<String, Object> property) {
        track.properties().forEach(property);
        if (track.audio() != null) {
            property.accept(AudioFeatures.VECTOR_PROPERTY, track.audio());
        }
        if (track.acoustic() != null) {
            property.accept(AudioFeatures.ACOUSTIC_PROPERTY, track.acoustic());
        }
        if (track.genres() != null && !track.genres().isEmpty()) {
            property.accept(GraphModel.GENRES, track.genres().toArray(String[]::new));
            property.accept(GraphModel.GENRE, track.genres().get(0));
        }
    }
}
