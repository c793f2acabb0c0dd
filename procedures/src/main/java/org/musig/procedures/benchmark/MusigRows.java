package org.musig.procedures.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.musig.baselines.ContentVectors;
import org.musig.model.eval.TrackScorer;
import org.musig.model.nn.InputFeatures;
import org.musig.model.train.MusigTrainer;
import org.musig.model.train.TrainConfig;
import org.musig.model.train.TrainedModel;

/**
 * The benchmark's MUSIG rows: one training per regression target, feature choice, task-weight triple, training
 * variant and cold-start rate, each feeding a {@code musig} (or {@code musig-single-task}) row and a
 * {@code musig-feature} row. In the validation pass each row's epoch count is chosen too ({@link EpochChoice}); the
 * test pass and its repeats train exactly that many epochs.
 */
final class MusigRows {
    /** MUSIG's embedding with the track's content vector appended, as Track2Vec-Feature does to word2vec's. */
    static final String MUSIG_FEATURE = "musig-feature";
    /**
     * The knob of the {@code coldStartRates} axis; the others a row's knobs hold are the {@code train} settings that
     * leave the paper's model and its training variant's.
     */
    static final String COLD_START_RATE = "coldStartRate";

    private final BenchmarkPass pass;
    private final BenchmarkConfig config;
    /** Per MUSIG row label, its epoch count chosen on validation: what the test pass and its repeats train. */
    private final Map<String, EpochChoice> chosenEpochs = new HashMap<>();
    /** The settings of {@code train} that leave the paper's model (the cold-start rate aside), as given. */
    private final Map<String, Object> trainDepartures = new LinkedHashMap<>();
    /** Per MUSIG row label (musig and musig-feature alike), how its training was set up, for {@link #ensembles}. */
    private final Map<String, Training> trainings = new HashMap<>();
    /** The ensemble variants {@link #ensembles} tried on validation: later passes run them after the others. */
    private final List<Map<String, Object>> ensembleVariants = new ArrayList<>();

    /** One training's setup: the key of its plain row and what {@link #trainAndEvaluate} takes besides. */
    private record Training(RowKey key, String target, double coldStartRate, Map<String, Object> variant,
                            List<String> groups) {
    }

    MusigRows(BenchmarkPass pass) {
        this.pass = pass;
        this.config = pass.config;
        TrainConfig.parse(config.train()).departuresFromPaper().stream()
                .filter(key -> !key.equals(COLD_START_RATE) && config.train().containsKey(key))
                .forEach(key -> trainDepartures.put(key, config.train().get(key)));
    }

    void run() {
        List<String> targets = config.regressionTargets().stream().filter(pass::has).toList();
        for (String target : config.regressionTargets()) {
            if (!pass.has(target)) {
                // The paper's model with that target (its features are the target's group) cannot run here.
                pass.skip(new RowKey("musig", target, null, target, null), "no track has '" + target
                        + "' features to regress" + (targets.isEmpty()
                                ? "; the rows with regressionTarget 'none' train without the similarity task"
                                : ""));
            }
        }
        if (targets.isEmpty()) { // graph-only data: MUSIG still runs, without the similarity task
            targets = java.util.Collections.singletonList(null);
        }
        for (String target : targets) {
            // Table 3 varies the regression target over the audio/acoustic inputs only.
            List<String> features = target == null || target.equals("audio") ? config.features()
                    : config.features().stream().filter(f -> f.equals("audio") || f.equals("acoustic")).toList();
            java.util.Set<java.util.Set<String>> groupSets = new java.util.HashSet<>();
            for (String f : features) {
                List<String> groups = pass.groupsOf(f);
                if (groups != null && !groupSets.add(java.util.Set.copyOf(groups))) {
                    continue; // the same inputs as an earlier choice on this data ('all' is 'popularity' without audio)
                }
                java.util.Set<List<Double>> trained = new java.util.HashSet<>();
                for (List<Double> weights : config.taskGrid()) {
                    List<Double> effective = effectiveWeights(weights, target);
                    if (!trained.add(proportionFree(effective))) {
                        continue; // the same training as an earlier grid entry on this data
                    }
                    String method = effective.get(1) == 0 && effective.get(2) == 0 ? "musig-single-task" : "musig";
                    String targetName = target == null ? "none" : target;
                    if (groups == null) {
                        pass.skip(new RowKey(method, f, weights, targetName, null),
                                "no track has '" + f + "' features");
                        continue;
                    }
                    for (Map<String, Object> variant : variants()) {
                        for (double rate : config.coldStartRates()) {
                            trainAndEvaluate(new RowKey(method, f, weights, targetName, knobs(rate, variant)), target,
                                    rate, variant, groups);
                        }
                    }
                }
            }
        }
    }

