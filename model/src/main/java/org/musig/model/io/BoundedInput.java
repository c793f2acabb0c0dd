package org.musig.model.io;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * A {@link DataInputStream} over a byte array that knows how many bytes are left. A stored model is data a
 * user can overwrite ({@code SET m.parameters = ...}), so every length read from it is checked against what
 * is left before anything is allocated for it: n entries of at least k bytes each need n * k bytes. A decoder
 * can then allocate at most about as much as the bytes it was given.
 */
public final class BoundedInput extends DataInputStream {
    public BoundedInput(byte[] data) {
        super(new ByteArrayInputStream(data));
    }

    /** Bytes not read yet (exact: the source is an array). */
    public int remaining() {
        try {
            return in.available();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a ByteArrayInputStream does not throw
        }
    }

    /** Reads an int count of {@code what}; refused unless {@code count} entries of {@code minEntryBytes} fit in what is left. */
    public int readCount(String what, long minEntryBytes) throws IOException {
        int count = readInt();
        requireEntries(what, count, minEntryBytes);
        return count;
    }

    /** Refuses a negative count, or one whose entries (at least {@code minEntryBytes} each) cannot fit in what is left. */
    public void requireEntries(String what, long count, long minEntryBytes) throws IOException {
        if (count < 0) {
            throw new IOException(what + " has a negative length (" + count + ")");
        }
        if (count * minEntryBytes > remaining()) {
            throw new IOException(what + " claims " + count + " entries of at least " + minEntryBytes
                    + " bytes, but only " + remaining() + " bytes are left");
        }
    }
}
