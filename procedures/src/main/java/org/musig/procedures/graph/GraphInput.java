package org.musig.procedures.graph;

import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackFeatures;

/**
 * What a build reads from the store: tracks by dense id (ascending node id), the memberships the graph may
 * see (a split's held-out part already removed) and the per-track features computed from those same
 * memberships.
 *
 * @param trackNodeIds        Neo4j node id of each dense track id, ascending
 * @param excludedMemberships held-out memberships left out
 * @param splitPlaylistsFound test playlists of the excluded split that exist in the store
 */
record GraphInput(long[] trackNodeIds, PlaylistMemberships memberships, TrackFeatures features,
                  long excludedMemberships, int splitPlaylistsFound) {
}