    /** {@code trainVariants}, then the ensemble variants validation added that they do not hold. */
    private List<Map<String, Object>> variants() {
        List<Map<String, Object>> variants = new ArrayList<>(config.trainVariants());
        ensembleVariants.stream().filter(v -> !variants.contains(v)).forEach(variants::add);
        return variants;
    }

    /**
     * {@code ensembleSizes}, in the validation pass once every variant has run: the best variant of each extension
     * family (MUSIG extended, MUSIG-Feature) trained again as an n-member ensemble for each size, on the same
     * playlists, so that the selection that follows may prefer it. An ensemble of every variant would multiply the
     * whole grid's cost by its members; this costs n trainings per size and family. The paper's family is left as
     * the paper defines it: an ensemble is an extension.
     */
    void ensembles(List<BenchmarkRow> validationRows) {
        Map<String, BenchmarkRow> best = new LinkedHashMap<>();
        for (BenchmarkRow row : validationRows) {
            if (row.hitRate() != null && trainings.containsKey(row.label()) && !row.origin().equals("paper")) {
                // Of equal hit rates the first to run, as the selection breaks ties.
                best.merge(BenchmarkRun.familyOf(row.method(), row.origin()), row,
                        (first, other) -> other.hitRate() > first.hitRate() ? other : first);
            }
        }
        java.util.Set<String> tried = new java.util.HashSet<>();
        for (BenchmarkRow chosen : best.values()) {
            Training training = trainings.get(chosen.label());
            for (int size : config.ensembleSizes()) {
                Map<String, Object> variant = new LinkedHashMap<>(training.variant());
                variant.put(LearnedBaselineRows.ENSEMBLE_SIZE, (long) size);
                RowKey key = new RowKey(training.key().method(), training.key().features(),
                        training.key().taskWeights(), training.key().regressionTarget(),
                        knobs(training.coldStartRate(), variant));
                if (tried.add(key.label())) {
                    if (!ensembleVariants.contains(variant)) {
                        ensembleVariants.add(variant);
                    }
                    trainAndEvaluate(key, training.target(), training.coldStartRate(), variant, training.groups());
                }
            }
        }
    }

    /**
     * A MUSIG variant's knobs besides features, task weights and target: the cold-start rate, the {@code train}
     * settings that leave the paper's model (so that a row says why it is an extension), then the variant's.
     */
    private Map<String, Object> knobs(double coldStartRate, Map<String, Object> variant) {
        Map<String, Object> knobs = new LinkedHashMap<>();
        knobs.put(COLD_START_RATE, coldStartRate);
        knobs.putAll(trainDepartures);
        knobs.putAll(variant);
        return knobs;
    }

    /**
     * Task weights scaled so that the largest is 1: weights in proportion train the same model, as Adam's steps do not
     * depend on the loss's scale (beyond its epsilon) and early stopping reads the loss's relative change. Without
     * genre or audio labels every grid entry is the playlist task alone, (1, 0, 0), whatever its weight.
     */
    private static List<Double> proportionFree(List<Double> weights) {
        double largest = weights.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return largest == 0 ? weights : weights.stream().map(w -> w / largest).toList();
    }

    /** The grid entry as trained on this data: a task without labels gets weight 0. */
    private List<Double> effectiveWeights(List<Double> weights, String target) {
        boolean genres = pass.data().graph().features().tracksWithGenre() >= 2;
        return List.of(weights.get(0), genres ? weights.get(1) : 0.0, target == null ? 0.0 : weights.get(2));
    }

