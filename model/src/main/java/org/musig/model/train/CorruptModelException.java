package org.musig.model.train;

/**
 * Stored model bytes that cannot be decoded: truncated, a length that does not fit the bytes, nesting too deep,
 * a value of the wrong type. {@link #reason()} says what; the caller adds the model's name.
 */
public final class CorruptModelException extends IllegalArgumentException {
    private final String reason;

    CorruptModelException(String reason, Throwable cause) {
        super("corrupt model: " + reason, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
