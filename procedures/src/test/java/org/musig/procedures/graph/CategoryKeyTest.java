package org.musig.procedures.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoryKeyTest {
    private static String artistThenAlbum(Map<String, Object> props) {
        return TrackFeatureReader.albumKey(props, TrackFeatureReader.categoryKey(props, "artistId", "artist"));
    }

    @Test
    void anIdIsTheKeyAndANameIsMarkedSoThatItNeverMeetsAnId() {
        assertThat(TrackFeatureReader.categoryKey(Map.of("artistId", "A1", "artist", "Adele"), "artistId", "artist"))
                .isEqualTo("A1");
        assertThat(TrackFeatureReader.categoryKey(Map.of("artist", " Adele "), "artistId", "artist"))
                .isEqualTo("name:adele");
        assertThat(TrackFeatureReader.categoryKey(Map.of("artistId", " "), "artistId", "artist")).isNull();
    }

    @Test
    void anAlbumWithoutAnIdIsKnownByItsNameUnderItsArtist() {
        // Two artists' "Greatest Hits" are two albums; one artist's, whatever the case, is one.
        String queen = artistThenAlbum(Map.of("artist", "Queen", "album", "Greatest Hits"));
        assertThat(queen).isEqualTo("name:name:queen / greatest hits")
                .isNotEqualTo(artistThenAlbum(Map.of("artist", "ABBA", "album", "Greatest Hits")))
                .isEqualTo(artistThenAlbum(Map.of("artist", "QUEEN", "album", "greatest hits")));
        assertThat(artistThenAlbum(Map.of("artistId", "A1", "album", "Live"))).isEqualTo("name:A1 / live");
        // An album id is the key whatever the artist; a name without an artist is the name alone.
        assertThat(artistThenAlbum(Map.of("artist", "Queen", "albumId", "AL1", "album", "Greatest Hits")))
                .isEqualTo("AL1");
        assertThat(artistThenAlbum(Map.of("album", "Greatest Hits"))).isEqualTo("name:greatest hits");
    }
}
