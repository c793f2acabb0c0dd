package org.musig.loaders.mpd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.musig.loaders.LoadException;
import org.musig.loaders.PlaylistRecord;
import org.musig.loaders.TrackIds;
import org.musig.loaders.TrackRecord;

/**
 * Streams a Million Playlist Dataset slice ({@code {"info": {...}, "playlists": [...]}}) with Jackson's
 * token parser: only one playlist is held in memory at a time, whatever the file's size.
 *
 * <p>Required: a top-level {@code playlists} array; per playlist a {@code pid} and a {@code tracks}
 * array; per track a {@code track_uri}. Unknown fields are ignored. A broken playlist or track either
 * fails the read (the default) or, when {@code skipInvalid} is set, is reported to {@code onInvalid}
 * and skipped. Broken JSON syntax always fails the file.
 *
 * <p>Hostile input is bounded while it is read, never after: a string (a value or a field name) longer than
 * {@link #MAX_STRING_LENGTH} characters, nesting deeper than {@link #MAX_NESTING_DEPTH} and a playlist with more
 * than {@link #MAX_TRACKS_PER_PLAYLIST} tracks fail the file at that point, so a huge or deep file that is not
 * an MPD slice costs neither memory nor a StackOverflowError. Values of fields the reader ignores are skipped
 * without being buffered, whatever their length.
 */
public final class MpdSliceReader {
    /** An MPD slice's longest strings are playlist descriptions of a few hundred characters. */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** A slice is 5 levels deep (slice, playlists, playlist, tracks, track); unknown fields get some room. */
    public static final int MAX_NESTING_DEPTH = 100;
    /** The MPD caps playlists at 250 tracks and Spotify at 10,000; this bounds the one playlist held in memory. */
    public static final int MAX_TRACKS_PER_PLAYLIST = 100_000;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(MAX_STRING_LENGTH)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .build();

    /** Receives each valid playlist with its tracks in file order. */
    public interface Visitor {
        void playlist(PlaylistRecord playlist, List<MpdTrack> tracks);
    }

    private final Path file;
    private final String name;
    private final boolean skipInvalid;
    private final Consumer<String> onInvalid;
    private JsonParser parser;

    public MpdSliceReader(Path file, boolean skipInvalid, Consumer<String> onInvalid) {
        this.file = file;
        this.name = file.getFileName().toString();
        this.skipInvalid = skipInvalid;
        this.onInvalid = onInvalid;
    }

