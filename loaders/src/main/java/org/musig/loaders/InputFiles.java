package org.musig.loaders;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** The files a load reads: the path itself, or the matching files of a directory in name order. */
public final class InputFiles {
    private InputFiles() {
    }

    public static List<Path> list(ImportDirectory importDirectory, String userPath, String glob) {
        Path path = importDirectory.resolve(userPath);
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new LoadException("'" + userPath + "' is neither a file nor a directory");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> entries = Files.list(path)) {
            List<Path> files = entries
                    .filter(p -> matcher.matches(p.getFileName()))
                    .map(p -> importDirectory.resolve(importDirectory.root().relativize(p).toString()))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new LoadException("No file matching '" + glob + "' in directory '" + userPath + "'");
            }
            return files;
        } catch (IOException e) {
            throw new LoadException("Directory '" + userPath + "' cannot be listed: " + e.getMessage(), e);
        }
    }

    public static long totalBytes(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                throw new LoadException(f.getFileName() + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return total;
    }
}
