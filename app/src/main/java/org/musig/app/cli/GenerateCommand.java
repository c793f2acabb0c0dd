package org.musig.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.musig.loaders.synthetic.GenerationResult;
import org.musig.loaders.synthetic.GeneratorConfig;
import org.musig.loaders.synthetic.SyntheticPlaylistGenerator;

/** {@code ./musig generate}: synthetic MPD-format slices + features CSV with planted structure. */
public final class GenerateCommand implements Command {
    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "write synthetic MPD slices and a features CSV (planted genres, styles, popularity)";
    }

    @Override
    public String usage() {
        return """
                Usage: ./musig generate --out DIR [--playlists 95000] [--tracks 1000000] [--seed S]
                                        [--genres 50] [--mean-length 66] [--per-slice 1000]
                                        [--popularity-exponent 4] [--popularity-offset 0.45]
                                        [--threads 1] [--no-acoustic] [--overwrite]

                Writes mpd.slice.*.json files (the Million Playlist Dataset format, 1000 playlists each),
                track_features.csv (Spotify audio-features columns, genre, acoustic_0..7) and README.txt into
                DIR. Genres have Zipf-like sizes, audio features depend on genre and style, popularity follows a
                power law and playlists are drawn around a theme, so models have real structure to find.
                Same options and seed give byte-identical files. --playlists 95000 is the paper's scale;
                --playlists 1000000 --tracks 2000000 is the full MPD's.
                Load the result with: ./musig load mpd DIR_NAME --import PARENT_OF_DIR
                """;
    }

    @Override
    public int run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse("generate", args,
                Set.of("out", "playlists", "tracks", "seed", "genres", "mean-length", "per-slice",
                        "popularity-exponent", "popularity-offset", "threads"), Set.of("overwrite", "no-acoustic"));
        Path dir = options.path("out", null);
        if (dir == null) {
            throw new Options.UsageException("generate: --out DIR is required");
        }
        GeneratorConfig config = config(options, GeneratorConfig.DEFAULT_PLAYLISTS);
        GenerationResult result = generate(config, dir, out);
        out.printf(Locale.ROOT, "Wrote %,d playlists (%,d memberships, %,d distinct tracks of %,d) in %d files, "
                        + "%.1f MB, in %.1f s (%,.0f playlists/s) to %s%n",
                result.playlists(), result.memberships(), result.distinctTracks(), result.catalogTracks(),
                result.files(), result.bytesWritten() / 1e6, result.millis() / 1000.0, result.playlistsPerSecond(),
                dir.toAbsolutePath());
        return 0;
    }

    static GeneratorConfig config(Options options, long defaultPlaylists) {
        try {
            return GeneratorConfig.builder()
                    .playlists((int) options.number("playlists", defaultPlaylists, 1, 100_000_000))
                    .tracks((int) options.number("tracks", GeneratorConfig.DEFAULT_TRACKS, 1, 100_000_000))
                    .genres((int) options.number("genres", GeneratorConfig.DEFAULT_GENRES, 1, 10_000))
                    .meanPlaylistLength(options.decimal("mean-length", GeneratorConfig.DEFAULT_MEAN_PLAYLIST_LENGTH))
                    .seed(options.number("seed", GeneratorConfig.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE))
                    .playlistsPerSlice((int) options.number("per-slice", GeneratorConfig.DEFAULT_PLAYLISTS_PER_SLICE,
                            1, 1_000_000))
                    .popularityExponent(options.decimal("popularity-exponent", GeneratorConfig.DEFAULT_POPULARITY_EXPONENT))
                    .popularityOffset(options.decimal("popularity-offset", GeneratorConfig.DEFAULT_POPULARITY_OFFSET))
                    .threads((int) options.number("threads", 1, 1, 64))
                    .withAcoustic(!options.flag("no-acoustic"))
                    .overwrite(options.flag("overwrite"))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Options.UsageException("generate: " + e.getMessage());
        }
    }

    static GenerationResult generate(GeneratorConfig config, Path dir, PrintStream out) throws java.io.IOException {
        long step = Math.max(1, config.playlists() / 10);
        long[] next = {step};
        return new SyntheticPlaylistGenerator(config, written -> {
            if (written >= next[0]) {
                out.printf(Locale.ROOT, "  generated %,d / %,d playlists%n", written, (long) config.playlists());
                next[0] += step;
            }
        }).generate(dir);
    }
}
