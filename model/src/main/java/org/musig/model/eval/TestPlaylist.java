package org.musig.model.eval;

/**
 * One test playlist of a split, as the caller's track ids (Neo4j node ids in the database): its seed
 * tracks (first by position) and its held-out tracks, with which held-out tracks are cold (no membership
 * outside the split's held-out parts: nothing trained for the evaluation has seen them).
 */
public record TestPlaylist(String id, long[] seed, long[] heldOut, boolean[] cold) {
}
