package org.musig.common.progress;

/**
 * How long-running work reports progress and learns it should stop. The database layer implements it
 * (progress list + transaction termination); plain Java callers and tests use {@link #NONE}. Reporting does
 * nothing unless overridden, so work that only has to learn when to stop is a lambda for {@link #checkRunning}.
 */
@FunctionalInterface
public interface Progress {

    /** Starts a stage of the work; {@code volume} is the expected number of units, or -1 if unknown. */
    default void begin(String stage, long volume) {
    }

    /** Adds {@code units} finished units to the current stage. */
    default void advance(long units) {
    }

    /** Throws (an unchecked exception of the implementation's choosing) if the work must stop now. */
    void checkRunning();

    Progress NONE = () -> {
    };
}
