package org.musig.app.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * A one-line secret in a file only its owner may read or write (rw-------). It is written to a new file
 * that is created owner-only and then renamed over the target, so a reader never sees it half-written or
 * readable by others.
 */
public final class PasswordFile {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;

    public PasswordFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The secret, if the file exists; its permissions are narrowed to owner-only if someone widened them. */
    public Optional<String> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            if (posix() && !Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            }
            String secret = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalStateException(path + " is empty; delete it to have a new password generated");
            }
            return Optional.of(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    public void write(String secret) {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(tmp);
                restrictWithoutPosix(tmp);
            }
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Best effort where POSIX permissions do not exist (Windows): readable and writable by the owner only. */
    private static void restrictWithoutPosix(Path file) {
        java.io.File f = file.toFile();
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
    }
}
