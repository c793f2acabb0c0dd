package org.musig.generator;

/**
 * One composed playlist: a reusable, mutable holder filled by {@link PlaylistComposer#compose} and
 * read by {@link MpdSliceWriter}. Track numbers index the {@link TrackCatalog}.
 */
final class ComposedPlaylist {

    int pid;
    /** Theme genre and (global id of the) main style. */
    int genre;
    int style;
    String name;
    int length;
    final int[] tracks = new int[PlaylistLengths.MAX_LENGTH];
    int numAlbums;
    int numArtists;
    int numFollowers;
    int numEdits;
    long modifiedAt;
    long durationMs;

    int track(int position) {
        return tracks[position];
    }
}
