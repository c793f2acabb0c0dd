package org.musig.loaders;

import java.util.ArrayList;
import java.util.List;
import org.musig.common.config.ConfigMap;

/**
 * Options every loader shares: the batch size and what to do with a bad row or playlist. With
 * {@code onError: 'fail'} (the default) a file is validated completely before any of it is written, so
 * a bad file writes nothing of itself; with {@code 'skip'} bad entries are skipped, counted and the first
 * {@value #MAX_REPORTED_ERRORS} messages reported.
 */
public final class LoadOptions {
    public static final List<String> KEYS = List.of("batchSize", "onError");
    public static final int MAX_REPORTED_ERRORS = 100;

    private final int batchSize;
    private final boolean skipInvalid;
    private final List<String> errors = new ArrayList<>();
    private final java.util.Set<String> notices = new java.util.LinkedHashSet<>();
    private long skipped;

    public LoadOptions(ConfigMap config) {
        this.batchSize = config.getInt("batchSize", 10_000, 1, 10_000_000);
        this.skipInvalid = "skip".equals(config.getChoice("onError", "fail", List.of("fail", "skip")));
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean skipInvalid() {
        return skipInvalid;
    }

    /**
     * A bad row of a file read row by row: under {@code onError: 'skip'} it is recorded and the load goes on; else
     * its error is thrown, saying that 'skip' would load the rest.
     */
    public void rejectRow(LoadException problem) {
        if (!skipInvalid) {
            // Not chained: Neo4j shows a procedure's root cause, which would drop the advice.
            throw new LoadException(problem.getMessage() + " (onError: 'skip' skips such rows and loads the rest)");
        }
        skipped(problem.getMessage());
    }

    /** Records a skipped entry (only called in skip mode). */
    public void skipped(String message) {
        skipped++;
        if (errors.size() < MAX_REPORTED_ERRORS) {
            errors.add(message);
        }
    }

    /** Records something the user should know that is not an error (each message once). */
    public void notice(String message) {
        notices.add(message);
    }

    public List<String> notices() {
        return List.copyOf(notices);
    }

    public long skippedCount() {
        return skipped;
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public static List<String> keysWith(String... more) {
        List<String> keys = new ArrayList<>(KEYS);
        keys.addAll(List.of(more));
        return keys;
    }
}
