package org.musig.procedures.evaluate;

/**
 * One test playlist of a split, as node ids: its seed tracks (first by position) and its held-out tracks,
 * with which held-out tracks are cold (no membership outside the split's held-out parts: nothing trained
 * for the evaluation has seen them).
 */
record TestPlaylist(String id, long[] seed, long[] heldOut, boolean[] cold) {
}
