package org.musig.generator;

import java.nio.file.Path;

/**
 * What one {@link SyntheticPlaylistGenerator#generate} run wrote.
 *
 * @param outputDirectory directory holding the files
 * @param files           files written (slices, the features CSV and README.txt)
 * @param sliceFiles      {@code mpd.slice.*.json} files among them
 * @param playlists       playlists written
 * @param memberships     (playlist, track) pairs written, i.e. the sum of playlist lengths
 * @param distinctTracks  catalog tracks that occur in at least one playlist
 * @param catalogTracks   tracks in the catalog (= rows of {@code track_features.csv})
 * @param shape           artist repeats, single-playlist tracks and a simulated split's cold tracks
 * @param bytesWritten    total size of all files written
 * @param millis          wall-clock time of the run
 */
public record GenerationResult(
                               Path outputDirectory,
                               int files,
                               int sliceFiles,
                               long playlists,
                               long memberships,
                               int distinctTracks,
                               int catalogTracks,
                               PlaylistShape shape,
                               long bytesWritten,
                               long millis) {

    /** Playlists per second of wall-clock time. */
    public double playlistsPerSecond() {
        return millis == 0 ? Double.POSITIVE_INFINITY : playlists * 1000.0 / millis;
    }

    /** Megabytes (10^6 bytes) written per second of wall-clock time. */
    public double megabytesPerSecond() {
        return millis == 0 ? Double.POSITIVE_INFINITY : bytesWritten / 1000.0 / millis;
    }
}
