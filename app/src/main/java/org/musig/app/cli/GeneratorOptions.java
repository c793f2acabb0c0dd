package org.musig.app.cli;

import org.musig.generator.GeneratorConfig;
import picocli.CommandLine.Option;

/** The synthetic data's shape, shared by ./musig generate and ./musig bench (which generates its data once). */
public final class GeneratorOptions {
    @Option(names = "--playlists", paramLabel = "N", description = "playlists to generate (default: ${DEFAULT-VALUE})")
    private int playlists;
    @Option(names = "--tracks", paramLabel = "M", description = "tracks in the catalogue (default: ${DEFAULT-VALUE})")
    private int tracks = GeneratorConfig.DEFAULT_TRACKS;
    @Option(names = "--seed", paramLabel = "S", description = "the random seed (default: ${DEFAULT-VALUE})")
    private long seed = GeneratorConfig.DEFAULT_SEED;
    @Option(names = "--genres", paramLabel = "G", description = "genres (default: ${DEFAULT-VALUE})")
    private int genres = GeneratorConfig.DEFAULT_GENRES;
    @Option(names = "--mean-length", paramLabel = "L",
            description = "mean playlist length in tracks (default: ${DEFAULT-VALUE})")
    private double meanLength = GeneratorConfig.DEFAULT_MEAN_PLAYLIST_LENGTH;
    @Option(names = "--artist-affinity", paramLabel = "X", description = "share of a playlist's tracks drawn from "
            + "an artist already in it, half from the same album (default: ${DEFAULT-VALUE})")
    private double artistAffinity = GeneratorConfig.DEFAULT_ARTIST_AFFINITY;
    @Option(names = "--new-release-share", paramLabel = "X", description = "share of the artists with several "
            + "albums whose latest album is a new release (dated 2017, only late in playlists; default: "
            + "${DEFAULT-VALUE})")
    private double newReleaseShare = GeneratorConfig.DEFAULT_NEW_RELEASE_SHARE;
    @Option(names = "--new-release-rate", paramLabel = "X", description = "share of the slots in a playlist's "
            + "second half that take a new release by an artist already in it (default: ${DEFAULT-VALUE})")
    private double newReleaseRate = GeneratorConfig.DEFAULT_NEW_RELEASE_RATE;

    /** For picocli (generate's default scale, the paper's). */
    public GeneratorOptions() {
        this(GeneratorConfig.DEFAULT_PLAYLISTS);
    }

    /** With another default number of playlists (bench load's). */
    public GeneratorOptions(int defaultPlaylists) {
        this.playlists = defaultPlaylists;
    }

    /** A builder with these options set (the others at their defaults); ranges are checked here. */
    GeneratorConfig.Builder builder(String command) {
        return GeneratorConfig.builder()
                .playlists((int) UsageException.checkRange(command, "--playlists", playlists, 1, 100_000_000))
                .tracks((int) UsageException.checkRange(command, "--tracks", tracks, 1, 100_000_000))
                .genres((int) UsageException.checkRange(command, "--genres", genres, 1, 10_000))
                .meanPlaylistLength(meanLength)
                .artistAffinity(artistAffinity)
                .newReleaseShare(newReleaseShare)
                .newReleaseRate(newReleaseRate)
                .seed(seed);
    }

    /** The built configuration, with the generator's own checks as usage errors. */
    static GeneratorConfig build(String command, GeneratorConfig.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
    }
}