    /** Reads the whole file; returns the number of playlists passed to the visitor. */
    public long read(Visitor visitor) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            this.parser = p;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail("expected a JSON object with a \"playlists\" array");
            }
            long count = 0;
            boolean sawPlaylists = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("playlists".equals(field)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw fail("\"playlists\" is not an array");
                    }
                    sawPlaylists = true;
                    count += readPlaylists(visitor);
                } else {
                    p.skipChildren();
                }
            }
            if (!sawPlaylists) {
                throw fail("no \"playlists\" array in the file (is it an MPD slice?)");
            }
            return count;
        } catch (StreamConstraintsException e) {
            throw new LoadException(location(e) + "exceeds a limit of the MPD loader: " + e.getOriginalMessage()
                    .replaceAll(", from `StreamReadConstraints[^`]*`", "")
                    + " (is it an MPD slice?)");
        } catch (JsonProcessingException e) {
            throw new LoadException(location(e) + "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LoadException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private String location(JsonProcessingException e) {
        // A limit is reported without a location; the parser stopped where it was passed.
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
        return name + ", line " + (at == null ? "?" : at.getLineNr()) + ", column "
                + (at == null ? "?" : at.getColumnNr()) + ": ";
    }

    private long readPlaylists(Visitor visitor) throws IOException {
        long count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw fail("unexpected end of file inside \"playlists\"");
            }
            JsonLocation start = parser.currentTokenLocation();
            try {
                if (token != JsonToken.START_OBJECT) {
                    throw invalid("a playlist must be a JSON object, found " + token);
                }
                readPlaylist(visitor);
                count++;
            } catch (InvalidEntry e) {
                if (!skipInvalid) {
                    throw new LoadException(e.getMessage());
                }
                onInvalid.accept(e.getMessage() + " (playlist starting at line " + start.getLineNr() + "; skipped)");
                skipRestOfPlaylist(start);
            }
        }
        return count;
    }

    /** After an invalid entry, moves the parser to the end of the playlist object it is in. */
    private void skipRestOfPlaylist(JsonLocation start) throws IOException {
        // The parser is somewhere inside the playlist; leave objects/arrays until back at playlists level.
        while (parser.getParsingContext().getParent() != null
                && parser.getParsingContext().getParent().getParent() != null
                && parser.getParsingContext().getParent().getParent().getParent() != null) {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw fail("unexpected end of file in the playlist starting at line " + start.getLineNr());
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
        }
    }

    private void readPlaylist(Visitor visitor) throws IOException {
        String id = null;
        Map<String, Object> props = new LinkedHashMap<>();
        List<MpdTrack> tracks = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "pid" -> {
                    id = scalarText(value, "pid");
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        props.put("pid", parser.getLongValue());
                    }
                }
                case "name" -> putText(props, "name", value);
                case "description" -> putText(props, "description", value);
                case "collaborative" -> {
                    String text = scalarText(value, "collaborative");
                    if (text != null) {
                        props.put("collaborative", Boolean.parseBoolean(text));
                    }
                }
                case "modified_at" -> putLong(props, "modifiedAt", value);
                case "num_followers" -> putLong(props, "numFollowers", value);
                case "num_edits" -> putLong(props, "numEdits", value);
                case "tracks" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw invalid("\"tracks\" is not an array");
                    }
                    tracks = readTracks();
                }
                default -> parser.skipChildren();
            }
        }
        if (id == null) {
            throw invalid("playlist without \"pid\"");
        }
        if (TrackIds.lengthProblem("playlist", id) != null) {
            throw invalid(TrackIds.lengthProblem("playlist", id));
        }
        if (tracks == null) {
            throw invalid("playlist " + id + " has no \"tracks\" array");
        }
        visitor.playlist(new PlaylistRecord(id, props, null, null), tracks);
    }

    private List<MpdTrack> readTracks() throws IOException {
        List<MpdTrack> tracks = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw invalid("a track must be a JSON object, found " + token);
            }
            if (tracks.size() == MAX_TRACKS_PER_PLAYLIST) {
                throw invalid(
                        "a playlist has more than " + MAX_TRACKS_PER_PLAYLIST + " tracks (the limit per playlist)");
            }
            tracks.add(readTrack(tracks.size()));
        }
        return tracks;
    }

    private MpdTrack readTrack(int index) throws IOException {
        String id = null;
        int position = index;
        Map<String, Object> props = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "track_uri" -> id = TrackIds.normalize(scalarText(value, "track_uri"));
                case "pos" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0
                            || parser.getLongValue() > Integer.MAX_VALUE) {
                        throw invalid("\"pos\" must be a non-negative integer");
                    }
                    position = parser.getIntValue();
                }
                case "track_name" -> putText(props, "name", value);
                case "artist_name" -> putText(props, "artist", value);
                case "artist_uri" -> putId(props, "artistId", value);
                case "album_name" -> putText(props, "album", value);
                case "album_uri" -> putId(props, "albumId", value);
                case "duration_ms" -> putLong(props, "durationMs", value);
                default -> parser.skipChildren();
            }
        }
        if (id == null) {
            throw invalid("track without \"track_uri\"");
        }
        if (TrackIds.lengthProblem("track", id) != null) {
            throw invalid(TrackIds.lengthProblem("track", id));
        }
        return new MpdTrack(new TrackRecord(id, props, null, null, null), position);
    }

    private String scalarText(JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            throw invalid("\"" + field + "\" must be a string or number, found " + value);
        }
        return parser.getText();
    }

    private void putText(Map<String, Object> props, String property, JsonToken value) throws IOException {
        String text = scalarText(value, property);
        if (text != null) {
            props.put(property, text);
        }
    }

    private void putId(Map<String, Object> props, String property, JsonToken value) throws IOException {
        String text = TrackIds.stripUri(scalarText(value, property));
        if (text != null) {
            props.put(property, text);
        }
    }

    private void putLong(Map<String, Object> props, String property, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw invalid("\"" + property + "\" must be an integer, found " + value);
        }
        props.put(property, parser.getLongValue());
    }

    private LoadException fail(String problem) {
        return new LoadException(where() + problem);
    }

    private InvalidEntry invalid(String problem) {
        return new InvalidEntry(where() + problem);
    }

    private String where() {
        JsonLocation at = parser.currentTokenLocation();
        return name + ", line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    /** A playlist or track that breaks the format (the JSON itself is fine). */
    private static final class InvalidEntry extends RuntimeException {
        InvalidEntry(String message) {
            super(message, null, false, false);
        }
    }
}
