package org.musig.model.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.common.config.Choice;
import org.musig.common.config.RecordSettings;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;
import org.musig.model.sample.WalkNeighbourhoods;

/**
 * What {@code musig.train} is asked to do: the aggregator's shape, the sampling, the input feature groups,
 * the three tasks' weights and the optimisation. Parsed once from the user's map, validated, immutable.
 * Each component is the setting of the same name in {@link #SETTINGS}, whose declaration holds its default,
 * range and meaning (the documentation's table is rendered from them).
 *
 * <p>{@code features} are the input groups: 'genre', 'popularity', 'audio', 'acoustic' (the paper's), 'artist',
 * 'album' (vectors learned from the training playlists, see CategoryFactors), 'year' (the release year,
 * z-scored) and 'title' (the name and album name's words, see TitleEncoder). They stay strings: they are the
 * feature table's group names, which the model stores.
 * {@code maxPairsPerEpoch} is {@link #ALL_PAIRS} for every edge once.
 */
public record TrainConfig(int embeddingDimension, List<Integer> sampleSizes, Activation activation, Sampling sampling,
                          PositiveSampling positives, List<String> features, int topGenres, int metadataDimension,
                          int titleDimension,
                          int negativeSamples,
                          NegativeSampling negativeSampler, double hardNegatives, PlaylistLoss playlistLoss,
                          double temperature, Map<String, Double> taskWeights,
                          RegressionTarget regressionTarget, double learningRate, int batchSize, int epochs,
                          long maxPairsPerEpoch, double tolerance, boolean maskPartner, double coldStartRate,
                          double unknownIdRate,
                          int embedDraws, int ensembleSize, long randomSeed, int concurrency) {

    public static final String OWNER = "musig.train";
    public static final List<String> FEATURE_GROUPS = List.of("genre", "popularity", "audio", "acoustic", "artist",
            "album", "year", "title", "artistId", "albumId", "track");
    /**
     * The paper's four input groups (section 3.2); 'artist', 'album', 'year', 'title' and the learned tables
     * 'artistId', 'albumId' and 'track' are this product's extension.
     */
    public static final List<String> PAPER_FEATURE_GROUPS = List.of("genre", "popularity", "audio", "acoustic");
    public static final List<String> DEFAULT_FEATURES = List.of("genre", "popularity", "audio");
    public static final List<String> TASKS = List.of("playlist", "genre", "audio");
    public static final long ALL_PAIRS = Long.MAX_VALUE;

    /** The non-linearity between aggregator layers. */
    public enum Activation implements Choice { RELU, SIGMOID }

    /** How a node's neighbours are sampled. */
    public enum Sampling implements Choice { UNIFORM, WEIGHTED, WALK }

    /** How the playlist task's positive pairs are drawn each epoch. */
    public enum PositiveSampling implements Choice {
        EDGES, WEIGHTED, PLAYLISTS
    }

    /** Where negatives are drawn from: by degree^0.75 (as word2vec) or uniformly. */
    public enum NegativeSampling implements Choice {
        DEGREE, UNIFORM
    }

    /** How the playlist task turns its pairs into a loss. */
    public enum PlaylistLoss implements Choice {
        PAIRS, SOFTMAX
    }

    /** The feature group the similarity task regresses; the text is the group's name. */
    public enum RegressionTarget implements Choice {
        AUDIO, ACOUSTIC
    }

    /**
     * Every setting, in the documentation's order. The record's components are these, by name
     * ({@link RecordSettings}): a new setting is a declaration here and a component above.
     */
    public static final Settings SETTINGS = Settings.of(OWNER,
            Setting.integer("embeddingDimension", 64, 1, 4096, "width of every aggregator layer and of the embeddings"),
            Setting.integerList("sampleSizes", List.of(25, 10), 1, 5, 1, 1000,
                    "neighbours sampled per layer, root outwards (one entry per layer)"),
            Setting.choice("activation", Activation.class, Activation.RELU,
                    "non-linearity between layers: `'relu'` or `'sigmoid'` (the last layer is linear)"),
            Setting.choice("sampling", Sampling.class, Sampling.UNIFORM,
                    "neighbour sampling: `'uniform'`, `'weighted'` by co-occurrence weight, or `'walk'`: "
                            + "PinSAGE's importance neighbourhoods (the " + WalkNeighbourhoods.TOP + " tracks that "
                            + WalkNeighbourhoods.WALKS + " random walks of " + WalkNeighbourhoods.HOPS
                            + " steps from the "
                            + "track, stepping by co-occurrence weight, visit most; drawn in proportion to their visits)")
                    .paperValue(Sampling.UNIFORM),
            Setting.choice("positives", PositiveSampling.class, PositiveSampling.EDGES,
                    "the playlist task's positive pairs per epoch: `'edges'`, every co-occurrence edge once in a random "
                            + "order; `'weighted'`, edges drawn with replacement in proportion to their "
                            + "co-occurrence weight; or `'playlists'`, each track of each training playlist once, "
                            + "paired with another track of that playlist drawn at random, so tracks that "
                            + "`minWeight` leaves without an edge are trained too (negatives then by the number of "
                            + "training playlists holding a track, not by degree). Left out, with `features` left out "
                            + "too, on data with none of " + codeList(ReleaseDayDefaults.PAPER_CONTENT_GROUPS) + ": `'"
                            + ReleaseDayDefaults.POSITIVES.text() + "'`")
                    .paperValue(PositiveSampling.EDGES),
            Setting.stringList("features", DEFAULT_FEATURES, "any of `genre`, `popularity`, `audio`, `acoustic` (the "
                    + "paper's groups), `artist`, `album`, `year`, `title`, `artistId`, `albumId`, `track` (our "
                    + "extension; `artist` and `album` are vectors fitted from the playlists before training, `year` is "
                    + "the release year read from `Track.releaseDate`, z-scored; `title` the words of the name and album "
                    + "name; `artistId`, `albumId` and `track` are embedding tables learned in training, a row per "
                    + "artist, album or track of the tracks training reaches (those with an edge; with `positives: "
                    + "'playlists'`, every track of a training playlist) and an 'unknown' row for any other). Left out "
                    + "on data with none of " + codeList(ReleaseDayDefaults.PAPER_CONTENT_GROUPS) + ": those of "
                    + codeList(ReleaseDayDefaults.GROUPS) + " the data has (see the defaults on data without audio)")
                    .check(groups -> groups.stream().filter(g -> !FEATURE_GROUPS.contains(g)).findFirst()
                            .map(g -> "configuration key 'features' has unknown group '" + g + "'; valid groups are "
                                    + FEATURE_GROUPS)
                            .orElse(null))
                    .check(groups -> groups.isEmpty()
                            ? "configuration key 'features' must name at least one of " + FEATURE_GROUPS : null)
                    .check(groups -> groups.stream().distinct().count() != groups.size()
                            ? "configuration key 'features' names a group twice: " + groups : null),
            Setting.integer("topGenres", 50, 0, 100_000, "width of the genre one-hot (the most frequent genres)"),
            Setting.integer("metadataDimension", 32, 1, 512, "width of each artist and album vector"),
            Setting.integer("titleDimension", 64, 1, 512, "width of the title vector"),
            Setting.integer("negativeSamples", 1, 1, 100, "negatives per positive pair"),
            Setting.choice("negativeSampler", NegativeSampling.class, NegativeSampling.DEGREE,
                    "where negatives are drawn from: `'degree'` (degree^0.75, as word2vec; with `positives: "
                            + "'playlists'`, playlist count^0.75, the count of training playlists holding the track) "
                            + "or `'uniform'`"),
            Setting.number("hardNegatives", 0, 0, 1, "share of each anchor's negatives drawn hard (PinSAGE's hard "
                    + "negatives): a track two hops from the anchor that is not its neighbour, found by a short random "
                    + "walk (an ordinary negative where none is found); `0` draws only ordinary ones")
                    .paperValue(0.0),
            Setting.choice("playlistLoss", PlaylistLoss.class, PlaylistLoss.PAIRS,
                    "the playlist task's loss: `'pairs'`, each positive and negative pair scored by the task's head, "
                            + "binary cross-entropy; or `'softmax'`, each anchor's positive against every other "
                            + "positive and negative of its shard of " + ShardWorker.SHARD_PAIRS + " pairs (those of "
                            + "the anchor's or the positive's own track left out), a softmax over their cosines (the "
                            + "score ranking uses) divided by `temperature`")
                    .paperValue(PlaylistLoss.PAIRS),
            Setting.number("temperature", 1.0, 0.01, 100, "the softmax's temperature with `playlistLoss: "
                    + "'softmax'`: lower values weigh the hardest negatives of the shard more"),
            Setting.numberMap("taskWeights", equalTaskWeights(), 0, 1e6,
                    "c1, c2, c3 of the paper's eq. 6, by task; at least one > 0")
                    .check(weights -> weights.values().stream().allMatch(w -> w == 0)
                            ? "configuration key 'taskWeights' must give at least one task a weight > 0, got " + weights
                            : null),
            Setting.choice("regressionTarget", RegressionTarget.class, RegressionTarget.AUDIO,
                    "the feature group the `audio` task regresses: `'audio'` or `'acoustic'`"),
            Setting.number("learningRate", 0.01, Double.MIN_NORMAL, 1e3, "Adam's step size"),
            Setting.integer("batchSize", 512, 1, 1 << 20, "pairs per step"),
            Setting.integer("epochs", 5, 1, 10_000,
                    "an epoch visits every edge (with `positives: 'playlists'`, every membership) once, or "
                            + "`maxPairsPerEpoch` of them"),
            Setting.longInteger("maxPairsPerEpoch", ALL_PAIRS, 1, Long.MAX_VALUE, "cap on pairs per epoch")
                    .shownAs("all edges"),
            Setting.number("tolerance", 1e-4, 0, 1,
                    "stop early when the epoch loss improves by less than this (relative)"),
            Setting.bool("maskPartner", false, "keep each positive pair's partner out of the other track's sampled "
                    + "first hop (redrawn, or the track itself when the partner was its only neighbour), as a held-out "
                    + "track is out of the seed's neighbourhood at evaluation. Measured on validation playlists "
                    + "(2026-12-06): no gain (playlist archive 0.753 vs 0.756, TidyTuesday 0.805 vs 0.806), so off by "
                    + "default")
                    .paperValue(false),
            // The default 0.5 raised the held-out hit rate on the bundled playlists, where most held-out tracks are
            // cold, from 0.72 to 0.80 (docs/benchmark.md, 2026-11-25).
            Setting.number("coldStartRate", 0.5, 0, 0.95, "share of training roots embedded as if they had no "
                    + "neighbours (see Cold start above)").paperValue(0.0),
            // The default 0.3 was chosen on validation playlists of the playlist archive, the bundled playlists and
            // the synthetic MPD slices, and lifted MUSIG's held-out hit rate on all three (docs/benchmark.md,
            // 2026-12-07). It changes nothing for a model without artist or album inputs (the paper's).
            Setting.number("unknownIdRate", 0.3, 0, 0.95,
                    "share of training tracks treated as by an artist (and, drawn "
                            + "apart, on an album) outside the training graph for the whole training: their `artist` and "
                            + "`album` vectors are the missing ones and their `artistId` and `albumId` rows the tables' "
                            + "unknown row, as a new artist's release has at embedding time, so that the model learns to "
                            + "place such tracks from their other inputs (the title, the audio); `0` trains no such track"),
            Setting.integer("embedDraws", 1, 1, 64, "neighbourhood samples averaged into each embedding when the "
                    + "model embeds tracks (`musig.embed.write`, the benchmark): more draws, less sampling noise, "
                    + "that many times the embedding's cost").paperValue(1),
            Setting.integer("ensembleSize", 1, 1, 16, "models trained side by side from independent random streams "
                    + "(member 0 is the model this seed trains alone); a track's embedding is the members' unit vectors "
                    + "concatenated and scaled by 1/sqrt(n), so its cosine to another is the members' mean cosine. "
                    + "n times the training and embedding time and the parameters, n x `embeddingDimension` wide")
                    .paperValue(1),
            Setting.longInteger("randomSeed", 42, Long.MIN_VALUE, Long.MAX_VALUE,
                    "seeds every random stream: the same seed and graph give the same model"),
            Setting.integer("concurrency", 2, 1, 1024, "training threads; a batch is split into shards of "
                    + ShardWorker.SHARD_PAIRS + " pairs, so at most `batchSize` / " + ShardWorker.SHARD_PAIRS
                    + " threads share one batch, whatever the concurrency"));

    private static final RecordSettings<TrainConfig> RECORD = RecordSettings.of(TrainConfig.class, SETTINGS);

    /** Every key {@link #parse} accepts. */
    public static final List<String> KEYS = SETTINGS.keys();

    public TrainConfig {
        sampleSizes = List.copyOf(sampleSizes);
        features = List.copyOf(features);
        taskWeights = Collections.unmodifiableMap(new LinkedHashMap<>(taskWeights));
    }

    /** The defaults (what {@code parse(Map.of())} gives). */
    public static TrainConfig defaults() {
        return parse(Map.of());
    }

    /** Parses and validates a user's map; every problem is an {@link IllegalArgumentException} naming the key. */
    public static TrainConfig parse(Map<String, Object> raw) {
        return RECORD.parse(raw);
    }

    /**
     * A stored model's configuration. A setting declared after the model was stored takes its default, which is what
     * training did before it existed, except where the default has changed since: those take the earlier value.
     */
    public static TrainConfig parseStored(Map<String, Object> stored) {
        Map<String, Object> raw = new LinkedHashMap<>(stored);
        raw.putIfAbsent("unknownIdRate", 0.0); // declared with 0; its default became 0.3 (2026-12-07)
        return parse(raw);
    }

    /** The configuration from values parsed by {@link #SETTINGS} or by a list that includes them. */
    public static TrainConfig from(Settings.Values values) {
        return RECORD.from(values);
    }

    /** `a`, `b`, `c` for documentation text. */
    private static String codeList(List<String> names) {
        return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
    }

    private static Map<String, Double> equalTaskWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String task : TASKS) {
            weights.put(task, 1.0);
        }
        return weights;
    }

    /** Width of the embeddings the model writes: every ensemble member's vector, side by side. */
    public int outputDimension() {
        return embeddingDimension * ensembleSize;
    }

    /**
     * The settings whose value here is not the paper's model's ({@code coldStartRate} among them unless it is 0),
     * in the documentation's order; the feature groups are apart ({@link #PAPER_FEATURE_GROUPS}).
     */
    public List<String> departuresFromPaper() {
        return SETTINGS.parse(toMap()).departuresFromPaper();
    }

    /** Number of aggregator layers (the paper's K). */
    public int layers() {
        return sampleSizes.size();
    }

    public double taskWeight(String task) {
        return taskWeights.getOrDefault(task, 0.0);
    }

    /** The same configuration with another concurrency (which does not change the trained model). */
    public TrainConfig withConcurrency(int newConcurrency) {
        Map<String, Object> map = toMap();
        map.put("concurrency", newConcurrency);
        return parse(map);
    }

    /** Every setting by its key, in the form {@link #parse} accepts (the effective configuration, for output and storage). */
    public Map<String, Object> toMap() {
        return RECORD.toMap(this);
    }
}
