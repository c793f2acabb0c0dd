package org.musig.loaders.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.musig.loaders.LoadException;

/**
 * Streams the rows of a CSV file (header first) with Jackson's CSV parser: quoted fields, quoted
 * newlines, CRLF line ends and a UTF-8 byte-order mark are handled; each row knows its line number.
 */
public final class CsvRowReader implements AutoCloseable {
    private final String fileName;
    private final Reader reader;
    private final MappingIterator<String[]> rows;
    private final List<String> header;
    private long line;

    private CsvRowReader(String fileName, Reader reader, MappingIterator<String[]> rows) {
        this.fileName = fileName;
        this.reader = reader;
        this.rows = rows;
        String[] first = next();
        if (first == null) {
            throw new LoadException(fileName + ": the file is empty (a header row is required)");
        }
        if (first.length > 0 && first[0].startsWith("\uFEFF")) {
            first[0] = first[0].substring(1);
        }
        this.header = List.of(first);
    }

    public static CsvRowReader open(Path file, char delimiter) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        try {
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(schema).readValues(reader);
            return new CsvRowReader(file.getFileName().toString(), reader, rows);
        } catch (IOException e) {
            throw new LoadException(file.getFileName() + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public List<String> header() {
        return header;
    }

    /** The next row, or null at the end. Blank lines are skipped. */
    public String[] next() {
        try {
            while (true) {
                long before = rows.getCurrentLocation() == null ? 0 : rows.getCurrentLocation().getLineNr();
                if (!rows.hasNextValue()) {
                    return null;
                }
                String[] row = rows.nextValue();
                line = Math.max(before, 1);
                if (row.length == 0 || (row.length == 1 && row[0].isBlank())) {
                    continue;
                }
                return row;
            }
        } catch (IOException | RuntimeException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            throw LoadException.at(fileName, Math.max(line, 1), "malformed CSV: " + detail);
        }
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
            rows.close();
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
