package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TrackJsonEncoderTest {

    private static final TrackCatalog CATALOG = TrackCatalog.build(
            GeneratorConfig.builder().tracks(2000).genres(5).seed(9).build());

    @Test
    void encodedTrackIsExactlyWhatTheGeneratorWritesFieldByField() throws IOException {
        TrackJsonEncoder encoder = new TrackJsonEncoder(CATALOG);
        for (int track : new int[] {0, 1, 999, 1999}) {
            for (int pos : new int[] {0, 7, 249}) {
                assertThat(encoder.encode(pos, track).getValue()).isEqualTo(fieldByField(pos, track));
            }
        }
    }

    @Test
    void rawCopiesRespectTheTargetSpaceAndQuotedFormsAreRefused() {
        TrackJsonEncoder encoded = new TrackJsonEncoder(CATALOG).encode(3, 42);
        int length = encoded.charLength();
        byte[] room = new byte[length + 5];
        assertThat(encoded.appendUnquotedUTF8(room, 5)).isEqualTo(length);
        assertThat(encoded.appendUnquotedUTF8(room, 6)).isEqualTo(-1);
        assertThat(new String(room, 5, length, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(encoded.getValue());
        assertThat(encoded.asUnquotedUTF8()).hasSize(length);
        assertThatThrownBy(encoded::asQuotedUTF8).isInstanceOf(UnsupportedOperationException.class);
    }

    private static String fieldByField(int pos, int track) throws IOException {
        int album = CATALOG.albumOf(track);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("pos", pos);
            g.writeStringField("artist_name", "Artist " + CATALOG.artistNumberOfAlbum(album));
            g.writeStringField("track_uri", "spotify:track:" + CATALOG.trackId(track));
            byte[] id = new byte[22];
            CATALOG.copyArtistIdOfAlbum(album, id, 0);
            g.writeStringField("artist_uri", "spotify:artist:" + new String(id, "US-ASCII"));
            g.writeStringField("track_name", "Track " + CATALOG.trackNumber(track));
            CATALOG.copyAlbumId(album, id, 0);
            g.writeStringField("album_uri", "spotify:album:" + new String(id, "US-ASCII"));
            g.writeNumberField("duration_ms", CATALOG.durationMs(track));
            g.writeStringField("album_name", "Album " + CATALOG.albumNumber(album));
            g.writeEndObject();
        }
        return out.toString();
    }
}
