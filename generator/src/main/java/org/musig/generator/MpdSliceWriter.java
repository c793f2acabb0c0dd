package org.musig.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams one MPD slice file ({@code mpd.slice.<first>-<last>.json}) with Jackson's
 * {@link JsonGenerator}: the {@code info} header, then one playlist object per {@link #write} call,
 * in the field order of the real Million Playlist Dataset. Nothing but the current playlist is held
 * in memory. The generator writes the document structure, the playlist fields and the separators; each
 * track object, whose content never needs escaping, is encoded by {@link TrackJsonEncoder} and passed
 * to {@link JsonGenerator#writeRawValue(SerializableString)}, which keeps per-track overhead low.
 */
final class MpdSliceWriter implements Closeable {

    /** Fixed so that output is reproducible (the real MPD records its own build time here). */
    static final String GENERATED_ON = "1970-01-01 00:00:00.000000";
    static final String VERSION = "synthetic-v1";

    private static final SerializableString INFO = new SerializedString("info");
    private static final SerializableString GENERATED_ON_FIELD = new SerializedString("generated_on");
    private static final SerializableString SLICE = new SerializedString("slice");
    private static final SerializableString VERSION_FIELD = new SerializedString("version");
    private static final SerializableString PLAYLISTS = new SerializedString("playlists");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString COLLABORATIVE = new SerializedString("collaborative");
    private static final SerializableString FALSE = new SerializedString("false");
    private static final SerializableString PID = new SerializedString("pid");
    private static final SerializableString MODIFIED_AT = new SerializedString("modified_at");
    private static final SerializableString NUM_TRACKS = new SerializedString("num_tracks");
    private static final SerializableString NUM_ALBUMS = new SerializedString("num_albums");
    private static final SerializableString NUM_FOLLOWERS = new SerializedString("num_followers");
    private static final SerializableString TRACKS = new SerializedString("tracks");
    private static final SerializableString NUM_EDITS = new SerializedString("num_edits");
    private static final SerializableString DURATION_MS = new SerializedString("duration_ms");
    private static final SerializableString NUM_ARTISTS = new SerializedString("num_artists");

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator json;
    private final TrackJsonEncoder tracks;

    private MpdSliceWriter(OutputStream out, TrackCatalog catalog) throws IOException {
        this.tracks = new TrackJsonEncoder(catalog);
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    /** The MPD file name of the slice holding pids {@code first..last}. */
    static String fileName(int first, int last) {
        return "mpd.slice." + first + "-" + last + ".json";
    }

    /** Creates {@code file} and writes the header of the slice {@code first..last}. */
    static MpdSliceWriter open(Path file, int first, int last, TrackCatalog catalog) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        MpdSliceWriter writer;
        try {
            writer = new MpdSliceWriter(out, catalog);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        writer.writeHeader(first, last);
        return writer;
    }

    private void writeHeader(int first, int last) throws IOException {
        json.writeStartObject();
        json.writeFieldName(INFO);
        json.writeStartObject();
        json.writeFieldName(GENERATED_ON_FIELD);
        json.writeString(GENERATED_ON);
        json.writeFieldName(SLICE);
        json.writeString(first + "-" + last);
        json.writeFieldName(VERSION_FIELD);
        json.writeString(VERSION);
        json.writeEndObject();
        json.writeFieldName(PLAYLISTS);
        json.writeStartArray();
    }

    /** Appends one playlist object. */
    void write(ComposedPlaylist playlist) throws IOException {
        JsonGenerator g = json;
        g.writeStartObject();
        g.writeFieldName(NAME);
        g.writeString(playlist.name);
        g.writeFieldName(COLLABORATIVE);
        g.writeString(FALSE);
        g.writeFieldName(PID);
        g.writeNumber(playlist.pid);
        g.writeFieldName(MODIFIED_AT);
        g.writeNumber(playlist.modifiedAt);
        g.writeFieldName(NUM_TRACKS);
        g.writeNumber(playlist.length);
        g.writeFieldName(NUM_ALBUMS);
        g.writeNumber(playlist.numAlbums);
        g.writeFieldName(NUM_FOLLOWERS);
        g.writeNumber(playlist.numFollowers);
        g.writeFieldName(TRACKS);
        g.writeStartArray();
        for (int pos = 0; pos < playlist.length; pos++) {
            writeTrack(pos, playlist.track(pos));
        }
        g.writeEndArray();
        g.writeFieldName(NUM_EDITS);
        g.writeNumber(playlist.numEdits);
        g.writeFieldName(DURATION_MS);
        g.writeNumber(playlist.durationMs);
        g.writeFieldName(NUM_ARTISTS);
        g.writeNumber(playlist.numArtists);
        g.writeEndObject();
    }

    private void writeTrack(int pos, int track) throws IOException {
        json.writeRawValue(tracks.encode(pos, track));
    }

    /** Closes the playlists array and the document, then the file. */
    @Override
    public void close() throws IOException {
        try {
            if (!json.isClosed()) {
                json.writeEndArray();
                json.writeEndObject();
            }
        } finally {
            json.close();
        }
    }
}
