package org.musig.procedures.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.musig.model.eval.TestPlaylist;

class NegativePoolTest {
    // Track 7 is held out from both playlists, track 8 from one, track 9 from the other.
    private static final List<TestPlaylist> PLAYLISTS = List.of(
            new TestPlaylist("a", new long[] {1, 2}, new long[] {7, 8}, new boolean[] {false, true}),
            new TestPlaylist("b", new long[] {3}, new long[] {9, 7}, new boolean[] {true, false}));

    @Test
    void exposureDrawsATrackAsOftenAsItIsHeldOutSoNegativesHaveThePositivesExposure() {
        assertThat(SplitReader.negativePool(Negatives.EXPOSURE, PLAYLISTS, new long[] {1, 2, 3, 7, 8, 9}))
                .containsExactly(7, 7, 8, 9);
    }

    @Test
    void heldoutDrawsEachHeldOutTrackOnceAndUniformEveryTrack() {
        assertThat(SplitReader.negativePool(Negatives.HELDOUT, PLAYLISTS, new long[] {1, 2, 3, 7, 8, 9}))
                .containsExactly(7, 8, 9);
        assertThat(SplitReader.negativePool(Negatives.UNIFORM, PLAYLISTS, new long[] {1, 2, 3, 7, 8, 9}))
                .containsExactly(1, 2, 3, 7, 8, 9);
        assertThat(Negatives.SETTING.defaultValue()).isEqualTo(Negatives.EXPOSURE);
    }
}
