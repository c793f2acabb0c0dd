package org.musig.baselines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.musig.common.progress.Progress;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.parallel.ParallelTasks;
import org.musig.model.sample.RandomStreams;

/**
 * The collaborative-filtering baseline of the MUSIG paper's Table 2: matrix factorisation of the
 * playlist x track membership matrix, trained with the WARP loss (Weighted Approximate-Rank Pairwise,
 * Weston et al. 2011, as implemented in LightFM). It sees only which tracks share playlists - no audio,
 * no genre - so it is what MUSIG's features must beat.
 *
 * <p>Model: {@code score(p, t) = P_p . Q_t}, one factor row per playlist and per track. There is no
 * per-track bias: the caller keeps only the track vectors, so everything the model learns (popularity
 * included, as the vectors' length) has to live in them. The hybrid ({@link ItemFeatures#hybrid}, LightFM's
 * item features) makes {@code Q_t} the weighted sum of rows for the track's identity, artist and album.
 *
 * <p>Why WARP: a recommender is judged by the top of its ranking, and WARP optimises exactly that. For a
 * training pair (playlist p, track t+ in p) it draws tracks t- not in p until one violates the margin,
 * {@code score(p, t-) > score(p, t+) - 1}. If that took N draws, about {@code (trackCount - 1) / N}
 * tracks outrank t+, and the hinge loss is weighted by {@code L(rank) = 1 + 1/2 + ... + 1/rank}: a
 * positive buried deep in the ranking gets a large step, one already near the top a small one, and a
 * positive with no violator in {@code maxTrials} draws gets none.
 *
 * <p>Optimiser: Adagrad per coordinate, as LightFM's default ({@code step = rate * g / sqrt(G)}, the
 * squared-gradient sum G starting at 1), with L2 regularisation on the three rows each update touches.
 * Draws are uniform over all tracks; one that lands in the playlist is no negative but still counts as a
 * draw (as in LightFM), which keeps the rank estimate unbiased and the loop bounded even for a playlist
 * that holds nearly every track.
 *
 * <p>Parallel and deterministic: the search for violators, nearly all the work, runs on the training's threads
 * (see {@code Trainer}), and the same memberships and configuration (seed included) give bit-identical vectors
 * on any number of threads. Memory: 8 bytes per factor coordinate (value + Adagrad sum), i.e.
 * {@code 8 * dimension * (playlists + features)} (features = tracks for plain CF), plus 8 bytes per membership
 * and 8 per track, and the item features' rows ({@link ItemFeatures#memoryBytes()}).
 */
public final class WarpFactorisation {
    /** How many positives between two {@link Progress#checkRunning()} calls (a multiple of a block's). */
    private static final int CHECK_EVERY = 4096;

    private WarpFactorisation() {
    }

    /**
     * What training produced.
     *
     * @param trackVectors          one row per dense track id, {@code dimension} wide. A track in no
     *                              training playlist was only ever drawn as a negative, so its row was
     *                              only pushed away from playlists: it carries no signal (see {@code trained})
     * @param trained               whether the track is in at least one training playlist
     * @param meanWarpLossPerEpoch  mean over the epoch's positives of {@code L(rank) * (1 - s+ + s-)} at the
     *                              violator found (0 where none was found)
     * @param violationRatePerEpoch share of the epoch's positives for which a violator was found within
     *                              {@code maxTrials} draws
     */
    public record Result(float[][] trackVectors, boolean[] trained, List<Double> meanWarpLossPerEpoch,
                         List<Double> violationRatePerEpoch) {
    }

    /**
     * Trains the factors on the training memberships (held-out ones already removed).
     *
     * @throws IllegalArgumentException if there are no playlists, no tracks or no memberships, or the
     *                                  factor tables would not fit a Java array
     * @throws IllegalStateException    if training diverged (the loss is no longer finite)
     */
    public static Result train(PlaylistMemberships memberships, WarpConfig config, Progress progress) {
        Objects.requireNonNull(memberships, "memberships");
        return train(memberships, ItemFeatures.identity(memberships.trackCount()), config, 1, progress, null);
    }

