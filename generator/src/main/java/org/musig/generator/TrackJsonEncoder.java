package org.musig.generator;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes one MPD track object, e.g.
 * <pre>{"pos":0,"artist_name":"Artist 12","track_uri":"spotify:track:…","artist_uri":"spotify:artist:…",
 * "track_name":"Track 345","album_uri":"spotify:album:…","duration_ms":215043,"album_name":"Album 67"}</pre>
 * into a reusable byte buffer, byte for byte what {@link com.fasterxml.jackson.core.JsonGenerator}
 * writes for the same fields in compact mode. Every value is built from ASCII letters, digits, spaces
 * and colons, so nothing needs escaping.
 *
 * <p>The encoder is also the {@link SerializableString} view of the last encoded object, so
 * {@link MpdSliceWriter} can hand it to {@code JsonGenerator.writeRawValue(SerializableString)}, which
 * copies it straight into the generator's output buffer: one generator call and one array copy per
 * track instead of sixteen calls, in the hottest loop of the generator. Only the unquoted methods are
 * meaningful for a raw JSON value; the quoted ones throw {@link UnsupportedOperationException}.
 */
final class TrackJsonEncoder implements SerializableString {

    private static final byte[] POS = ascii("{\"pos\":");
    private static final byte[] ARTIST_NAME = ascii(",\"artist_name\":\"Artist ");
    private static final byte[] TRACK_URI = ascii("\",\"track_uri\":\"spotify:track:");
    private static final byte[] ARTIST_URI = ascii("\",\"artist_uri\":\"spotify:artist:");
    private static final byte[] TRACK_NAME = ascii("\",\"track_name\":\"Track ");
    private static final byte[] ALBUM_URI = ascii("\",\"album_uri\":\"spotify:album:");
    private static final byte[] DURATION_MS = ascii("\",\"duration_ms\":");
    private static final byte[] ALBUM_NAME = ascii(",\"album_name\":\"Album ");
    private static final byte[] END = ascii("\"}");

    private final TrackCatalog catalog;
    private final byte[] buffer = new byte[512];
    private int length;

    TrackJsonEncoder(TrackCatalog catalog) {
        this.catalog = catalog;
    }

    /** Encodes the track at position {@code pos} of its playlist; returns this view of the result. */
    TrackJsonEncoder encode(int pos, int track) {
        byte[] b = buffer;
        int album = catalog.albumOf(track);
        int n = put(b, 0, POS);
        n = putInt(b, n, pos);
        n = put(b, n, ARTIST_NAME);
        n = putInt(b, n, catalog.artistNumberOfAlbum(album));
        n = put(b, n, TRACK_URI);
        n = catalog.copyTrackId(track, b, n);
        n = put(b, n, ARTIST_URI);
        n = catalog.copyArtistIdOfAlbum(album, b, n);
        n = put(b, n, TRACK_NAME);
        n = putInt(b, n, catalog.trackNumber(track));
        n = put(b, n, ALBUM_URI);
        n = catalog.copyAlbumId(album, b, n);
        n = put(b, n, DURATION_MS);
        n = putInt(b, n, catalog.durationMs(track));
        n = put(b, n, ALBUM_NAME);
        n = putInt(b, n, catalog.albumNumber(album));
        length = put(b, n, END);
        return this;
    }

    @Override
    public String getValue() {
        return new String(buffer, 0, length, StandardCharsets.US_ASCII);
    }

    @Override
    public int charLength() {
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(buffer, length);
    }

    @Override
    public int appendUnquotedUTF8(byte[] dst, int offset) {
        if (dst.length - offset < length) {
            return -1;
        }
        System.arraycopy(buffer, 0, dst, offset, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] dst, int offset) {
        if (dst.length - offset < length) {
            return -1;
        }
        for (int i = 0; i < length; i++) {
            dst[offset + i] = (char) buffer[i];
        }
        return length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(buffer, 0, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer out) {
        if (out.remaining() < length) {
            return -1;
        }
        out.put(buffer, 0, length);
        return length;
    }

    @Override
    public char[] asQuotedChars() {
        throw quotedUnsupported();
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw quotedUnsupported();
    }

    @Override
    public int appendQuotedUTF8(byte[] dst, int offset) {
        throw quotedUnsupported();
    }

    @Override
    public int appendQuoted(char[] dst, int offset) {
        throw quotedUnsupported();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw quotedUnsupported();
    }

    @Override
    public int putQuotedUTF8(ByteBuffer out) {
        throw quotedUnsupported();
    }

    @Override
    public String toString() {
        return getValue();
    }

    private static UnsupportedOperationException quotedUnsupported() {
        return new UnsupportedOperationException("an encoded track is a raw JSON value, never quoted");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int put(byte[] dst, int at, byte[] text) {
        System.arraycopy(text, 0, dst, at, text.length);
        return at + text.length;
    }

    /** Appends the decimal digits of {@code value >= 0}; returns the new end. */
    static int putInt(byte[] dst, int at, int value) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        int v = value;
        for (int i = at + digits - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }
}
