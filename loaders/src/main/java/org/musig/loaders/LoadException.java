package org.musig.loaders;

/**
 * A problem with the user's input, with where it is: file, line (or byte offset for JSON) and what is
 * wrong. The message is meant to be shown to the user as it is.
 */
public class LoadException extends RuntimeException {
    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file.csv, line 12: value 'abc' in column 'energy' is not a number" */
    public static LoadException at(String file, long line, String problem) {
        return new LoadException(file + ", line " + line + ": " + problem);
    }
}
