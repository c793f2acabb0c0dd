package org.musig.loaders;

import java.util.function.LongConsumer;
import org.musig.common.progress.Progress;

/**
 * One input file's share of a load's progress, in bytes: advanced as the file is read (so a single large CSV shows
 * progress, not 0% until its end), and by whatever is left when the file is done.
 */
public final class FileProgress implements LongConsumer {
    /** Takes bytes read and discards them: for a pass that only validates. */
    public static final LongConsumer IGNORED = bytes -> {
    };

    private final Progress progress;
    private final long fileBytes;
    private long reported;

    public FileProgress(Progress progress, long fileBytes) {
        this.progress = progress;
        this.fileBytes = fileBytes;
    }

    /** The file has been read up to {@code bytesRead} bytes. */
    @Override
    public void accept(long bytesRead) {
        long upTo = Math.min(bytesRead, fileBytes);
        if (upTo > reported) {
            progress.advance(upTo - reported);
            reported = upTo;
        }
    }

    /** The file is read to its end. */
    public void done() {
        accept(fileBytes);
    }
}