    /**
     * One MUSIG training and the rows it feeds: the plain embedding ({@code key}), and the one with the content
     * vector appended ({@code musig-feature}). In the validation pass of a selection each row's validation hit rate
     * is measured after every epoch ({@link EpochChoice}) and the row scores its best epoch; training stops at
     * {@code train.epochs} or when every row has gone {@code patience} epochs without a better one. On test (and
     * its repeats) each selected row is the training's snapshot after the epoch count chosen for it on validation.
     * While exploring, the rows are the trained model's.
     */
    private void trainAndEvaluate(RowKey key, String target, double coldStartRate, Map<String, Object> variant,
                                  List<String> groups) {
        List<Output> outputs = new ArrayList<>();
        if (config.methods().contains("musig") && pass.wants(key)) {
            outputs.add(new Output(key, false));
        }
        RowKey appendedKey = key.withMethod(MUSIG_FEATURE);
        if (config.methods().contains(MUSIG_FEATURE) && pass.wants(appendedKey)) {
            if (InputFeatures.LEARNED_TABLES.containsAll(groups)) {
                pass.skip(appendedKey, "no content to append: " + groups + " are embedding tables learned in training");
            } else {
                outputs.add(new Output(appendedKey, true));
            }
        }
        if (outputs.isEmpty()) {
            return;
        }
        Training training = new Training(key, target, coldStartRate, variant, groups);
        outputs.forEach(output -> trainings.put(output.key.label(), training));
        boolean choosing = pass.choosingEpochs;
        for (Output output : outputs) {
            output.choice = choosing ? null : chosenEpochs.get(output.key.label());
        }
        pass.progress.checkRunning();
        long start = System.nanoTime();
        long[] evaluateNanos = new long[1]; // spent scoring snapshots during training: not training time
        // musig-feature's part of the vectors, the same for every snapshot.
        Supplier<float[][]> unitContent = memoised(() -> BenchmarkPass.unitRows(pass.content(groups)));
        TrainConfig settings;
        TrainedModel model;
        try {
            // On test, train as far as the furthest epoch chosen on validation; the rows take their own snapshots.
            Integer epochs = choosing ? null : outputs.stream().filter(o -> o.choice != null)
                    .map(o -> o.choice.bestEpoch()).max(Integer::compare).orElse(null);
            settings = config.musigConfig(groups, key.taskWeights(), target == null ? "audio" : target, coldStartRate,
                    variant, pass.methodSeed, epochs);
            if (choosing) {
                int maxEpochs = settings.epochs();
                outputs.forEach(o -> o.choice = new EpochChoice(config.patience(), maxEpochs));
            }
            long bytes = MusigTrainer.estimateBytes(pass.data().graph().graph(), pass.data().graph().features(),
                    settings) + BenchmarkMemory.vectorBytes(pass.trackNodeIds().length, settings.outputDimension());
            boolean fitAll = true;
            for (Output output : outputs) {
                fitAll &= pass.fits(output.key, "MUSIG training", bytes);
            }
            if (!fitAll) {
                return;
            }
            TrainConfig trained = settings;
            MusigTrainer.EpochListener listener = outputs.stream().allMatch(o -> o.choice == null) ? null
                    : (epoch, snapshot) -> {
                        long e0 = System.nanoTime();
                        float[][] vectors = null;
                        long trainMillis = 0;
                        for (Output output : outputs) {
                            if (output.scoresEpoch(epoch, choosing)) {
                                if (vectors == null) {
                                    vectors = embedAll(snapshot, trained);
                                    trainMillis = (System.nanoTime() - start - evaluateNanos[0]) / 1_000_000;
                                }
                                // Validation needs only the hit rate: the full-catalogue ranking is left out there.
                                BenchmarkPass.Scored scored =
                                        pass.score(output.key, output.scorer(vectors, unitContent),
                                                !choosing && config.fullCatalogue());
                                if (!choosing || output.choice.record(scored.result().hitRate())) {
                                    output.keep(scored, snapshot.summary(), trainMillis);
                                }
                            }
                        }
                        evaluateNanos[0] += System.nanoTime() - e0;
                        return outputs.stream().anyMatch(o -> o.trainsOn(epoch, choosing));
                    };
            model = MusigTrainer.train(pass.data().graph().graph(), pass.data().graph().features(), settings,
                    pass.progress, listener);
            float[][] vectors = null;
            long trainMillis = 0;
            for (Output output : outputs) {
                if (output.scored == null) { // exploring, or the training loss stalled before the chosen epoch
                    if (vectors == null) {
                        vectors = embedAll(model, settings);
                        trainMillis = (System.nanoTime() - start - evaluateNanos[0]) / 1_000_000;
                    }
                    output.keep(pass.score(output.key, output.scorer(vectors, unitContent), config.fullCatalogue()),
                            model.summary(), trainMillis);
                }
            }
        } catch (IllegalArgumentException e) {
            outputs.forEach(output -> pass.skip(output.key, e.getMessage()));
            return;
        }
        for (Output output : outputs) {
            List<String> notices = new ArrayList<>(output.summary.notices());
            if (output.choice != null) {
                notices.add(output.choice.notice());
                if (output.summary.epochsRun() < output.choice.bestEpoch()) {
                    notices.add("the training loss stalled (train.tolerance) after " + output.summary.epochsRun()
                            + " epochs, before the " + output.choice.bestEpoch() + " chosen on validation");
                }
            }
            if (choosing) {
                chosenEpochs.put(output.key.label(), output.choice);
            }
            List<String> tasks = output.summary.losses().keySet().stream().filter(t -> !t.equals("total")).toList();
            long epochsRun = output.summary.epochsRun();
            pass.replace(pass.addRow(output.key, output.scored, output.trainMillis, notices),
                    row -> row.withTraining(epochsRun, tasks));
        }
    }

