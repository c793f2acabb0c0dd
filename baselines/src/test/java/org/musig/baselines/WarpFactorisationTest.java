package org.musig.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.graph.PlaylistMemberships;

class WarpFactorisationTest {
    private static final int COMMUNITIES = 3;
    private static final int COMMUNITY_SIZE = 20;
    /** Two extra tracks, ids 60 and 61, that no playlist holds. */
    private static final int TRACKS = COMMUNITIES * COMMUNITY_SIZE + 2;
    private static final WarpConfig TOY = new WarpConfig(16, 20, 0.05, 100, 1e-6, 42);

    /** 120 playlists per community, each 8 to 10 distinct tracks of that one community. */
    private static PlaylistMemberships plantedCommunities(long seed) {
        Random random = new Random(seed);
        PlaylistMemberships.Builder builder = PlaylistMemberships.builder(TRACKS);
        int[] pool = new int[COMMUNITY_SIZE];
        for (int p = 0; p < 120 * COMMUNITIES; p++) {
            int community = p % COMMUNITIES;
            for (int i = 0; i < COMMUNITY_SIZE; i++) {
                pool[i] = community * COMMUNITY_SIZE + i;
            }
            int size = 8 + random.nextInt(3);
            partialShuffle(pool, size, random);
            builder.addPlaylist(pool, 0, size);
        }
        return builder.build();
    }