    /**
     * Called after each epoch of a training. Nothing in an epoch depends on how many follow (Adagrad has no
     * schedule), so the track vectors after epoch k are bit-identical to those of a training of k epochs with the
     * same seed: one training of the most epochs serves a comparison of several epoch counts.
     */
    @FunctionalInterface
    public interface EpochListener {
        /** {@code trackVectors} copies the current track factors when called (and only then). */
        void afterEpoch(int epoch, java.util.function.Supplier<float[][]> trackVectors);
    }

    /**
     * Trains plain CF ({@link ItemFeatures#identity}) or the hybrid (LightFM-style) model: a track's factor is the
     * weighted sum of its features' rows ({@link ItemFeatures#hybrid}), so the rows of an artist or album are learned
     * from every training track that has it, and a track no training playlist holds gets a vector from them.
     * {@code listener} (null: none) hears of each epoch, on the calling thread. {@code threads} search for
     * violators; the result is the same for any number.
     *
     * @throws IllegalArgumentException as {@link #train(PlaylistMemberships, WarpConfig, Progress)}, when the
     *                                  features cover another number of tracks than the memberships, or when
     *                                  {@code threads} is below 1
     */
    public static Result train(PlaylistMemberships memberships, ItemFeatures items, WarpConfig config, int threads,
                               Progress progress, EpochListener listener) {
        Objects.requireNonNull(memberships, "memberships");
        if (threads < 1) {
            throw new IllegalArgumentException(WarpConfig.OWNER + ": threads must be >= 1, got " + threads);
        }
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(progress, "progress");
        int playlists = memberships.playlistCount();
        int tracks = memberships.trackCount();
        int total = memberships.membershipCount();
        if (playlists == 0 || tracks == 0 || total == 0) {
            throw new IllegalArgumentException(WarpConfig.OWNER + ": nothing to train on: " + playlists
                    + " playlists, " + tracks + " tracks, " + total + " memberships (all three must be > 0)");
        }
        checkArraySize("playlist", playlists, config.dimension());
        if (items.trackCount() != tracks) {
            throw new IllegalArgumentException(WarpConfig.OWNER + ": item features cover " + items.trackCount()
                    + " tracks, the memberships " + tracks);
        }
        checkArraySize("feature", items.featureCount(), config.dimension());

        try (ParallelTasks tasks = new ParallelTasks(threads)) {
            Trainer trainer = new Trainer(memberships, items, config, tasks);
            List<Double> lossPerEpoch = new ArrayList<>();
            List<Double> violationRatePerEpoch = new ArrayList<>();
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                // An epoch is a stage of its own, counted in positives: at the paper's scale one takes minutes.
                progress.begin("cf-warp epoch " + epoch + "/" + config.epochs(), total);
                trainer.epoch(progress);
                double meanLoss = trainer.lossSum / total;
                if (!Double.isFinite(meanLoss)) {
                    throw new IllegalStateException(WarpConfig.OWNER + ": training diverged in epoch " + epoch
                            + " (the loss is " + meanLoss + "); lower learningRate");
                }
                lossPerEpoch.add(meanLoss);
                violationRatePerEpoch.add((double) trainer.violations / total);
                if (listener != null) {
                    listener.afterEpoch(epoch, trainer::trackVectors);
                }
            }
            return new Result(trainer.trackVectors(), trainer.trained, List.copyOf(lossPerEpoch),
                    List.copyOf(violationRatePerEpoch));
        }
    }

    /**
     * The factors, their Adagrad sums and the sampling state of one training run. An epoch goes through the shuffled
     * memberships in blocks of {@value #BLOCK_POSITIVES}: first every positive of the block looks for its violator
     * on the training's threads, reading the factors as they were at the block's start, each with a random stream
     * seeded from the training's own stream in membership order; then the block's steps are applied one after
     * another, in that order, on the calling thread. So the factors are the same for any number of threads.
     */
    private static final class Trainer {
        /**
         * Positives whose violators are searched together. The search (up to {@code maxTrials} scored draws each) is
         * nearly all the work and only reads the factors, so it is what runs in parallel; a block this small keeps
         * the factors it reads at most a few hundred steps old, as a Hogwild thread's would be.
         */
        static final int BLOCK_POSITIVES = 512;

        private final PlaylistMemberships memberships;
        private final ItemFeatures items;
        private final ParallelTasks tasks;
        private final int d;
        private final int tracks;
        private final int maxTrials;
        private final float rate;
        private final float lambda;
        private final SplittableRandom random;
        private final float[] playlistFactors;
        private final float[] featureFactors;
        private final float[] playlistSquares;
        private final float[] featureSquares;
        private final double[] harmonic;
        private final int[] playlistOf;
        private final int[] order;
        private final boolean[] trained;
        /** One per thread; worker 0 also serves the calling thread's steps between searches. */
        private final Worker[] workers;
        // Each positive of the current block: the seed of its draws, then its draw count (0: no violator found) and,
        // when one was found, the violator and its score.
        private final long[] seeds = new long[BLOCK_POSITIVES];
        private final int[] violators = new int[BLOCK_POSITIVES];
        private final int[] drawCounts = new int[BLOCK_POSITIVES];
        private final float[] positiveScores = new float[BLOCK_POSITIVES];
        private final float[] violatorScores = new float[BLOCK_POSITIVES];

        // The last epoch's statistics.
        double lossSum;
        long violations;

        Trainer(PlaylistMemberships memberships, ItemFeatures items, WarpConfig config, ParallelTasks tasks) {
            this.memberships = memberships;
            this.items = items;
            this.tasks = tasks;
            this.d = config.dimension();
            this.tracks = memberships.trackCount();
            this.maxTrials = config.maxTrials();
            this.rate = (float) config.learningRate();
            this.lambda = (float) config.regularisation();
            // Two independent streams, so changing how negatives are drawn never changes the initial factors.
            SplittableRandom root = new SplittableRandom(config.randomSeed());
            SplittableRandom init = root.split();
            this.random = root.split();
            int playlists = memberships.playlistCount();
            this.playlistFactors = initialFactors(playlists, d, init);
            this.featureFactors = initialFactors(items.featureCount(), d, init);
            this.playlistSquares = ones(playlists * d);
            this.featureSquares = ones(items.featureCount() * d);
            this.harmonic = harmonicNumbers(tracks);
            this.workers = new Worker[tasks.threads()];
            for (int w = 0; w < workers.length; w++) {
                workers[w] = new Worker();
            }

            int total = memberships.membershipCount();
            this.playlistOf = new int[total];
            this.trained = new boolean[tracks];
            for (int p = 0; p < playlists; p++) {
                for (int i = memberships.playlistStart(p); i < memberships.playlistEnd(p); i++) {
                    playlistOf[i] = p;
                    trained[memberships.track(i)] = true;
                }
            }
            this.order = new int[total];
            for (int i = 0; i < total; i++) {
                order[i] = i;
            }
        }

        /** One pass over every membership, in a fresh random order. */
        void epoch(Progress progress) {
            shuffle(order, random);
            lossSum = 0;
            violations = 0;
            for (int start = 0; start < order.length; start += BLOCK_POSITIVES) {
                if (start % CHECK_EVERY == 0) {
                    progress.checkRunning();
                }
                int count = Math.min(BLOCK_POSITIVES, order.length - start);
                for (int j = 0; j < count; j++) {
                    seeds[j] = random.nextLong();
                }
                int first = start;
                tasks.run(workers.length, part -> {
                    Worker worker = workers[part];
                    int to = ParallelTasks.partStart(part + 1, workers.length, count);
                    for (int j = ParallelTasks.partStart(part, workers.length, count); j < to; j++) {
                        worker.search(first, j);
                    }
                });
                for (int j = 0; j < count; j++) {
                    int draws = drawCounts[j];
                    if (draws == 0) {
                        continue;
                    }
                    // A violator exists, so at least one track outranks t+: the rank estimate is at least 1.
                    double weight = harmonic[Math.max(1, (tracks - 1) / draws)];
                    lossSum += weight * (1 + violatorScores[j] - positiveScores[j]);
                    violations++;
                    int membership = order[start + j];
                    update(playlistOf[membership] * d, memberships.track(membership), violators[j], (float) weight);
                }
                progress.advance(count);
            }
        }

        /**
         * One Adagrad step on the weighted hinge {@code w * (1 - P_p.Q_+ + P_p.Q_-)} plus {@code lambda/2 * |x|^2}
         * on each row it touches, where {@code Q_t} is the weighted sum of track t's feature rows (so a feature row
         * gets its weight's share of its track's gradient), at the factors' current values. The playlist's gradient
         * uses the values before the step; the positive's rows are stepped before the negative's.
         */
        private void update(int pRow, int positiveTrack, int negativeTrack, float w) {
            Worker rows = workers[0];
            rows.locate(positiveTrack, rows.positive, 0);
            float[] posArray = rows.rowArray;
            int posOffset = rows.rowOffset;
            rows.locate(negativeTrack, rows.negative, 0);
            float[] negArray = rows.rowArray;
            int negOffset = rows.rowOffset;
            float[] pf = playlistFactors;
            float[] ps = playlistSquares;
            if (posArray == featureFactors && negArray == featureFactors) {
                // Plain CF: one row each; the playlist's, the positive's and the negative's steps in one pass.
                float[] qf = featureFactors;
                float[] qs = featureSquares;
                int posRow = posOffset;
                int negRow = negOffset;
                for (int k = 0; k < d; k++) {
                    float p = pf[pRow + k];
                    float pos = qf[posRow + k];
                    float neg = qf[negRow + k];
                    float gp = w * (neg - pos) + lambda * p;
                    float gPos = -w * p + lambda * pos;
                    float gNeg = w * p + lambda * neg;
                    pf[pRow + k] = p - rate * gp / (float) Math.sqrt(ps[pRow + k]);
                    ps[pRow + k] += gp * gp;
                    qf[posRow + k] = pos - rate * gPos / (float) Math.sqrt(qs[posRow + k]);
                    qs[posRow + k] += gPos * gPos;
                    qf[negRow + k] = neg - rate * gNeg / (float) Math.sqrt(qs[negRow + k]);
                    qs[negRow + k] += gNeg * gNeg;
                }
                return;
            }
            // The hybrid: keep the playlist row before its step, then step every feature row of both tracks.
            float[] before = rows.blockRows; // free until the next search
            System.arraycopy(pf, pRow, before, 0, d);
            for (int k = 0; k < d; k++) {
                float p = pf[pRow + k];
                float gp = w * (negArray[negOffset + k] - posArray[posOffset + k]) + lambda * p;
                pf[pRow + k] = p - rate * gp / (float) Math.sqrt(ps[pRow + k]);
                ps[pRow + k] += gp * gp;
            }
            stepFeatures(positiveTrack, before, -w);
            stepFeatures(negativeTrack, before, w);
        }

        /** Each feature row of track {@code t} takes its weight's share of {@code sign * playlist}, plus L2. */
        private void stepFeatures(int t, float[] playlist, float sign) {
            float[] qf = featureFactors;
            float[] qs = featureSquares;
            for (int j = items.start()[t]; j < items.start()[t + 1]; j++) {
                int row = items.feature()[j] * d;
                float share = sign * items.weight()[j];
                for (int k = 0; k < d; k++) {
                    float q = qf[row + k];
                    float g = share * playlist[k] + lambda * q;
                    qf[row + k] = q - rate * g / (float) Math.sqrt(qs[row + k]);
                    qs[row + k] += g * g;
                }
            }
        }

        float[][] trackVectors() {
            float[][] vectors = new float[tracks][];
            Worker rows = workers[0];
            for (int t = 0; t < tracks; t++) {
                rows.locate(t, rows.positive, 0);
                vectors[t] = Arrays.copyOfRange(rows.rowArray, rows.rowOffset, rows.rowOffset + d);
            }
            return vectors;
        }

        /** One thread's scratch rows and draws: it only reads the factors. */
        private final class Worker {
            /** Candidates scored together: four independent rows in flight hide most of the memory latency. */
            private static final int BLOCK = 4;

            private final int[] candidates = new int[BLOCK];
            private final float[] scores = new float[BLOCK];
            // A track's factor: a row of featureFactors when the track is exactly one feature of weight 1 (plain CF,
            // no copy), else the weighted sum written into a scratch row. Set by locate().
            private final float[] positive = new float[d];
            private final float[] negative = new float[d];
            private final float[] blockRows = new float[BLOCK * d];
            private float[] rowArray;
            private int rowOffset;
            /** SplitMix64's state: each positive's draws start from its own seed. */
            private long state;

            /** Scores the block's positive {@code j} (membership {@code order[first + j]}) and looks for its violator. */
            void search(int first, int j) {
                int membership = order[first + j];
                int p = playlistOf[membership];
                locate(memberships.track(membership), positive, 0);
                float positiveScore = dot(playlistFactors, p * d, rowArray, rowOffset, d);
                state = seeds[j];
                positiveScores[j] = positiveScore;
                drawCounts[j] = findViolator(p, positiveScore, j);
            }

            /**
             * Points {@link #rowArray}/{@link #rowOffset} at track {@code t}'s factor: its one feature row when it is
             * a single feature of weight 1, else the weighted sum of its rows written into {@code scratch} at
             * {@code at}. A track without features has the zero vector.
             */
            void locate(int t, float[] scratch, int at) {
                int from = items.start()[t];
                int to = items.start()[t + 1];
                if (to - from == 1 && items.weight()[from] == 1f) {
                    rowArray = featureFactors;
                    rowOffset = items.feature()[from] * d;
                    return;
                }
                Arrays.fill(scratch, at, at + d, 0f);
                for (int j = from; j < to; j++) {
                    int row = items.feature()[j] * d;
                    float w = items.weight()[j];
                    for (int k = 0; k < d; k++) {
                        scratch[at + k] += w * featureFactors[row + k];
                    }
                }
                rowArray = scratch;
                rowOffset = at;
            }

            /**
             * Draws tracks until one is not in playlist {@code p} and scores above {@code positiveScore - 1}.
             * Returns the number of draws that took (the violator and its score in the block's slot {@code j}), or 0
             * if none was found in {@code maxTrials} draws. Draws are scored in blocks of four; draws past the
             * violator in its block are not counted.
             */
            private int findViolator(int p, float positiveScore, int j) {
                int pRow = p * d;
                float threshold = positiveScore - 1f;
                int draws = 0;
                while (draws < maxTrials) {
                    int block = Math.min(BLOCK, maxTrials - draws);
                    for (int c = 0; c < BLOCK; c++) {
                        // A short last block repeats its first draw to fill the four slots (scored, never counted).
                        candidates[c] = c < block ? nextTrack() : candidates[0];
                    }
                    scoreBlock(pRow);
                    for (int c = 0; c < block; c++) {
                        draws++;
                        // Only a violator needs the membership test (a draw counts either way), which spares
                        // the binary search on most draws once the model ranks well.
                        if (scores[c] > threshold && !contains(memberships.playlistStart(p),
                                memberships.playlistEnd(p), candidates[c])) {
                            violators[j] = candidates[c];
                            violatorScores[j] = scores[c];
                            return draws;
                        }
                    }
                }
                return 0;
            }

            /** A uniform track: SplitMix64's next value mapped onto {@code [0, tracks)} by a multiply and shift. */
            private int nextTrack() {
                long z = RandomStreams.mix(state += 0x9E3779B97F4A7C15L);
                return (int) (((z >>> 32) * tracks) >>> 32);
            }

            /** {@code scores[c] = P_p . Q_candidates[c]} for the four candidates at once. */
            private void scoreBlock(int pRow) {
                locate(candidates[0], blockRows, 0);
                float[] a0 = rowArray;
                int r0 = rowOffset;
                locate(candidates[1], blockRows, d);
                float[] a1 = rowArray;
                int r1 = rowOffset;
                locate(candidates[2], blockRows, 2 * d);
                float[] a2 = rowArray;
                int r2 = rowOffset;
                locate(candidates[3], blockRows, 3 * d);
                float[] a3 = rowArray;
                int r3 = rowOffset;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                for (int k = 0; k < d; k++) {
                    float x = playlistFactors[pRow + k];
                    s0 += x * a0[r0 + k];
                    s1 += x * a1[r1 + k];
                    s2 += x * a2[r2 + k];
                    s3 += x * a3[r3 + k];
                }
                scores[0] = s0;
                scores[1] = s1;
                scores[2] = s2;
                scores[3] = s3;
            }

            /** Binary search: a playlist's tracks are sorted ascending. */
            private boolean contains(int from, int to, int track) {
                int low = from;
                int high = to - 1;
                while (low <= high) {
                    int mid = (low + high) >>> 1;
                    int value = memberships.track(mid);
                    if (value < track) {
                        low = mid + 1;
                    } else if (value > track) {
                        high = mid - 1;
                    } else {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /**
     * Four running sums instead of one: the JIT may not reorder float additions, so a single sum is one
     * long chain of dependent adds; four independent chains run about four times as fast (and the order
     * is still fixed, so results stay bit-identical from run to run).
     */
    private static float dot(float[] a, int aRow, float[] b, int bRow, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            s0 += a[aRow + k] * b[bRow + k];
            s1 += a[aRow + k + 1] * b[bRow + k + 1];
            s2 += a[aRow + k + 2] * b[bRow + k + 2];
            s3 += a[aRow + k + 3] * b[bRow + k + 3];
        }
        for (; k < d; k++) {
            s0 += a[aRow + k] * b[bRow + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Uniform in [-s, s) with s = 0.1 / sqrt(d): rows of length about 0.06 whatever the dimension. */
    private static float[] initialFactors(int rows, int d, SplittableRandom random) {
        float[] factors = new float[rows * d];
        double scale = 0.1 / Math.sqrt(d);
        for (int i = 0; i < factors.length; i++) {
            factors[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return factors;
    }

    /** Adagrad's squared-gradient sums start at 1 (as LightFM), so the first steps are just {@code rate * g}. */
    private static float[] ones(int length) {
        float[] array = new float[length];
        Arrays.fill(array, 1f);
        return array;
    }

    /** {@code h[r] = 1 + 1/2 + ... + 1/r}; the rank estimate never exceeds trackCount - 1. */
    private static double[] harmonicNumbers(int tracks) {
        double[] h = new double[Math.max(2, tracks)];
        for (int r = 1; r < h.length; r++) {
            h[r] = h[r - 1] + 1.0 / r;
        }
        return h;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = a[i];
            a[i] = a[j];
            a[j] = swap;
        }
    }

    private static void checkArraySize(String what, int rows, int d) {
        if ((long) rows * d > PlaylistMemberships.MAX_MEMBERSHIPS) {
            throw new IllegalArgumentException(WarpConfig.OWNER + ": " + rows + " " + what + " rows x dimension " + d
                    + " exceed the largest Java array; lower the dimension");
        }
    }
}
