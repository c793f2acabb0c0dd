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
