package org.musig.procedures.split;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * An evaluation split as stored in the database: the test playlists and, for each, how many of its first
 * tracks (by {@code CONTAINS.position}) form the seed; the rest of the playlist is held out. Stored once,
 * so every build, training and evaluation that names it sees exactly the same split.
 *
 * @param playlistIds test playlists, ascending
 * @param seedSizes   seed size per test playlist, same order
 */
public record StoredSplit(String name, String[] playlistIds, int[] seedSizes, double seedFraction, int minTracks,
                          long randomSeed, long seedMemberships, long heldOutMemberships,
                          ZonedDateTime createdAt) {

    /** Test playlist id -> seed size, for readers that walk the store playlist by playlist. */
    public Map<String, Integer> seedSizeByPlaylist() {
        Map<String, Integer> map = new HashMap<>(playlistIds.length * 2);
        for (int i = 0; i < playlistIds.length; i++) {
            map.put(playlistIds[i], seedSizes[i]);
        }
        return map;
    }

    public int playlistCount() {
        return playlistIds.length;
    }

    /**
     * A membership's place in the seed order: its {@code CONTAINS.position}, or after every positioned
     * track when it has none. Ties are broken by node id by the callers.
     */
    public static long position(org.neo4j.graphdb.Relationship contains) {
        Object position = contains.getProperty(org.musig.loaders.GraphModel.POSITION, null);
        return position instanceof Number number ? number.longValue() : Long.MAX_VALUE;
    }
}
