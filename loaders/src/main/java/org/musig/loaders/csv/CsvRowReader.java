package org.musig.loaders.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import org.musig.loaders.LoadException;
import org.musig.loaders.LoadOptions;

/**
 * Streams the rows of a CSV file (header first): {@link CsvRecordSplitter} cuts the text into records and Jackson's
 * CSV parser reads each one. Quoted fields, quoted newlines, CRLF line ends, a UTF-8 byte-order mark and a header
 * quoted after blanks are handled; each row knows its line number. A record the CSV format cannot read (a stray
 * quote) is a {@link MalformedRow}, and the reader has moved past it, so that a load with {@code onError: 'skip'}
 * skips it and reads on.
 *
 * <p>Hostile input is bounded while it is read: a row with more than {@link #MAX_COLUMNS} columns and a field
 * longer than {@link #MAX_FIELD_LENGTH} characters fail the file with its name and line as soon as the limit
 * is passed, so neither a header of a million columns nor a field of gigabytes is ever held in memory. A
 * longer field is refused rather than loaded: no column of the data model (ids, names, numbers) is
 * meaningful at that size, and a value that large is far more likely a broken quote swallowing the rest of
 * the file than real data.
 */
public final class CsvRowReader implements AutoCloseable {
    /** Room for wide acoustic vectors (e.g. OpenL3's 6,144 dimensions) beside the usual columns. */
    public static final int MAX_COLUMNS = 10_000;
    public static final int MAX_FIELD_LENGTH = 1_000_000;

    /** The limits are checked while records are cut ({@link CsvRecordSplitter}), before a record reaches Jackson. */
    private static final CsvFactory CSV = new CsvFactory();

    /** A row the CSV format cannot read; the reader has moved past it. */
    public static final class MalformedRow extends LoadException {
        MalformedRow(String message) {
            super(message);
        }
    }

    private final String fileName;
    private final Reader reader;
    private final CsvRecordSplitter records;
    /** Without column names in the schema every row is read as an array of strings. */
    private final CsvSchema schema;
    private final List<String> header;
    private long line;

    private CsvRowReader(String fileName, Reader reader, char delimiter) {
        this.fileName = fileName;
        this.reader = reader;
        this.records = new CsvRecordSplitter(reader, delimiter, fileName);
        this.schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        String[] first = next();
        if (first == null) {
            throw new LoadException(fileName + ": the file is empty (a header row is required)");
        }
        for (int i = 0; i < first.length; i++) {
            first[i] = unquoted(first[i]);
        }
        this.header = List.of(first);
    }

    /**
     * A header name written with blanks before its opening quote ({@code "user_id", "artistname"}, as Kaggle's Spotify
     * playlists write it), which the CSV format reads as an unquoted value quotes included, without those quotes.
     */
    private static String unquoted(String name) {
        String trimmed = name.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"") && !name.startsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"");
        }
        return name;
    }

    public static CsvRowReader open(Path file, char delimiter) {
        return open(file, delimiter, bytes -> {
        });
    }

    /** As {@link #open(Path, char)}; {@code bytesRead} takes the bytes of the file read so far, as reading goes on. */
    public static CsvRowReader open(Path file, char delimiter, LongConsumer bytesRead) {
        try {
            // The decoder reports malformed UTF-8 (as Files.newBufferedReader's does) rather than replacing it.
            BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new CountingInputStream(Files.newInputStream(file), bytesRead),
                    StandardCharsets.UTF_8.newDecoder()));
            try {
                // A byte-order mark is no part of the first header name, quoted or not.
                reader.mark(1);
                if (reader.read() != '\uFEFF') {
                    reader.reset();
                }
                return new CsvRowReader(file.getFileName().toString(), reader, delimiter);
            } catch (IOException | RuntimeException e) {
                reader.close();
                throw e;
            }
        } catch (IOException e) {
            throw new LoadException(file.getFileName() + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Tells {@code bytesRead} the total after each read from the file. */
    private static final class CountingInputStream extends FilterInputStream {
        private final LongConsumer bytesRead;
        private long total;

        CountingInputStream(InputStream in, LongConsumer bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead.accept(++total);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                total += n;
                bytesRead.accept(total);
            }
            return n;
        }
    }

    public List<String> header() {
        return header;
    }

    /** The next row, or null at the end; a row the CSV format cannot read goes to {@link LoadOptions#rejectRow}. */
    public String[] next(LoadOptions options) {
        while (true) {
            try {
                return next();
            } catch (MalformedRow e) {
                options.rejectRow(e);
            }
        }
    }

    /** The next row, or null at the end. Blank lines are skipped. */
    private String[] next() {
        while (true) {
            String record;
            try {
                record = records.next();
            } catch (IOException e) {
                throw LoadException.at(fileName, line + 1, "cannot be read: " + e.getMessage());
            }
            if (record == null) {
                return null;
            }
            line = records.recordLine();
            String[] cells = parse(record);
            if (cells.length == 0 || (cells.length == 1 && cells[0].isBlank())) {
                continue;
            }
            return cells;
        }
    }

    private String[] parse(String record) {
        try (CsvParser parser = (CsvParser) CSV.createParser(record)) {
            parser.setSchema(schema);
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new String[0];
            }
            if (token != JsonToken.START_ARRAY) {
                throw malformed("unexpected " + token);
            }
            List<String> cells = new ArrayList<>();
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw malformed("unexpected end of the row");
                }
                cells.add(parser.getText());
            }
            if (parser.nextToken() != null) {
                throw malformed("the row goes on after its end");
            }
            return cells.toArray(String[]::new);
        } catch (IOException | RuntimeException e) {
            if (e instanceof LoadException load) {
                throw load;
            }
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            throw malformed(detail);
        }
    }

    private MalformedRow malformed(String problem) {
        return new MalformedRow(LoadException.at(fileName, line, "malformed CSV: " + problem).getMessage());
    }

    /** Line number (1-based) where the last returned row starts. */
    public long line() {
        return line;
    }

    public String fileName() {
        return fileName;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // closing a reader we only read from cannot lose data
        }
    }

    @Override
    public String toString() {
        return fileName + " " + Arrays.toString(header.toArray());
    }
}
