package org.musig.common.progress;

/**
 * How long-running work reports progress and learns it should stop. The database layer implements it
 * (progress list + transaction termination); plain Java callers and tests use {@link #NONE}.
 */
public interface Progress {

    /** Starts a stage of the work; {@code volume} is the expected number of units, or -1 if unknown. */
    void begin(String stage, long volume);

    /** Adds {@code units} finished units to the current stage. */
    void advance(long units);

    /** Throws (an unchecked exception of the implementation's choosing) if the work must stop now. */
    void checkRunning();

    Progress NONE = new Progress() {
        @Override
        public void begin(String stage, long volume) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void checkRunning() {
        }
    };
}
