package org.musig.procedures.benchmark;

import java.util.List;
import java.util.Map;
import org.musig.baselines.ContentVectors;
import org.musig.baselines.ItemFeatures;
import org.musig.baselines.Track2Vec;
import org.musig.baselines.Track2VecConfig;
import org.musig.baselines.WarpConfig;
import org.musig.baselines.WarpFactorisation;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;

/**
 * The benchmark's learned baselines and their grids: CF-WARP (plain, and LightFM's hybrid with the artist and album
 * as item features) over {@code cfEpochs}, and Track2Vec(-Feature) over {@code track2vecWindows}. Each variant's
 * value is a knob of its row, so validation chooses it.
 */
final class LearnedBaselineRows {
    /** CF-WARP with the artist and album as item features: a model of its own, so a family of its own. */
    static final String CF_WARP_FEATURE = "cf-warp-feature";

    private final BenchmarkPass pass;
    private final BenchmarkConfig config;

    LearnedBaselineRows(BenchmarkPass pass) {
        this.pass = pass;
        this.config = pass.config;
    }

    /** Plain CF-WARP, then one hybrid per distinct set of categories among the feature choices. */
    void runCf() {
        runCf("cf-warp", "none", new TrackCategory[0]);
        runHybridCf();
    }

    /**
     * CF-WARP with item features (LightFM's hybrid): a track is the mean of its identity row (when a training
     * playlist holds it), its artist's and its album's rows. One model per distinct set of categories among the
     * feature choices ('artist+title' and 'artist' both train the artist hybrid, once): the dense groups play no
     * part in it.
     */
    private void runHybridCf() {
        java.util.Set<List<String>> trained = new java.util.HashSet<>();
        for (String f : config.features()) {
            List<String> groups = pass.groupsOf(f);
            List<String> categories = groups == null ? List.of()
                    : groups.stream().filter(g -> g.equals(TrackFeatures.ARTIST) || g.equals(TrackFeatures.ALBUM))
                            .toList();
            if (!categories.isEmpty() && trained.add(categories)) {
                runCf(CF_WARP_FEATURE, String.join("+", categories), categories.stream()
                        .map(pass.data().graph().features()::category).toArray(TrackCategory[]::new));
            }
        }
    }

    /**
     * CF-WARP (no categories: plain CF; else the hybrid over them) with each epoch count of {@code cfEpochs} this
     * pass wants: one training of the most of them, each count's row scoring the factors after its epoch (those of a
     * training of that many epochs, see {@link WarpFactorisation.EpochListener}). A row's training time excludes
     * the scoring of earlier rows.
     */
    private void runCf(String method, String feature, TrackCategory[] categories) {
        List<Integer> counts = config.cfEpochs().stream().filter(e -> pass.wants(cfKey(method, feature, e))).toList();
        if (counts.isEmpty()) {
            return;
        }
        var memberships = pass.data().memberships();
        int tracks = pass.trackNodeIds().length;
        long featureCount = tracks;
        for (TrackCategory c : categories) {
            featureCount += c.size();
        }
        long bytes = BenchmarkMemory.warpBytes(tracks, featureCount, categories.length, memberships.playlistCount(),
                memberships.membershipCount(), config.dimension());
        boolean fitAll = true;
        for (int epochs : counts) {
            fitAll &= pass.fits(cfKey(method, feature, epochs), method, bytes);
        }
        if (!fitAll) {
            return;
        }
        pass.progress.checkRunning();
        WarpConfig d = WarpConfig.defaults();
        WarpConfig warp = new WarpConfig(config.dimension(), counts.stream().max(Integer::compare).orElseThrow(),
                d.learningRate(), d.maxTrials(), d.regularisation(), pass.methodSeed);
        long start = System.nanoTime();
        long[] scoringNanos = new long[1];
        try {
            ItemFeatures items = categories.length == 0 ? ItemFeatures.identity(memberships.trackCount())
                    : ItemFeatures.hybrid(memberships, categories);
            WarpFactorisation.train(memberships, items, warp, pass.progress, (epoch, vectors) -> {
                if (counts.contains(epoch)) {
                    long s0 = System.nanoTime();
                    pass.evaluate(cfKey(method, feature, epoch), BenchmarkPass.embeddingScorer(vectors.get()),
                            (s0 - start - scoringNanos[0]) / 1_000_000, List.of());
                    scoringNanos[0] += System.nanoTime() - s0;
                }
            });
        } catch (IllegalArgumentException e) {
            counts.forEach(epochs -> pass.skip(cfKey(method, feature, epochs), e.getMessage()));
        }
    }