    /** Every track's embedding under {@code model}, as the benchmark scores it. */
    private float[][] embedAll(TrainedModel model, TrainConfig settings) {
        int[] all = java.util.stream.IntStream.range(0, pass.trackNodeIds().length).toArray();
        return model.embed(pass.data().graph().graph(), pass.data().graph().features(), all, settings.randomSeed(),
                settings.concurrency(), pass.progress);
    }

    /** {@code value}, computed on first use and kept. */
    private static <T> Supplier<T> memoised(Supplier<T> value) {
        Object[] kept = new Object[1];
        return () -> {
            if (kept[0] == null) {
                kept[0] = value.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) kept[0];
            return t;
        };
    }

    /** A row one MUSIG training feeds, and what it has scored so far. */
    private static final class Output {
        final RowKey key;
        final boolean appended;
        /** Validation pass: the choice being made; test pass: the choice made (null: none, train as configured). */
        EpochChoice choice;
        BenchmarkPass.Scored scored;
        TrainedModel.TrainingSummary summary;
        long trainMillis;

        Output(RowKey key, boolean appended) {
            this.key = key;
            this.appended = appended;
        }

        /** The row's scorer: the embedding, or (musig-feature) the embedding with the content vector appended. */
        TrackScorer scorer(float[][] vectors, Supplier<float[][]> unitContent) {
            return BenchmarkPass.embeddingScorer(
                    appended ? ContentVectors.appendedTo(vectors, unitContent.get()) : vectors);
        }

        /** Whether the snapshot after {@code epoch} is scored for this row. */
        boolean scoresEpoch(int epoch, boolean choosing) {
            if (choice == null) {
                return false;
            }
            return choosing ? !choice.exhausted() : epoch == choice.bestEpoch();
        }

        /** Whether this row needs the epochs after {@code epoch}. */
        boolean trainsOn(int epoch, boolean choosing) {
            if (choice == null) {
                return true;
            }
            return choosing ? !choice.exhausted() : epoch < choice.bestEpoch();
        }

        void keep(BenchmarkPass.Scored scored, TrainedModel.TrainingSummary summary, long trainMillis) {
            this.scored = scored;
            this.summary = summary;
            this.trainMillis = trainMillis;
        }
    }
}
