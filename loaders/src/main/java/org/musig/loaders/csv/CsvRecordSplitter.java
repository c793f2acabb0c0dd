package org.musig.loaders.csv;

import java.io.IOException;
import java.io.Reader;
import org.musig.loaders.LoadException;

/**
 * Cuts CSV text into records: a line break ({@code \n}, {@code \r\n} or {@code \r}) ends a record unless it is
 * inside a quoted field, as RFC 4180 reads it, so a record may span lines. It only finds where each record ends and
 * on which line it starts; {@link CsvRowReader} parses each record with Jackson. Because records are cut apart before
 * they are parsed, a malformed one (a stray quote inside a quoted field) costs only itself.
 *
 * <p>Hostile input is bounded while it is read: a record with more than {@link CsvRowReader#MAX_COLUMNS} columns, or
 * a field longer than {@link CsvRowReader#MAX_FIELD_LENGTH} characters, fails as soon as the limit is passed, so
 * neither a header of a million columns nor a quote left open on a gigabyte of text is ever held in memory.
 */
final class CsvRecordSplitter {
    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final char delimiter;
    private final String fileName;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int end;
    private boolean atEnd;
    /** A record ended on '\r': a '\n' right after it belongs to that line break. */
    private boolean afterCarriageReturn;
    private long nextLine = 1;
    private long recordLine = 1;

    CsvRecordSplitter(Reader in, char delimiter, String fileName) {
        this.in = in;
        this.delimiter = delimiter;
        this.fileName = fileName;
    }

    /** The line (1-based) where the record last returned by {@link #next} starts. */
    long recordLine() {
        return recordLine;
    }

    /** The next record's text, without its line break; null at the end of the input. */
    String next() throws IOException {
        if (afterCarriageReturn && available() && buffer[position] == '\n') {
            position++;
        }
        afterCarriageReturn = false;
        if (!available()) {
            return null;
        }
        recordLine = nextLine;
        StringBuilder record = new StringBuilder();
        State state = State.FIELD_START;
        int columns = 1;
        int fieldLength = 0;
        while (available()) {
            char c = buffer[position++];
            if (state != State.QUOTED && (c == '\n' || c == '\r')) {
                nextLine++;
                afterCarriageReturn = c == '\r';
                return record.toString();
            }
            if (c == '\n') {
                nextLine++;
            }
            record.append(c);
            if (c == delimiter && state != State.QUOTED) {
                if (++columns > CsvRowReader.MAX_COLUMNS) {
                    throw LoadException.at(fileName, recordLine,
                            "more than " + CsvRowReader.MAX_COLUMNS + " columns (the limit per row)");
                }
                state = State.FIELD_START;
                fieldLength = 0;
                continue;
            }
            if (++fieldLength > CsvRowReader.MAX_FIELD_LENGTH) {
                throw LoadException.at(fileName, recordLine, "a field is longer than " + CsvRowReader.MAX_FIELD_LENGTH
                        + " characters (the limit per field; is a quote left open?)");
            }
            state = switch (state) {
                case FIELD_START -> c == '"' ? State.QUOTED : State.UNQUOTED;
                case UNQUOTED -> State.UNQUOTED;
                case QUOTED -> c == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
                // A doubled quote is a quote inside the field; anything else after a closing quote is malformed,
                // and Jackson says so when it parses the record.
                case QUOTE_IN_QUOTED -> c == '"' ? State.QUOTED : State.UNQUOTED;
            };
        }
        return record.toString();
    }

    /** Whether a character is there to read, filling the buffer when it is used up. */
    private boolean available() throws IOException {
        while (position == end && !atEnd) {
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                atEnd = true;
            } else {
                position = 0;
                end = read;
            }
        }
        return position < end;
    }
}
