package org.musig.procedures.train;

import java.time.ZonedDateTime;
import org.musig.model.train.TrainedModel;

/**
 * A trained model as stored in a {@code (:MusigModel)} node, with what it was trained on: the graph's
 * threshold and excluded split, so that embedding later rebuilds the same kind of graph (new tracks
 * included) without seeing an evaluation's held-out memberships.
 */
record StoredModel(String name, TrainedModel model, String graphName, int minWeight, String excludedSplit,
                   long nodeCount, long relationshipCount, long trainMillis, ZonedDateTime createdAt) {
}
