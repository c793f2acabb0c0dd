package org.musig.procedures.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.musig.model.sample.RandomStreams;

/**
 * The benchmark's learned baselines and their grids: CF-WARP (plain, and LightFM's hybrid with the artist and album
 * as item features) over {@code cfEpochs}, and Track2Vec(-Feature) over {@code track2vecWindows}, both also over
 * {@code baselineEnsembleSizes}. Each variant's value is a knob of its row, so validation chooses it.
 */
final class LearnedBaselineRows {
    /** CF-WARP with the artist and album as item features: a model of its own, so a family of its own. */
    static final String CF_WARP_FEATURE = "cf-warp-feature";
    /** The knob of the {@code baselineEnsembleSizes} axis, named as MUSIG's setting. */
    static final String ENSEMBLE_SIZE = "ensembleSize";

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
     * CF-WARP (no categories: plain CF; else the hybrid over them) with each epoch count of {@code cfEpochs} and each
     * ensemble size of {@code baselineEnsembleSizes} this pass wants. Each member is one training of the most epochs
     * (member m from {@link RandomStreams#memberSeed}), each count's row scoring the factors after its epoch (those
     * of a training of that many epochs, see {@link WarpFactorisation.EpochListener}); an ensemble's row is scored
     * once its last member has trained. A row's training time is its members' time up to its epoch, without the
     * scoring of other rows.
     */
    private void runCf(String method, String feature, TrackCategory[] categories) {
        List<Integer> counts = config.cfEpochs().stream()
                .filter(e -> config.baselineEnsembleSizes().stream().anyMatch(n -> pass.wants(cfKey(method, feature,
                        e, n))))
                .toList();
        List<Integer> sizes = config.baselineEnsembleSizes().stream()
                .filter(n -> counts.stream().anyMatch(e -> pass.wants(cfKey(method, feature, e, n)))).toList();
        if (counts.isEmpty()) {
            return;
        }
        var memberships = pass.data().memberships();
        int tracks = pass.trackNodeIds().length;
        int members = sizes.stream().max(Integer::compare).orElseThrow();
        long featureCount = tracks;
        for (TrackCategory c : categories) {
            featureCount += c.size();
        }
        long bytes = BenchmarkMemory.warpBytes(tracks, featureCount, categories.length, memberships.playlistCount(),
                memberships.membershipCount(), config.dimension())
                + BenchmarkMemory.ensembleBytes(tracks, config.dimension(), members, counts.size());
        boolean fitAll = true;
        for (int epochs : counts) {
            for (int n : sizes) {
                fitAll &= pass.fits(cfKey(method, feature, epochs, n), method, bytes);
            }
        }
        if (!fitAll) {
            return;
        }
        pass.progress.checkRunning();
        WarpConfig d = WarpConfig.defaults();
        int mostEpochs = counts.stream().max(Integer::compare).orElseThrow();
        Map<Integer, List<float[][]>> kept = new HashMap<>(); // epoch count -> each member's factors after it
        Map<Integer, long[]> millis = new HashMap<>(); // epoch count -> each member's training time up to it
        try {
            ItemFeatures items = categories.length == 0 ? ItemFeatures.identity(memberships.trackCount())
                    : ItemFeatures.hybrid(memberships, categories);
            for (int m = 0; m < members; m++) {
                int member = m;
                WarpConfig warp = new WarpConfig(config.dimension(), mostEpochs, d.learningRate(), d.maxTrials(),
                        d.regularisation(), RandomStreams.memberSeed(pass.methodSeed, member));
                long start = System.nanoTime();
                long[] scoringNanos = new long[1];
                WarpFactorisation.EpochListener listener = (epoch, vectors) -> {
                    if (counts.contains(epoch)) {
                        long s0 = System.nanoTime();
                        millis.computeIfAbsent(epoch, e -> new long[members])[member] =
                                (s0 - start - scoringNanos[0]) / 1_000_000;
                        float[][] factors = vectors.get();
                        if (member == 0 && sizes.contains(1)) {
                            pass.evaluate(cfKey(method, feature, epoch, 1), BenchmarkPass.embeddingScorer(factors),
                                    millis.get(epoch)[0], List.of());
                        }
                        if (members > 1) {
                            kept.computeIfAbsent(epoch, e -> new ArrayList<>()).add(factors);
                        }
                        scoringNanos[0] += System.nanoTime() - s0;
                    }
                };
                WarpFactorisation.train(memberships, items, warp, config.concurrency(), pass.progress, listener);
                int size = member + 1;
                if (size > 1 && sizes.contains(size)) {
                    for (int epochs : counts) {
                        pass.evaluate(cfKey(method, feature, epochs, size), BenchmarkPass.embeddingScorer(
                                BenchmarkPass.ensembleOf(kept.get(epochs).subList(0, size))),
                                Arrays.stream(millis.get(epochs), 0, size).sum(), List.of());
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            counts.forEach(epochs -> sizes.stream().map(n -> cfKey(method, feature, epochs, n)).filter(pass::wants)
                    .forEach(key -> pass.skip(key, e.getMessage())));
        }
    }

    /** A CF-WARP variant; its knobs are the epoch count, and the ensemble size when over 1 (Cypher's integers). */
    private static RowKey cfKey(String method, String feature, int epochs, int ensembleSize) {
        return RowKey.of(method, feature, knobs("epochs", epochs, ensembleSize));
    }

    /** A Track2Vec(-Feature) variant; its knobs are word2vec's context window, and the ensemble size when over 1. */
    private static RowKey track2vecKey(String method, String feature, int windowSize, int ensembleSize) {
        return RowKey.of(method, feature, knobs("windowSize", windowSize, ensembleSize));
    }

    private static Map<String, Object> knobs(String grid, int value, int ensembleSize) {
        Map<String, Object> knobs = new LinkedHashMap<>();
        knobs.put(grid, (long) value);
        if (ensembleSize > 1) {
            knobs.put(ENSEMBLE_SIZE, (long) ensembleSize);
        }
        return knobs;
    }

    /**
     * The only caller of Track2Vec, and so of DL4J: nothing loads either unless methods include 'track2vec'. Per
     * window of {@code track2vecWindows}, the word2vec trainings (one per ensemble member, member m from
     * {@link RandomStreams#memberSeed}) that a row of this pass needs; each size's vectors feed the
     * {@code track2vec} row and every {@code track2vec-feature} row of that window and size.
     */
    void runTrack2Vec() {
        String absent = Track2VecSupport.absence();
        if (absent != null) {
            skipTrack2Vec(absent);
            return;
        }
        for (int window : config.track2vecWindows()) {
            List<Integer> sizes = config.baselineEnsembleSizes().stream()
                    .filter(n -> track2vecKeys(window, n).stream().anyMatch(pass::wants)).toList();
            if (sizes.isEmpty()) {
                continue; // none of this window's rows was selected on validation
            }
            int members = sizes.stream().max(Integer::compare).orElseThrow();
            long bytes = BenchmarkMemory.track2vecBytes(pass.trackNodeIds().length,
                    pass.data().memberships().membershipCount(), config.dimension())
                    + BenchmarkMemory.ensembleBytes(pass.trackNodeIds().length, config.dimension(), members, 1);
            boolean fitAll = true;
            for (int n : sizes) {
                for (RowKey key : track2vecKeys(window, n)) {
                    fitAll &= pass.fits(key, "track2vec (DL4J word2vec)", bytes);
                }
            }
            if (!fitAll) {
                continue;
            }
            List<float[][]> trained = new ArrayList<>();
            long trainMillis = 0;
            for (int member = 0; member < members; member++) {
                pass.progress.checkRunning();
                long start = System.currentTimeMillis();
                try {
                    Track2VecConfig settings = Track2VecConfig.parse(Map.of("dimension", config.dimension(),
                            "windowSize", window, "randomSeed", RandomStreams.memberSeed(pass.methodSeed, member)));
                    trained.add(Track2Vec.train(pass.trackNodeIds().length, pass.data().sequences(), settings,
                            pass.progress).trackVectors());
                } catch (NoClassDefFoundError e) {
                    skipTrack2Vec(Track2VecSupport.absence(e));
                    return;
                }
                trainMillis += System.currentTimeMillis() - start;
                int size = member + 1;
                if (sizes.contains(size)) {
                    float[][] vectors = size == 1 ? trained.get(0) : BenchmarkPass.ensembleOf(trained);
                    List<RowKey> keys = track2vecKeys(window, size);
                    pass.evaluate(keys.get(0), BenchmarkPass.embeddingScorer(vectors), trainMillis, List.of());
                    for (RowKey key : keys.subList(1, keys.size())) {
                        pass.withGroups(key, List.of(), groups -> BenchmarkPass.embeddingScorer(
                                ContentVectors.appendedTo(vectors, BenchmarkPass.unitRows(pass.content(groups)))));
                    }
                }
            }
        }
    }

    /** The rows of one window and ensemble size: {@code track2vec}, then a {@code track2vec-feature} per feature. */
    private List<RowKey> track2vecKeys(int window, int ensembleSize) {
        List<RowKey> keys = new ArrayList<>();
        keys.add(track2vecKey("track2vec", "none", window, ensembleSize));
        config.features().forEach(f -> keys.add(track2vecKey("track2vec-feature", f, window, ensembleSize)));
        return keys;
    }

    /** The track2vec rows this pass would report, skipped for {@code reason}. */
    private void skipTrack2Vec(String reason) {
        for (int window : config.track2vecWindows()) {
            for (int n : config.baselineEnsembleSizes()) {
                track2vecKeys(window, n).stream().filter(pass::wants).forEach(key -> pass.skip(key, reason));
            }
        }
    }
}
