package org.musig.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --import DIR}: where the loaders read files; by default inside the data directory. */
public final class ImportDir {
    @Option(names = "--import", paramLabel = "DIR",
            description = "the import directory loaders read from (default: <data>/import)")
    private Path importDir;

    public Path path(Path dataDir) {
        return importDir != null ? importDir : dataDir.resolve("import");
    }
}
