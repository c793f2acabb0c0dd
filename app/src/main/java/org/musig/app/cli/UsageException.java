package org.musig.app.cli;

/**
 * A wrong command line found after parsing (a value out of range, a missing earlier step): printed with
 * the command's usage, exit status 2, like picocli's own parse errors.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    /** {@code value} when it lies in [min, max]; else names the option, the range and the value. */
    public static long checkRange(String command, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UsageException(command + ": " + option + " must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }
}
