package org.musig.app.cli;

import java.nio.file.Path;

/** Where the launcher finds its own files and puts the user's by default. */
public final class Paths {
    private Paths() {
    }

    /** The repository (or unpacked distribution) root: set by ./musig, else the working directory. */
    public static Path home() {
        String home = System.getProperty("musig.home");
        return home == null ? Path.of("").toAbsolutePath() : Path.of(home);
    }

    public static Path defaultData() {
        return Path.of("data");
    }

    public static Path bundledDataset() {
        return home().resolve("datasets/tidytuesday-spotify-songs/spotify_songs.zip");
    }
}
