package org.musig.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaylistMembershipsTest {

    @Test
    void rowsAreSortedAndDeduplicated() {
        PlaylistMemberships m = PlaylistMemberships.of(10, new int[] {5, 1, 5, 3, 1}, new int[] {}, new int[] {9});

        assertThat(m.playlistCount()).isEqualTo(3);
        assertThat(m.playlistTracks(0)).containsExactly(1, 3, 5);
        assertThat(m.playlistTracks(1)).isEmpty();
        assertThat(m.playlistTracks(2)).containsExactly(9);
        assertThat(m.membershipCount()).isEqualTo(4);
        assertThat(m.trackCount()).isEqualTo(10);
    }

    @Test
    void callersArrayIsNotModified() {
        int[] ids = {4, 2, 2};
        PlaylistMemberships.builder(5).addPlaylist(ids).build();
        assertThat(ids).containsExactly(4, 2, 2);
    }

    @Test
    void builderGrowsPastItsHintsAndAcceptsRanges() {
        PlaylistMemberships.Builder builder = PlaylistMemberships.builder(100, 1, 1);
        int[] buffer = new int[50];
        for (int p = 0; p < 40; p++) {
            for (int i = 0; i < 50; i++) {
                buffer[i] = (p * 7 + i * 3) % 100;
            }
            builder.addPlaylist(buffer, 10, 10 + p % 20);
        }
        PlaylistMemberships m = builder.build();

        assertThat(m.playlistCount()).isEqualTo(40);
        assertThat(m.playlistSize(5)).isEqualTo(5);
        assertThat(m.playlistTracks(5)).isSorted();
    }

    @Test
    void pairOccurrencesAreTheSumOfNChooseTwo() {
        PlaylistMemberships m =
                PlaylistMemberships.of(10, new int[] {0, 1, 2, 3}, new int[] {4, 4, 5}, new int[] {6}, new int[] {});
        assertThat(m.pairOccurrences()).isEqualTo(6 + 1);
    }

    @Test
    void outOfRangeTrackIdsAreRejectedNamingThePlaylistAndTheId() {
        assertThatThrownBy(() -> PlaylistMemberships.of(5, new int[] {0, 1}, new int[] {2, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("playlist 1 has track id 5")
                .hasMessageContaining("0..4");
        assertThatThrownBy(() -> PlaylistMemberships.of(5, new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("playlist 0 has track id -1");
    }

    @Test
    void negativeTrackCountAndBadRangesAreRejected() {
        assertThatThrownBy(() -> PlaylistMemberships.builder(-1)).hasMessageContaining("trackCount must be >= 0");
        assertThatThrownBy(() -> PlaylistMemberships.builder(5).addPlaylist(new int[] {1, 2}, 1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("playlist 0: bad range [1, 3)");
    }

    @Test
    void builderCannotBeReusedAfterBuild() {
        PlaylistMemberships.Builder builder = PlaylistMemberships.builder(3);
        builder.build();
        assertThatThrownBy(() -> builder.addPlaylist(new int[] {1})).isInstanceOf(IllegalStateException.class);
    }
}
