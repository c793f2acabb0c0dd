package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorConfigTest {

    @Test
    void defaultsAreThePaperScaleSettings() {
        GeneratorConfig c = GeneratorConfig.defaults();
        assertThat(c.playlists()).isEqualTo(95_000);
        assertThat(c.tracks()).isEqualTo(1_000_000);
        assertThat(c.genres()).isEqualTo(50);
        assertThat(c.meanPlaylistLength()).isEqualTo(66.0);
        assertThat(c.playlistsPerSlice()).isEqualTo(1000);
        assertThat(c.withAcoustic()).isTrue();
        assertThat(c.overwrite()).isFalse();
        assertThat(c.threads()).isEqualTo(1);
        assertThat(c.sliceCount()).isEqualTo(95);
    }

    @Test
    void builderRoundTripsThroughToBuilder() {
        GeneratorConfig c = GeneratorConfig.builder().playlists(10).tracks(600).genres(3).meanPlaylistLength(20)
                .playlistsPerSlice(4).seed(-5).withAcoustic(false).popularityExponent(1.5)
                .popularityOffset(0.1).artistAffinity(0.1).newReleaseShare(0.5).newReleaseRate(0.2).overwrite(true)
                .threads(3).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.sliceCount()).isEqualTo(3);
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                invalid("playlists", b -> b.playlists(0)),
                invalid("tracks", b -> b.tracks(499)),
                invalid("tracks", b -> b.tracks(900).genres(100)),
                invalid("genres", b -> b.genres(0)),
                invalid("meanPlaylistLength", b -> b.meanPlaylistLength(5.0)),
                invalid("meanPlaylistLength", b -> b.meanPlaylistLength(Double.NaN)),
                invalid("meanPlaylistLength", b -> b.meanPlaylistLength(201)),
                invalid("playlistsPerSlice", b -> b.playlistsPerSlice(0)),
                invalid("popularityExponent", b -> b.popularityExponent(-0.5)),
                invalid("popularityOffset", b -> b.popularityOffset(-1)),
                invalid("artistAffinity", b -> b.artistAffinity(1.0)),
                invalid("artistAffinity", b -> b.artistAffinity(-0.1)),
                invalid("newReleaseShare", b -> b.newReleaseShare(1.5)),
                invalid("newReleaseRate", b -> b.newReleaseRate(-0.1)),
                invalid("newReleaseRate", b -> b.artistAffinity(0.5).newReleaseRate(0.5)),
                invalid("threads", b -> b.threads(0)));
    }

    private static Arguments invalid(String field, UnaryOperator<GeneratorConfig.Builder> change) {
        return Arguments.of(field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void invalidConfigIsRejectedNamingTheField(String field, UnaryOperator<GeneratorConfig.Builder> change) {
        assertThatThrownBy(() -> change.apply(GeneratorConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field + " must");
    }
}
