package org.musig.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;

class Track2VecTest {
    static final int GROUPS = 3;
    static final int GROUP_SIZE = 20;
    /** Tracks 60..63 are in no playlist. */
    static final int TRACKS = GROUPS * GROUP_SIZE + 4;

    static List<int[]> playlists;
    static Track2Vec.Result result;

    /** 150 playlists, 50 per group, each an ordered random sample of 10 of its group's 20 tracks. */
    @BeforeAll
    static void trainOnPlantedGroups() {
        Random random = new Random(7);
        playlists = new ArrayList<>();
        for (int p = 0; p < 150; p++) {
            int group = p % GROUPS;
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < GROUP_SIZE; i++) {
                members.add(group * GROUP_SIZE + i);
            }
            java.util.Collections.shuffle(members, random);
            playlists.add(members.subList(0, 10).stream().mapToInt(Integer::intValue).toArray());
        }
        result = Track2Vec.train(TRACKS, playlists, Track2VecConfig.defaults(), Progress.NONE);
    }

    @Test
    void tracksOfOneGroupAreCloserToEachOtherThanToOtherGroups() {
        double within = 0;
        double across = 0;
        int nWithin = 0;
        int nAcross = 0;
        for (int a = 0; a < GROUPS * GROUP_SIZE; a++) {
            for (int b = a + 1; b < GROUPS * GROUP_SIZE; b++) {
                double c = cosine(result.trackVectors()[a], result.trackVectors()[b]);
                if (a / GROUP_SIZE == b / GROUP_SIZE) {
                    within += c;
                    nWithin++;
                } else {
                    across += c;
                    nAcross++;
                }
            }
        }
        within /= nWithin;
        across /= nAcross;
        assertThat(within - across).as("mean cosine within %.3f, across %.3f", within, across).isGreaterThan(0.4);
    }

    @Test
    void everyTrackHasARowOfTheConfiguredWidth() {
        assertThat(result.trackVectors()).hasNumberOfRows(TRACKS);
        for (float[] row : result.trackVectors()) {
            assertThat(row).hasSize(64);
        }
    }

    @Test
    void tracksInNoPlaylistGetZeroRowsAndAreMarkedUntrained() {
        for (int t = 0; t < TRACKS; t++) {
            boolean seen = t < GROUPS * GROUP_SIZE;
            assertThat(result.trained()[t]).as("track %d", t).isEqualTo(seen);
            assertThat(norm(result.trackVectors()[t]) > 0).as("track %d", t).isEqualTo(seen);
        }
        assertThat(result.trainedCount()).isEqualTo(GROUPS * GROUP_SIZE);
    }

    @Test
    void tracksBelowMinCountOrWithoutAnyContextAreLeftOut() {
        List<int[]> lists = new ArrayList<>(playlists);
        lists.add(new int[] {0, 60});    // 60 occurs once: below minCount 2
        lists.add(new int[] {61});       // 61 occurs twice but never next to another track
        lists.add(new int[] {61, 61});
        Track2VecConfig config = new Track2VecConfig(16, 5, 1, 5, 2, 0.025, 42, 1);
        Track2Vec.Result r = Track2Vec.train(TRACKS, lists, config, Progress.NONE);
        assertThat(r.trained()[0]).isTrue();
        assertThat(r.trained()[60]).isFalse();
        assertThat(r.trained()[61]).isFalse();
        assertThat(r.trackVectors()[60]).containsOnly(0f);
        assertThat(r.trackVectors()[61]).containsOnly(0f);
        assertThat(r.trackVectors()[0]).hasSize(16);
    }

    @Test
    void noUsablePlaylistGivesAllZeroRowsWithoutTraining() {
        Track2Vec.Result r = Track2Vec.train(3, List.of(new int[] {1}, new int[] {}), Track2VecConfig.defaults(),
                Progress.NONE);
        assertThat(r.trained()).containsOnly(false);
        assertThat(r.trackVectors()).hasNumberOfRows(3);
        assertThat(r.trackVectors()[1]).hasSize(64).containsOnly(0f);
    }

    @Test
    void trackIdsOutsideTheRangeAreRejected() {
        assertThatThrownBy(
                () -> Track2Vec.train(3, List.of(new int[] {0, 3}), Track2VecConfig.defaults(), Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("track id 3");
    }

    @Test
    void reportsItsStageAndPlaylistsHandedToDl4j() {
        AtomicInteger begun = new AtomicInteger();
        AtomicLong advanced = new AtomicLong();
        Progress progress = new Progress() {
            @Override
            public void begin(String stage, long volume) {
                assertThat(stage).isEqualTo("track2vec");
                assertThat(volume).isEqualTo(-1);
                begun.incrementAndGet();
            }

            @Override
            public void advance(long units) {
                assertThat(units).isNotNegative();
                advanced.addAndGet(units);
            }

            @Override
            public void checkRunning() {
            }
        };
        Track2Vec.train(TRACKS, playlists, new Track2VecConfig(8, 5, 2, 5, 1, 0.025, 42, 1), progress);
        assertThat(begun).hasValue(1);
        // one pass to build the vocabulary, then one per epoch
        assertThat(advanced).hasValue(3L * playlists.size());
    }

    @Test
    void terminationStopsTrainingWithTheProgressException() {
        AtomicInteger checks = new AtomicInteger();
        Progress terminating = () -> {
            if (checks.incrementAndGet() > 1) {
                throw new IllegalStateException("terminated");
            }
        };
        assertThatThrownBy(() -> Track2Vec.train(TRACKS, playlists, Track2VecConfig.defaults(), terminating))
                .isInstanceOf(IllegalStateException.class).hasMessage("terminated");
    }

    @Test
    void appendingContentToTrainedVectorsAddsTheWidths() {
        float[][] features = new float[TRACKS][7];
        float[][] out = ContentVectors.appendedTo(result.trackVectors(), features);
        assertThat(out).hasNumberOfRows(TRACKS);
        assertThat(out[0]).hasSize(64 + 7);
        assertThat(norm(java.util.Arrays.copyOf(out[0], 64))).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(Track2VecConfig.defaults()).isEqualTo(new Track2VecConfig(64, 5, 5, 5, 1, 0.025, 42, 1));
        assertThat(Track2VecConfig.parse(Map.of())).isEqualTo(Track2VecConfig.defaults());
        Track2VecConfig custom = Track2VecConfig.parse(Map.of("dimension", 32, "epochs", 3, "randomSeed", 7L));
        assertThat(Track2VecConfig.parse(custom.toMap())).isEqualTo(custom);
        assertThat(custom.dimension()).isEqualTo(32);
        assertThat(custom.windowSize()).isEqualTo(5);
    }

    @Test
    void everyOutOfRangeSettingIsRejectedByItsKey() {
        assertRejected("dimension", () -> new Track2VecConfig(0, 5, 5, 5, 1, 0.025, 42, 1));
        assertRejected("windowSize", () -> new Track2VecConfig(64, 0, 5, 5, 1, 0.025, 42, 1));
        assertRejected("epochs", () -> new Track2VecConfig(64, 5, 0, 5, 1, 0.025, 42, 1));
        assertRejected("negativeSamples", () -> new Track2VecConfig(64, 5, 5, 0, 1, 0.025, 42, 1));
        assertRejected("minCount", () -> new Track2VecConfig(64, 5, 5, 5, 0, 0.025, 42, 1));
        assertRejected("learningRate", () -> new Track2VecConfig(64, 5, 5, 5, 1, 0, 42, 1));
        assertRejected("learningRate", () -> new Track2VecConfig(64, 5, 5, 5, 1, Double.NaN, 42, 1));
        assertRejected("workers", () -> new Track2VecConfig(64, 5, 5, 5, 1, 0.025, 42, 0));
        assertRejected("dimension", () -> Track2VecConfig.parse(Map.of("dimension", "wide")));
        assertRejected("[colour]", () -> Track2VecConfig.parse(Map.of("colour", 1)));
    }

    private static void assertRejected(String key, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(float[] a) {
        double s = 0;
        for (float x : a) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
