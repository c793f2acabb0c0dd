package org.musig.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the database lives, for every command that opens it. */
public final class DataDir {
    @Option(names = "--data", paramLabel = "DIR", description = "the database directory (default: ./data)")
    private Path data = Paths.defaultData();

    public Path path() {
        return data;
    }
}