    /** Moves a uniform random sample of {@code count} elements to the front of {@code a}. */
    private static void partialShuffle(int[] a, int count, Random random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(a.length - i);
            int swap = a[i];
            a[i] = a[j];
            a[j] = swap;
        }
    }

    private static int community(int track) {
        return track / COMMUNITY_SIZE;
    }

    @Test
    void tracksOfOneCommunityEndUpCloserThanTracksOfDifferentCommunities() {
        float[][] v = WarpFactorisation.train(plantedCommunities(1), TOY, Progress.NONE).trackVectors();
        double same = 0;
        double across = 0;
        int sameCount = 0;
        int acrossCount = 0;
        for (int a = 0; a < COMMUNITIES * COMMUNITY_SIZE; a++) {
            for (int b = a + 1; b < COMMUNITIES * COMMUNITY_SIZE; b++) {
                if (community(a) == community(b)) {
                    same += cosine(v[a], v[b]);
                    sameCount++;
                } else {
                    across += cosine(v[a], v[b]);
                    acrossCount++;
                }
            }
        }
        same /= sameCount;
        across /= acrossCount;
        // WARP only needs a community's tracks to outrank the others by the margin, so they spread out
        // inside their community rather than collapse: the gap, not a high absolute cosine, is the signal.
        assertThat(across).as("mean cosine across communities").isLessThan(0.0);
        assertThat(same - across).as("within minus across, within = %.3f, across = %.3f", same, across)
                .isGreaterThan(0.5);
    }

    @Test
    void theMeanOfAPartialPlaylistRanksTheRestOfItsCommunityFirst() {
        float[][] v = WarpFactorisation.train(plantedCommunities(1), TOY, Progress.NONE).trackVectors();
        Random random = new Random(7);
        int[] pool = new int[COMMUNITY_SIZE];
        int seeds = 5;
        int relevant = COMMUNITY_SIZE - seeds;
        double hitRate = 0;
        int queries = 0;
        for (int community = 0; community < COMMUNITIES; community++) {
            for (int q = 0; q < 20; q++) {
                for (int i = 0; i < COMMUNITY_SIZE; i++) {
                    pool[i] = community * COMMUNITY_SIZE + i;
                }
                partialShuffle(pool, seeds, random);
                int[] query = Arrays.copyOf(pool, seeds);
                List<Integer> ranked = rankByMeanVector(v, query);
                // R-precision: of the top |relevant| candidates, the share from the query's community.
                long hits =
                        ranked.subList(0, relevant).stream().filter(t -> community(t) == community(query[0])).count();
                hitRate += (double) hits / relevant;
                queries++;
            }
        }
        assertThat(hitRate / queries).as("mean R-precision").isGreaterThan(0.9);
    }

    /** Every community track not in {@code query}, best first by dot product with the query's mean vector. */
    private static List<Integer> rankByMeanVector(float[][] v, int[] query) {
        float[] mean = new float[v[0].length];
        for (int t : query) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += v[t][k] / query.length;
            }
        }
        List<Integer> candidates = new ArrayList<>();
        for (int t = 0; t < COMMUNITIES * COMMUNITY_SIZE; t++) {
            int track = t;
            if (Arrays.stream(query).noneMatch(s -> s == track)) {
                candidates.add(t);
            }
        }
        candidates.sort((a, b) -> Double.compare(dot(mean, v[b]), dot(mean, v[a])));
        return candidates;
    }

    @Test
    void sameSeedGivesIdenticalVectorsAndAnotherSeedDifferentOnes() {
        PlaylistMemberships data = plantedCommunities(1);
        WarpConfig small = new WarpConfig(8, 3, 0.05, 100, 1e-6, 42);
        WarpFactorisation.Result first = WarpFactorisation.train(data, small, Progress.NONE);
        WarpFactorisation.Result again = WarpFactorisation.train(data, small, Progress.NONE);
        WarpFactorisation.Result otherSeed = WarpFactorisation.train(data,
                new WarpConfig(8, 3, 0.05, 100, 1e-6, 43), Progress.NONE);
        assertThat(Arrays.deepEquals(first.trackVectors(), again.trackVectors())).isTrue();
        assertThat(again.meanWarpLossPerEpoch()).isEqualTo(first.meanWarpLossPerEpoch());
        assertThat(Arrays.deepEquals(first.trackVectors(), otherSeed.trackVectors())).isFalse();
    }

    @Test
    void theVectorsAfterEachEpochAreThoseOfATrainingOfThatManyEpochs() {
        PlaylistMemberships memberships = plantedCommunities(4);
        List<float[][]> snapshots = new ArrayList<>();
        float[][] last =
                WarpFactorisation.train(memberships, ItemFeatures.identity(memberships.trackCount()), TOY.withEpochs(6),
                        2, Progress.NONE,
                        (epoch, vectors) -> {
                            assertThat(epoch).isEqualTo(snapshots.size() + 1);
                            snapshots.add(vectors.get());
                        }).trackVectors();
        assertThat(snapshots).hasSize(6);
        assertThat(snapshots.get(5)).isDeepEqualTo(last);
        for (int epochs : new int[] {1, 3}) {
            assertThat(snapshots.get(epochs - 1)).as("after epoch %d", epochs)
                    .isDeepEqualTo(WarpFactorisation.train(memberships, TOY.withEpochs(epochs), Progress.NONE)
                            .trackVectors());
        }
        assertThat(java.util.Arrays.deepEquals(snapshots.get(0), snapshots.get(2))).as("epochs change the factors")
                .isFalse();
    }

    @Test
    void warpLossAndViolationRateFallFromFirstToLastEpoch() {
        WarpFactorisation.Result result = WarpFactorisation.train(plantedCommunities(1), TOY, Progress.NONE);
        List<Double> loss = result.meanWarpLossPerEpoch();
        List<Double> violations = result.violationRatePerEpoch();
        assertThat(loss).hasSize(TOY.epochs());
        assertThat(violations).hasSize(TOY.epochs());
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0) / 2);
        assertThat(violations.get(violations.size() - 1)).isLessThan(violations.get(0));
    }

    @Test
    void marksTracksThatAreInNoTrainingPlaylistAsUntrained() {
        WarpFactorisation.Result result = WarpFactorisation.train(plantedCommunities(1), TOY, Progress.NONE);
        assertThat(result.trackVectors()).hasNumberOfRows(TRACKS);
        assertThat(result.trackVectors()[0]).hasSize(TOY.dimension());
        for (int t = 0; t < TRACKS; t++) {
            assertThat(result.trained()[t]).as("track %d", t).isEqualTo(t < COMMUNITIES * COMMUNITY_SIZE);
        }
    }

    @Test
    void reportsEachEpochAsAStageCountedInPositivesAndStopsWhenTold() {
        List<String> calls = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void begin(String stage, long volume) {
                calls.add(stage + " " + volume);
            }

            @Override
            public void advance(long units) {
                calls.add("+" + units);
            }

            @Override
            public void checkRunning() {
            }
        };
        PlaylistMemberships data = plantedCommunities(1);
        WarpFactorisation.train(data, new WarpConfig(4, 3, 0.05, 10, 0, 1), recording);
        int total = data.membershipCount();
        List<String> stages = calls.stream().filter(c -> !c.startsWith("+")).toList();
        assertThat(stages).containsExactly("cf-warp epoch 1/3 " + total, "cf-warp epoch 2/3 " + total,
                "cf-warp epoch 3/3 " + total);
        // Within each epoch the advances add up to its positives, several times over the epoch (not once at its end).
        for (int stage = 0; stage < 3; stage++) {
            int from = calls.indexOf(stages.get(stage)) + 1;
            int to = stage < 2 ? calls.indexOf(stages.get(stage + 1)) : calls.size();
            List<String> advances = calls.subList(from, to);
            assertThat(advances).hasSizeGreaterThan(1);
            assertThat(advances.stream().mapToLong(a -> Long.parseLong(a.substring(1))).sum()).isEqualTo(total);
        }

        Progress stopped = () -> {
            throw new IllegalStateException("terminated");
        };
        assertThatThrownBy(() -> WarpFactorisation.train(plantedCommunities(1), TOY, stopped))
                .hasMessage("terminated");
    }

    @Test
    void rejectsBadConfigurationNamingTheKey() {
        WarpConfig d = WarpConfig.defaults();
        assertThat(d).isEqualTo(new WarpConfig(64, 10, 0.05, 100, 1e-6, 42));
        assertBad(() -> new WarpConfig(0, 10, 0.05, 100, 1e-6, 42), "'dimension'");
        assertBad(() -> new WarpConfig(64, 0, 0.05, 100, 1e-6, 42), "'epochs'");
        assertBad(() -> new WarpConfig(64, 10, 0, 100, 1e-6, 42), "'learningRate'");
        assertBad(() -> new WarpConfig(64, 10, Double.NaN, 100, 1e-6, 42), "'learningRate'");
        assertBad(() -> new WarpConfig(64, 10, Double.POSITIVE_INFINITY, 100, 1e-6, 42), "'learningRate'");
        assertBad(() -> new WarpConfig(64, 10, 0.05, 0, 1e-6, 42), "'maxTrials'");
        assertBad(() -> new WarpConfig(64, 10, 0.05, 100, -1e-6, 42), "'regularisation'");
        assertBad(() -> new WarpConfig(64, 10, 0.05, 100, Double.NaN, 42), "'regularisation'");
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable create, String key) {
        assertThatThrownBy(create).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cf-warp").hasMessageContaining(key);
    }

    @Test
    void rejectsEmptyMemberships() {
        for (PlaylistMemberships empty : List.of(PlaylistMemberships.of(5), PlaylistMemberships.of(0, new int[0]),
                PlaylistMemberships.of(5, new int[0], new int[0]))) {
            assertThatThrownBy(() -> WarpFactorisation.train(empty, TOY, Progress.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nothing to train on");
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (double) a[k] * b[k];
        }
        return sum;
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }
}
