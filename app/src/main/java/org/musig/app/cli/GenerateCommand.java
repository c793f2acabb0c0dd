package org.musig.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.musig.generator.GenerationResult;
import org.musig.generator.GeneratorConfig;
import org.musig.generator.SyntheticPlaylistGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./musig generate}: synthetic MPD-format slices + features CSV with planted structure. */
@Command(name = "generate", description = {
        "Write synthetic MPD slices and a features CSV (planted genres, styles, popularity, artists, new releases).",
        "",
        "Writes mpd.slice.*.json files (the Million Playlist Dataset format, 1000 playlists each), track_features.csv "
                + "(Spotify audio-features columns, genre, release_date, acoustic_0..7) and README.txt into DIR. "
                + "Genres have Zipf-like sizes, audio features depend on genre and style, popularity follows a "
                + "power law, playlists are drawn around a theme and repeat their artists, and new releases by "
                + "known artists come late in playlists, so models have real structure to find; the command "
                + "reports how many held-out tracks a split would find cold and by a known artist. Same options and seed "
                + "give byte-identical files. --playlists 95000 is the paper's scale; --playlists 1000000 --tracks "
                + "2000000 is the full MPD's.",
        "Load the result with: ./musig load mpd DIR_NAME --import PARENT_OF_DIR"})
public final class GenerateCommand extends Subcommand {
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the folder to write into")
    private Path dir;
    @Mixin
    private GeneratorOptions shape;
    @Option(names = "--per-slice", paramLabel = "N",
            description = "playlists per slice file (default: ${DEFAULT-VALUE})")
    private int perSlice = GeneratorConfig.DEFAULT_PLAYLISTS_PER_SLICE;
    @Option(names = "--popularity-exponent", paramLabel = "X",
            description = "the popularity power law's exponent (default: ${DEFAULT-VALUE})")
    private double popularityExponent = GeneratorConfig.DEFAULT_POPULARITY_EXPONENT;
    @Option(names = "--popularity-offset", paramLabel = "X",
            description = "the popularity power law's offset (default: ${DEFAULT-VALUE})")
    private double popularityOffset = GeneratorConfig.DEFAULT_POPULARITY_OFFSET;
    @Option(names = "--threads", paramLabel = "N", description = "writer threads (default: ${DEFAULT-VALUE})")
    private int threads = 1;
    @Option(names = "--no-acoustic", description = "leave out the acoustic_0..7 columns")
    private boolean noAcoustic;
    @Option(names = "--overwrite", description = "replace files already in DIR")
    private boolean overwrite;

    @Override
    protected int run(PrintStream out) throws Exception {
        GeneratorConfig config = GeneratorOptions.build("generate", shape.builder("generate")
                .playlistsPerSlice((int) UsageException.checkRange("generate", "--per-slice", perSlice, 1, 1_000_000))
                .popularityExponent(popularityExponent)
                .popularityOffset(popularityOffset)
                .threads((int) UsageException.checkRange("generate", "--threads", threads, 1, 64))
                .withAcoustic(!noAcoustic)
                .overwrite(overwrite));
        GenerationResult result = generate(config, dir, out);
        out.printf(Locale.ROOT, "Wrote %,d playlists (%,d memberships, %,d distinct tracks of %,d) in %d files, "
                + "%.1f MB, in %.1f s (%,.0f playlists/s) to %s%n",
                result.playlists(), result.memberships(), result.distinctTracks(), result.catalogTracks(),
                result.files(), result.bytesWritten() / 1e6, result.millis() / 1000.0, result.playlistsPerSecond(),
                dir.toAbsolutePath());
        out.print(result.shape().describe("  "));
        return 0;
    }

    static GenerationResult generate(GeneratorConfig config, Path dir, PrintStream out) throws java.io.IOException {
        long step = Math.max(1, config.playlists() / 10);
        long[] next = {step};
        long start = System.nanoTime();
        return new SyntheticPlaylistGenerator(config, written -> {
            if (written >= next[0]) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                double fraction = (double) written / config.playlists();
                out.printf(Locale.ROOT, "  generated %,d / %,d playlists%s%n", written, (long) config.playlists(),
                        ProgressPrinter.timing(elapsed, ProgressPrinter.estimate(0, fraction, elapsed)));
                next[0] += step;
            }
        }).generate(dir);
    }
}
