package org.musig.generator;

import java.util.Locale;

/**
 * How the generated playlists look next to real ones, measured by {@link PlaylistCensus} over every
 * playlist written: artist and album repeats inside playlists, how many tracks only one playlist holds,
 * and what a recommender evaluation would see as cold tracks.
 *
 * <p>The simulated split holds out the second half (positions {@code >= length / 2}) of a random
 * {@value PlaylistCensus#TEST_PERCENT}% of the playlists (chosen from the seed and pid); the training
 * part is every other playlist plus the first halves of the held-out ones (the seeds an evaluation
 * shows a recommender). A held-out track is <b>cold</b> when the training part never holds it; its
 * artist is <b>known</b> when the training part holds a track by that artist. On real MPD slices 62-75%
 * of the cold held-out tracks are by a known artist.
 *
 * @param playlists          playlists measured
 * @param memberships        sum of their lengths
 * @param artistSlots        sum over playlists of their distinct artists ({@code num_artists})
 * @param albumSlots         sum over playlists of their distinct albums ({@code num_albums})
 * @param distinctTracks     tracks in at least one playlist
 * @param singletonTracks    tracks in exactly one playlist
 * @param testPlaylists      playlists of the simulated split whose second half is held out
 * @param heldOutTracks      held-out (playlist, track) pairs
 * @param coldHeldOut        of those, pairs whose track the training part never holds
 * @param coldKnownArtist    of those, pairs whose artist the training part holds
 */
public record PlaylistShape(
                            long playlists,
                            long memberships,
                            long artistSlots,
                            long albumSlots,
                            int distinctTracks,
                            int singletonTracks,
                            long testPlaylists,
                            long heldOutTracks,
                            long coldHeldOut,
                            long coldKnownArtist) {

    /** Distinct artists per playlist track (MPD: 38 artists in a 66-track playlist on average, 0.57). */
    public double artistsPerTrack() {
        return ratio(artistSlots, memberships);
    }

    /** Distinct albums per playlist track (MPD: about 0.75). */
    public double albumsPerTrack() {
        return ratio(albumSlots, memberships);
    }

    /** Share of the used tracks that only one playlist holds. */
    public double singletonShare() {
        return ratio(singletonTracks, distinctTracks);
    }

    /** Share of the held-out tracks that are cold. */
    public double coldShare() {
        return ratio(coldHeldOut, heldOutTracks);
    }

    /** Share of the cold held-out tracks whose artist the training part knows. */
    public double knownArtistShareOfCold() {
        return ratio(coldKnownArtist, coldHeldOut);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    /** One line per figure (each ending in a line break), for README.txt and the command line. */
    public String describe(String indent) {
        return String.format(Locale.ROOT, "%sdistinct artists per playlist track  %.3f (MPD about 0.57)\n"
                + "%sdistinct albums per playlist track   %.3f (MPD about 0.75)\n"
                + "%stracks in only one playlist         %.1f%% of %,d used\n"
                + "%ssimulated split                     second half of %,d playlists (%d%%) held out: %,d tracks\n"
                + "%s  cold (no training playlist)       %,d (%.1f%%)\n"
                + "%s  cold by an artist seen in training %,d (%.1f%% of cold; MPD 62-75%%)\n",
                indent, artistsPerTrack(), indent, albumsPerTrack(), indent, 100.0 * singletonShare(), distinctTracks,
                indent, testPlaylists, PlaylistCensus.TEST_PERCENT, heldOutTracks, indent, coldHeldOut,
                100.0 * coldShare(), indent, coldKnownArtist, 100.0 * knownArtistShareOfCold());
    }
}
