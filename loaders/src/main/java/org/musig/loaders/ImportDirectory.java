package org.musig.loaders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The only place loaders read from: Neo4j's import directory ({@code server.directories.import}).
 * A user's path is resolved below it; paths that escape it (through "..", an absolute path elsewhere,
 * or a symbolic link pointing outside) and URLs are refused, as LOAD CSV does.
 */
public final class ImportDirectory {
    private static final Pattern URL_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    /**
     * A further check on each file or directory a load is about to read, after it was confined to the import
     * directory: the server's own access rules (the LOAD privilege). Throws to refuse.
     */
    @FunctionalInterface
    public interface ReadCheck {
        ReadCheck NONE = path -> {};

        void check(Path realPath);
    }

    private final Path root;
    private final ReadCheck readCheck;

    private ImportDirectory(Path root, ReadCheck readCheck) {
        this.root = root;
        this.readCheck = readCheck;
    }

    /** @param root the configured import directory; null when the server has none configured */
    public static ImportDirectory of(Path root) {
        return of(root, ReadCheck.NONE);
    }

    /**
     * @param root      the configured import directory; null when the server has none configured
     * @param readCheck run on every resolved path before it is read
     */
    public static ImportDirectory of(Path root, ReadCheck readCheck) {
        if (root == null) {
            throw new LoadException("No import directory is configured (server.directories.import); "
                    + "MUSIG loaders read files only from there.");
        }
        try {
            Files.createDirectories(root);
            return new ImportDirectory(root.toRealPath(), readCheck);
        } catch (IOException e) {
            throw new LoadException("Import directory " + root + " cannot be used: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves {@code userPath} (relative to the import directory, or absolute inside it) to an existing
     * file or directory whose real location is inside the import directory and that passes the read check.
     */
    public Path resolve(String userPath) {
        if (userPath == null || userPath.isBlank()) {
            throw new LoadException("No path given: pass a file or directory relative to the import directory "
                    + root);
        }
        String trimmed = userPath.trim();
        if (URL_SCHEME.matcher(trimmed).matches() && !looksLikeWindowsDrive(trimmed)) {
            throw new LoadException("URLs are not accepted ('" + trimmed + "'): put the file in the import directory "
                    + root + " and pass its relative path");
        }
        Path candidate = root.resolve(trimmed).normalize();
        if (!candidate.startsWith(root)) {
            throw new LoadException("Path '" + trimmed + "' is outside the import directory " + root);
        }
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) && !Files.exists(candidate)) {
            throw new LoadException("File not found: '" + trimmed + "' (looked in the import directory " + root + ")");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new LoadException("File not found: '" + trimmed + "' (" + e.getMessage() + ")", e);
        }
        if (!real.startsWith(root)) {
            throw new LoadException("Path '" + trimmed + "' leads outside the import directory " + root
                    + " (through a symbolic link)");
        }
        readCheck.check(real);
        return real;
    }

    private static boolean looksLikeWindowsDrive(String path) {
        return path.length() > 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))
                && path.toLowerCase(Locale.ROOT).charAt(2) == '\\';
    }
}