    /** A CF-WARP variant; its knob is the epoch count, a whole number as Cypher's (long) integers. */
    private static RowKey cfKey(String method, String feature, int epochs) {
        return RowKey.of(method, feature, Map.of("epochs", (long) epochs));
    }

    /** A Track2Vec(-Feature) variant; its knob is word2vec's context window. */
    private static RowKey track2vecKey(String method, String feature, int windowSize) {
        return RowKey.of(method, feature, Map.of("windowSize", (long) windowSize));
    }

    /**
     * The only caller of Track2Vec, and so of DL4J: nothing loads either unless methods include 'track2vec'. One
     * word2vec training per window of {@code track2vecWindows} that a row of this pass needs; it feeds the
     * {@code track2vec} row and every {@code track2vec-feature} row of that window.
     */
    void runTrack2Vec() {
        String absent = Track2VecSupport.absence();
        if (absent != null) {
            skipTrack2Vec(absent);
            return;
        }
        long bytes = BenchmarkMemory.track2vecBytes(pass.trackNodeIds().length,
                pass.data().memberships().membershipCount(), config.dimension());
        for (int window : config.track2vecWindows()) {
            RowKey plain = track2vecKey("track2vec", "none", window);
            List<RowKey> appended =
                    config.features().stream().map(f -> track2vecKey("track2vec-feature", f, window)).toList();
            if (!pass.wants(plain) && appended.stream().noneMatch(pass::wants)) {
                continue; // none of this window's rows was selected on validation
            }
            if (!pass.fits(plain, "track2vec (DL4J word2vec)", bytes)) {
                appended.forEach(key -> pass.fits(key, "track2vec (DL4J word2vec)", bytes));
                continue;
            }
            pass.progress.checkRunning();
            long start = System.currentTimeMillis();
            float[][] vectors;
            try {
                Track2VecConfig settings = Track2VecConfig.parse(Map.of("dimension", config.dimension(),
                        "windowSize", window, "randomSeed", pass.methodSeed));
                vectors = Track2Vec.train(pass.trackNodeIds().length, pass.data().sequences(), settings,
                        pass.progress).trackVectors();
            } catch (NoClassDefFoundError e) {
                skipTrack2Vec(Track2VecSupport.absence(e));
                return;
            }
            long trainMillis = System.currentTimeMillis() - start;
            pass.evaluate(plain, BenchmarkPass.embeddingScorer(vectors), trainMillis, List.of());
            for (RowKey key : appended) {
                pass.withGroups(key, List.of(), groups -> BenchmarkPass.embeddingScorer(
                        ContentVectors.appendedTo(vectors, BenchmarkPass.unitRows(pass.content(groups)))));
            }
        }
    }

    /** The track2vec rows this pass would report, skipped for {@code reason}. */
    private void skipTrack2Vec(String reason) {
        for (int window : config.track2vecWindows()) {
            RowKey plain = track2vecKey("track2vec", "none", window);
            if (pass.wants(plain)) {
                pass.skip(plain, reason);
            }
            config.features().stream().map(f -> track2vecKey("track2vec-feature", f, window)).filter(pass::wants)
                    .forEach(key -> pass.skip(key, reason));
        }
    }
}
