package org.musig.model.nn;

import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.io.BoundedInput;
import org.musig.model.parallel.ParallelTasks;
import org.musig.model.sample.RandomStreams;

/**
 * How a track's raw features become the network's input vector h^0, with the normalisation statistics
 * taken from the training tracks. It is part of a trained model: a track added later is encoded with the
 * same columns and the same means and deviations, so its embedding is comparable with the old ones.
 *
 * <p>Columns, in this order, for the groups chosen: first the dense ones -
 * <ul>
 *   <li>popularity: the log-scaled playlist share as given; then, if the training data had source
 *       popularity, that value and a "source popularity missing" column. A missing source popularity is
 *       replaced by the training mean: a neutral value, and the indicator lets the network learn
 *       anything else it needs.</li>
 *   <li>audio, acoustic: z-scored with the mean and deviation of the training tracks that have them
 *       (a constant column divides by 1), clamped to +-{@value #Z_CLAMP}; a track without the group gets
 *       zeros (the mean) and a 1 in the group's "missing" column;</li>
 * </ul>
 * then the artist and album vectors ({@link CategoryFactors}) and the title vector ({@link TitleEncoder}),
 * each with a "missing" column; then the one-hot groups: the genre one-hot over the model's top-N genre names + a
 * "no genre" column (a genre outside the top N gives all zeros: rare genre), then the learned tables
 * ({@code artistId}, {@code albumId}, {@code track}): a column per artist, album or track of the training graph and
 * an "unknown" column for any other, so that the network's rows for these columns are embeddings learned end to end.
 * Genres and ids are matched by name, so a later feature table may number them differently. The one-hot groups are
 * kept as one column index per track and group ({@link Encoded#oneHot}), not as floats: gathering a batch then reads
 * one small dense row plus a few indices per neighbour instead of mostly-zero floats.
 * Every value is finite: the raw groups refuse NaN and the arithmetic cannot create one. Immutable.
 */
public final class InputFeatures {
    /** Z-scores are clamped here so one wild value in a later feature table cannot blow up an embedding. */
    static final float Z_CLAMP = 10f;
    /** Width of an artist or album vector when the caller does not say. */
    public static final int DEFAULT_FACTOR_DIMENSION = 32;
    /** Width of the title vector when the caller does not say. */
    public static final int DEFAULT_TITLE_DIMENSION = 64;
    /** Widest artist or album vector a stored model may claim (training allows at most 512). */
    static final int MAX_FACTOR_DIMENSION = 4096;

    private final List<String> genreColumns; // null: genre not an input
    private final boolean popularity;
    private final boolean sourcePopularity;
    private final float sourcePopularityMean;
    private final List<ZScoredGroup> numericGroups;
    private final List<FactorGroup> factorGroups;
    private final TitleEncoder title; // null: title not an input
    private final List<TableGroup> tableGroups;
    private final int denseDimension;
    private final int oneHotWidth;

    /**
     * An encoded table: the dense columns row-major {@code [tracks, denseDimension]}, and per track and one-hot group
     * the index of its hot column, or -1 when none is hot ({@code [tracks, slots]}; one group of -1s when the model
     * has none). A root trained as a cold track takes group g's {@code coldColumns[g]} instead of its own (-1: keeps
     * its own): the track table's "unknown" column, since a cold track has no row of its own.
     */
    public record Encoded(float[] dense, int[] oneHot, int slots, int[] coldColumns) {
        /** A table with one one-hot group, whose cold roots keep their columns. */
        public Encoded(float[] dense, int[] oneHot) {
            this(dense, oneHot, 1, new int[] {-1});
        }
    }

    /** The groups whose vectors are fitted from the training playlists before training ({@link CategoryFactors}). */
    public static final List<String> FACTOR_GROUPS = List.of(TrackFeatures.ARTIST, TrackFeatures.ALBUM);

    /** The learned tables' groups: embedding rows trained with the network, so not content a baseline can use. */
    public static final List<String> LEARNED_TABLES = List.of("artistId", "albumId", TrackFeatures.TRACK);
    /** The groups known on release day and the learned tables: what a collection without audio or genres has. */
    private static final List<String> RELEASE_DAY_AND_TABLES = java.util.stream.Stream.of(FACTOR_GROUPS,
            List.of(TrackFeatures.TITLE, TrackFeatures.YEAR), LEARNED_TABLES).flatMap(List::stream).toList();

    /**
     * A learned table (artistId, albumId, track): the values that tracks of the training graph have, each a
     * one-hot column, and one more column for every other value ("unknown").
     */
    record TableGroup(String name, List<String> vocabulary) {
        TableGroup {
            vocabulary = List.copyOf(vocabulary);
        }

        int columns() {
            return vocabulary.size() + 1;
        }
    }

    /** The feature table's category a learned table reads ('artistId' reads 'artist', 'track' reads 'track'). */
    public static String categoryOf(String table) {
        return table.endsWith("Id") ? table.substring(0, table.length() - 2) : table;
    }

    /**
     * A categorical group (artist, album): the values the training playlists hold, each with its
     * {@link CategoryFactors} vector ({@code factors} row-major {@code [vocabulary, dimension]}).
     */
    record FactorGroup(String name, List<String> vocabulary, int dimension, float[] factors) {
        FactorGroup {
            vocabulary = List.copyOf(vocabulary);
        }
    }

    /** A numeric group's name and per-column training mean and deviation. */
    record ZScoredGroup(String name, float[] mean, float[] deviation) {
        int dimension() {
            return mean.length;
        }
    }

    private InputFeatures(List<String> genreColumns, boolean popularity, boolean sourcePopularity,
                          float sourcePopularityMean, List<ZScoredGroup> numericGroups, List<FactorGroup> factorGroups,
                          TitleEncoder title, List<TableGroup> tableGroups) {
        this.genreColumns = genreColumns == null ? null : List.copyOf(genreColumns);
        this.popularity = popularity;
        this.sourcePopularity = sourcePopularity;
        this.sourcePopularityMean = sourcePopularityMean;
        this.numericGroups = List.copyOf(numericGroups);
        this.factorGroups = List.copyOf(factorGroups);
        this.title = title;
        this.tableGroups = List.copyOf(tableGroups);
        int d = popularity ? (sourcePopularity ? 3 : 1) : 0;
        for (ZScoredGroup g : numericGroups) {
            d += g.dimension() + 1;
        }
        for (FactorGroup g : factorGroups) {
            d += g.dimension() + 1;
        }
        if (title != null) {
            d += title.dimension() + 1;
        }
        this.denseDimension = d;
        int oneHot = genreColumns == null ? 0 : genreColumns.size() + 1;
        for (TableGroup g : tableGroups) {
            oneHot = Math.addExact(oneHot, g.columns());
        }
        this.oneHotWidth = oneHot;
    }

    /**
     * Chooses the columns and computes the statistics from the training table.
     *
     * @param groups    requested groups ('genre', 'popularity', 'audio', 'acoustic')
     * @param topGenres one-hot width
     * @param notices   receives a line for each requested group the data does not have (it is left out)
     * @throws IllegalArgumentException if none of the requested groups is in the data
     */
    public static InputFeatures fit(TrackFeatures features, List<String> groups, int topGenres, List<String> notices) {
        return fit(features, groups, topGenres, DEFAULT_FACTOR_DIMENSION, 0, notices);
    }

    /**
     * As {@link #fit(TrackFeatures, List, int, List)}, with the width of the artist and album vectors and the
     * seed of their randomized SVD.
     */
    public static InputFeatures fit(TrackFeatures features, List<String> groups, int topGenres, int factorDimension,
                                    long seed, List<String> notices) {
        return fit(features, groups, topGenres, factorDimension, DEFAULT_TITLE_DIMENSION, seed, notices);
    }

    /** As {@link #fit(TrackFeatures, List, int, int, long, List)}, with the width of the title vector. */
    public static InputFeatures fit(TrackFeatures features, List<String> groups, int topGenres, int factorDimension,
                                    int titleDimension, long seed, List<String> notices) {
        return fit(features, groups, topGenres, factorDimension, titleDimension, seed, 1, notices, null);
    }

    /**
     * As {@link #fit(TrackFeatures, List, int, int, int, long, List)}, fitting the artist, album and title vectors
     * on {@code threads} threads (the result is the same for any number), with the tracks the network trains on: a
     * learned table has a row for each value that one of them has ({@code null}: the tracks some visible playlist
     * holds). A row no training example touches would stay at its random start, so any other value gets the
     * table's "unknown" row, which cold roots train.
     */
    public static InputFeatures fit(TrackFeatures features, List<String> groups, int topGenres, int factorDimension,
                                    int titleDimension, long seed, int threads, List<String> notices,
                                    boolean[] trainingTracks) {
        TitleEncoder title = null;
        List<TableGroup> tables = new ArrayList<>();
        List<FactorGroup> factors = new ArrayList<>();
        List<String> genreColumns = null;
        boolean popularity = false;
        boolean sourcePopularity = false;
        float sourceMean = 0;
        List<ZScoredGroup> numeric = new ArrayList<>();
        for (String group : groups) {
            String leftOut = absence(features, group);
            if (leftOut != null) {
                notices.add("feature group '" + group + "' left out: " + leftOut);
                continue;
            }
            switch (group) {
                case "genre" -> {
                    List<String> names = features.genreNames();
                    genreColumns = names.subList(0, Math.min(topGenres, names.size()));
                }
                case "popularity" -> {
                    popularity = true;
                    FeatureGroup source = features.group(TrackFeatures.SOURCE_POPULARITY);
                    if (source != null) {
                        sourcePopularity = true;
                        sourceMean = (float) columnMean(source, 0);
                    }
                }
                case "artist", "album" -> {
                    TrackCategory category = features.category(group);
                    factors.add(factorGroup(category, features, factorDimension, seed, threads));
                    int without = features.trackCount() - category.presentCount();
                    if (without > 0) {
                        notices.add("feature group '" + group + "': " + without + " of " + features.trackCount()
                                + " tracks have no " + group + " id or name; they get the group's missing column");
                    }
                }
                case "title" -> title = titleEncoder(features, titleDimension, seed, threads, notices);
                case "artistId", "albumId", TrackFeatures.TRACK -> {
                    tables.add(tableGroup(group, features,
                            trainingTracks == null ? visibleTracks(features) : trainingTracks));
                    int without = features.trackCount() - features.category(categoryOf(group)).presentCount();
                    if (without > 0) {
                        notices.add("feature group '" + group + "': " + without + " of " + features.trackCount()
                                + " tracks have no " + (group.equals(TrackFeatures.TRACK) ? "id"
                                        : categoryOf(group) + " id or name")
                                + "; they get the table's unknown row");
                    }
                }
                default -> numeric.add(zScoreStatistics(features.group(group)));
            }
        }
        boolean nothingButPopularity = genreColumns == null && numeric.isEmpty() && factors.isEmpty() && title == null
                && tables.isEmpty();
        if (nothingButPopularity && !popularity) {
            throw new IllegalArgumentException("none of the requested feature groups " + groups
                    + " is in the data; the model needs at least one input feature");
        }
        if (nothingButPopularity) {
            popularityOnlyNotice(features, groups, notices);
        }
        return new InputFeatures(genreColumns, popularity, sourcePopularity, sourceMean, numeric, factors, title,
                tables);
    }

    /**
     * Popularity as the only input, as the paper's groups leave it on a collection without audio or genres (the
     * Million Playlist Dataset's shape): tracks of like popularity then look alike to the model. The notice names the
     * groups the data has that were not asked for.
     */
    private static void popularityOnlyNotice(TrackFeatures features, List<String> groups, List<String> notices) {
        List<String> unused = RELEASE_DAY_AND_TABLES.stream()
                .filter(g -> !groups.contains(g) && absence(features, g) == null).toList();
        if (!unused.isEmpty()) {
            notices.add("popularity is the only input left, so tracks of like popularity look alike to the model; "
                    + "this data also has " + unused + ": add them to 'features', or leave 'features' out to train "
                    + "on the artist and title as the defaults do on data without audio (see "
                    + "docs/procedures/training.md)");
        }
    }

    /** Per value of the category, whether a training track has it. */
    private static boolean[] keptValues(TrackCategory category, boolean[] trainingTracks) {
        if (trainingTracks.length != category.trackCount()) {
            throw new IllegalArgumentException(trainingTracks.length + " training-track flags for "
                    + category.trackCount() + " tracks");
        }
        boolean[] kept = new boolean[category.size()];
        for (int t = 0; t < category.trackCount(); t++) {
            if (trainingTracks[t] && category.id(t) != TrackCategory.NONE) {
                kept[category.id(t)] = true;
            }
        }
        return kept;
    }

    /** The tracks some visible playlist holds. */
    private static boolean[] visibleTracks(TrackFeatures features) {
        int[] perTrack = features.memberships().playlistsPerTrack();
        boolean[] visible = new boolean[perTrack.length];
        for (int t = 0; t < perTrack.length; t++) {
            visible[t] = perTrack[t] > 0;
        }
        return visible;
    }

    /** A learned table's vocabulary: the values of the training tracks, in the category's order. */
    private static TableGroup tableGroup(String group, TrackFeatures features, boolean[] trainingTracks) {
        TrackCategory category = features.category(categoryOf(group));
        boolean[] kept = keptValues(category, trainingTracks);
        List<String> vocabulary = new ArrayList<>();
        for (int c = 0; c < kept.length; c++) {
            if (kept[c]) {
                vocabulary.add(category.names().get(c));
            }
        }
        return new TableGroup(group, vocabulary);
    }

    /**
     * The title encoder, fitted on the training tracks' titles (those some visible playlist holds; every titled
     * track when none of those has a title, or when the table kept no memberships). Titles are text known on
     * release day, not labels, so fitting on them leaks nothing about held-out memberships.
     */
    private static TitleEncoder titleEncoder(TrackFeatures features, int dimension, long seed, int threads,
                                             List<String> notices) {
        int[] perTrack = features.memberships() == null ? null : features.memberships().playlistsPerTrack();
        int[] all = java.util.stream.IntStream.range(0, features.trackCount()).toArray();
        int[] training = java.util.Arrays.stream(all).filter(t -> perTrack == null || perTrack[t] > 0).toArray();
        TitleEncoder encoder = TitleEncoder.fit(features::title, training, dimension, seed, threads);
        if (encoder == null) {
            encoder = TitleEncoder.fit(features::title, all, dimension, seed, threads);
        }
        int without = features.trackCount() - features.tracksWithTitle();
        if (without > 0) {
            notices.add("feature group 'title': " + without + " of " + features.trackCount()
                    + " tracks have no name or album name; they get the group's missing column");
        }
        return encoder;
    }

    /**
     * The shape of h^0 that {@link #fit} gives for these groups on this table and these training tracks (null: the
     * tracks some visible playlist holds) ({@link #shape()}), without fitting (no statistics, no artist vectors):
     * what the training's memory estimate needs. The same {@link #absence} and training tracks decide which groups
     * are left out and how many rows a table has, so the two cannot disagree.
     */
    public static SageNetwork.InputShape shape(TrackFeatures features, List<String> groups, int topGenres,
                                               int factorDimension, int titleDimension, boolean[] trainingTracks) {
        int dense = 0;
        long oneHot = 0;
        int slots = 0;
        int genreWidth = 0;
        for (String group : groups) {
            if (absence(features, group) != null) {
                continue;
            }
            switch (group) {
                case "genre" -> {
                    genreWidth = Math.min(topGenres, features.genreNames().size()) + 1; // + the "no genre" column
                    oneHot += genreWidth;
                    slots++;
                }
                case "artistId", "albumId", TrackFeatures.TRACK -> {
                    boolean[] kept = keptValues(features.category(categoryOf(group)),
                            trainingTracks == null ? visibleTracks(features) : trainingTracks);
                    for (boolean k : kept) {
                        oneHot += k ? 1 : 0;
                    }
                    oneHot++; // the "unknown" column
                    slots++;
                }
                case "popularity" -> dense += features.group(TrackFeatures.SOURCE_POPULARITY) == null ? 1 : 3;
                case "artist", "album" -> dense += factorDimension + 1; // + the "missing" column
                case "title" -> dense += titleDimension + 1;
                default -> dense += features.group(group).dimension() + 1;
            }
        }
        return shape(dense, Math.toIntExact(oneHot), slots, genreWidth);
    }

    /**
     * Layer 0's shape: the genre (the first one-hot group) also enters the neighbour mean, the tables do not; Glorot's
     * fan-in counts the dense and genre columns, and each table once (a node has one of its columns hot, so a table
     * is one input, not thousands).
     */
    private static SageNetwork.InputShape shape(int dense, int oneHot, int slots, int genreWidth) {
        int tables = slots - (genreWidth > 0 ? 1 : 0);
        return new SageNetwork.InputShape(dense, oneHot, slots, genreWidth, genreWidth > 0 ? 1 : 0,
                Math.max(1, dense + genreWidth + tables));
    }

    /** The shape of h^0: what the network is built for. */
    public SageNetwork.InputShape shape() {
        int genreWidth = genreColumns == null ? 0 : genreColumns.size() + 1;
        return shape(denseDimension, oneHotWidth, (genreColumns == null ? 0 : 1) + tableGroups.size(), genreWidth);
    }

    /** Whether the table has what the group needs ({@link #fit} would not leave it out). */
    public static boolean dataHas(TrackFeatures features, String group) {
        return absence(features, group) == null;
    }

    /** Null when the table has what the group needs, else why the group is left out (for a notice). */
    private static String absence(TrackFeatures features, String group) {
        return switch (group) {
            case "genre" -> features.tracksWithGenre() == 0 ? "no track has a genre" : null;
            case "popularity" -> features.group(TrackFeatures.POPULARITY) == null ? "the data has no popularity" : null;
            case "artist", "album" -> features.category(group) == null ? "no track has an " + group + " id or name"
                    : features.memberships() == null ? "the graph kept no playlist memberships to learn " + group
                            + " vectors from" : null;
            case "audio", "acoustic", "year" -> features.group(group) == null ? "no track has it" : null;
            case "title" -> features.tracksWithTitle() == 0 ? "no track has a name or album name" : null;
            case "artistId", "albumId", TrackFeatures.TRACK -> features.category(categoryOf(group)) == null
                    ? "no track has " + (group.equals(TrackFeatures.TRACK) ? "an id"
                            : "an " + categoryOf(group) + " id or name")
                    : features.memberships() == null ? "the graph kept no playlist memberships to tell the training "
                            + "tracks from others" : null;
            default -> throw new IllegalArgumentException("unknown feature group '" + group + "'");
        };
    }

    /**
     * The category's vectors from the visible memberships; the vocabulary is the values some training playlist
     * holds, so a value seen only in held-out or new tracks is unknown to the model (its "missing" column).
     */
    private static FactorGroup factorGroup(TrackCategory category, TrackFeatures features, int dimension, long seed,
                                           int threads) {
        float[] all = CategoryFactors.fit(category, features.memberships(), dimension, seed, threads);
        int[] playlists = new int[category.size()];
        int[] perTrack = features.memberships().playlistsPerTrack();
        for (int t = 0; t < category.trackCount(); t++) {
            if (category.id(t) != TrackCategory.NONE) {
                playlists[category.id(t)] += perTrack[t];
            }
        }
        List<String> vocabulary = new ArrayList<>();
        float[] kept = new float[Math.multiplyExact(category.size(), dimension)];
        for (int c = 0; c < category.size(); c++) {
            if (playlists[c] > 0) {
                System.arraycopy(all, c * dimension, kept, vocabulary.size() * dimension, dimension);
                vocabulary.add(category.names().get(c));
            }
        }
        return new FactorGroup(category.name(), vocabulary, dimension,
                java.util.Arrays.copyOf(kept, vocabulary.size() * dimension));
    }

    static ZScoredGroup zScoreStatistics(FeatureGroup g) {
        int d = g.dimension();
        float[] mean = new float[d];
        float[] deviation = new float[d];
        for (int c = 0; c < d; c++) {
            double m = columnMean(g, c);
            double var = 0;
            for (int t = 0; t < g.trackCount(); t++) {
                if (g.isPresent(t)) {
                    double diff = g.value(t, c) - m;
                    var += diff * diff;
                }
            }
            double sd = Math.sqrt(var / g.presentCount());
            mean[c] = (float) m;
            deviation[c] = sd > 1e-12 ? (float) sd : 1f;
        }
        return new ZScoredGroup(g.name(), mean, deviation);
    }

    private static double columnMean(FeatureGroup g, int column) {
        double sum = 0;
        for (int t = 0; t < g.trackCount(); t++) {
            if (g.isPresent(t)) {
                sum += g.value(t, column);
            }
        }
        return sum / g.presentCount();
    }

    /** Width of h^0: the dense columns and then the one-hot ones. */
    public int dimension() {
        return denseDimension + oneHotWidth;
    }

    public int denseDimension() {
        return denseDimension;
    }

    /** Width of the genre one-hot (0 when genre is not an input). */
    public int oneHotWidth() {
        return oneHotWidth;
    }

    /** The input groups in use, in column order. */
    public List<String> groups() {
        List<String> names = new ArrayList<>();
        if (popularity) {
            names.add("popularity");
        }
        for (ZScoredGroup g : numericGroups) {
            names.add(g.name());
        }
        for (FactorGroup g : factorGroups) {
            names.add(g.name());
        }
        if (title != null) {
            names.add(TrackFeatures.TITLE);
        }
        if (genreColumns != null) {
            names.add("genre");
        }
        for (TableGroup g : tableGroups) {
            names.add(g.name());
        }
        return names;
    }

    /**
     * Encodes every track of a feature table (the training one or any later one).
     *
     * @throws IllegalArgumentException if a numeric group has another width than in training
     */
    public Encoded encode(TrackFeatures features) {
        return encode(features, 0, 0, 1);
    }

    /** As {@link #encode(TrackFeatures)}, the titles encoded on {@code threads} threads (the same result for any number). */
    public Encoded encode(TrackFeatures features, int threads) {
        return encode(features, 0, 0, threads);
    }

    /**
     * Encodes the training table with a share {@code unknownIdRate} of the tracks treated as by an unknown artist, and
     * apart from that a share as on an unknown album (drawn per track from {@code seed}): their artist (album) vector
     * is the missing one and their artistId (albumId) column the table's unknown row. Every training track's artist
     * is known by construction, so without this the model never sees what a track by an artist that no training
     * track has looks like, though it embeds such tracks later. The titles are encoded on {@code threads} threads, as
     * in {@link #encode(TrackFeatures, int)}.
     */
    public Encoded encodeForTraining(TrackFeatures features, double unknownIdRate, long seed, int threads) {
        return encode(features, unknownIdRate, seed, threads);
    }

    private Encoded encode(TrackFeatures features, double unknownIdRate, long seed, int threads) {
        int n = features.trackCount();
        int width = denseDimension;
        float[] out = new float[Math.multiplyExact(n, width)];
        int column = 0;
        if (popularity) {
            FeatureGroup pop = features.group(TrackFeatures.POPULARITY);
            FeatureGroup source = features.group(TrackFeatures.SOURCE_POPULARITY);
            for (int t = 0; t < n; t++) {
                int row = t * width + column;
                out[row] = pop != null && pop.isPresent(t) ? pop.value(t, 0) : 0;
                if (sourcePopularity) {
                    boolean has = source != null && source.isPresent(t);
                    out[row + 1] = has ? source.value(t, 0) : sourcePopularityMean;
                    out[row + 2] = has ? 0 : 1;
                }
            }
            column += sourcePopularity ? 3 : 1;
        }
        for (ZScoredGroup g : numericGroups) {
            FeatureGroup raw = features.group(g.name());
            int d = g.dimension();
            if (raw != null && raw.dimension() != d) {
                throw new IllegalArgumentException("feature group '" + g.name() + "' has " + raw.dimension()
                        + " columns, the model was trained with " + d);
            }
            for (int t = 0; t < n; t++) {
                int row = t * width + column;
                if (raw != null && raw.isPresent(t)) {
                    for (int c = 0; c < d; c++) {
                        float z = (raw.value(t, c) - g.mean()[c]) / g.deviation()[c];
                        out[row + c] = Math.max(-Z_CLAMP, Math.min(Z_CLAMP, z));
                    }
                } else {
                    out[row + d] = 1;
                }
            }
            column += d + 1;
        }
        for (FactorGroup g : factorGroups) {
            encodeFactors(g, features.category(g.name()), out, width, column,
                    unknownIds(g.name(), unknownIdRate, seed));
            column += g.dimension() + 1;
        }
        if (title != null) {
            encodeTitles(features, out, width, column, threads);
            column += title.dimension() + 1;
        }
        int slots = Math.max(1, (genreColumns == null ? 0 : 1) + tableGroups.size());
        int[] hot = new int[Math.multiplyExact(n, slots)];
        java.util.Arrays.fill(hot, -1);
        int[] coldColumns = new int[slots];
        java.util.Arrays.fill(coldColumns, -1);
        int slot = 0;
        int base = 0;
        if (genreColumns != null) {
            int[] toColumn = genreColumnsOf(features);
            for (int t = 0; t < n; t++) {
                int genre = features.genre(t);
                hot[t * slots] = genre == TrackFeatures.NO_GENRE ? genreColumns.size() : toColumn[genre];
            }
            slot++;
            base += genreColumns.size() + 1;
        }
        for (TableGroup g : tableGroups) {
            java.util.function.IntPredicate hidden = g.name().equals(TrackFeatures.TRACK) ? t -> false
                    : unknownIds(categoryOf(g.name()), unknownIdRate, seed);
            encodeTable(g, features.category(categoryOf(g.name())), hot, slots, slot, base, hidden);
            if (g.name().equals(TrackFeatures.TRACK)) {
                coldColumns[slot] = base + g.vocabulary().size();
            }
            slot++;
            base += g.columns();
        }
        return new Encoded(out, hot, slots, coldColumns);
    }

    /**
     * The training tracks treated as by an unknown artist (or album): a share {@code rate} of them, drawn per track and
     * category, so that a track that loses its artist loses both the artist's vector and its table row, as a track by
     * an artist outside the training graph has neither; the artist and the album are drawn apart.
     */
    private static java.util.function.IntPredicate unknownIds(String category, double rate, long seed) {
        if (rate == 0) {
            return t -> false;
        }
        int stream = category.equals(TrackFeatures.ARTIST) ? 0 : 1;
        return t -> RandomStreams.of(seed, RandomStreams.UNKNOWN_IDS, stream, t, 0).nextDouble() < rate;
    }

    /**
     * A table's column per track: its value's row, or the "unknown" row (the last) for a value not in the table or a
     * track {@code hidden} says to treat so.
     */
    private static void encodeTable(TableGroup g, TrackCategory category, int[] hot, int slots, int slot, int base,
                                    java.util.function.IntPredicate hidden) {
        int unknown = base + g.vocabulary().size();
        int n = hot.length / slots;
        int[] toRow = vocabularyRows(g.vocabulary(), category);
        for (int t = 0; t < n; t++) {
            int value = category == null || hidden.test(t) ? TrackCategory.NONE : category.id(t);
            int row = value == TrackCategory.NONE ? -1 : toRow[value];
            hot[t * slots + slot] = row < 0 ? unknown : base + row;
        }
    }

    /**
     * For each value of {@code category} (null: none), its row in {@code vocabulary}, matched by name, or -1 when the
     * model has none: a later feature table may number its values otherwise.
     */
    private static int[] vocabularyRows(List<String> vocabulary, TrackCategory category) {
        int[] toRow = new int[category == null ? 0 : category.size()];
        if (category != null) {
            Map<String, Integer> rowByName = new HashMap<>();
            for (int i = 0; i < vocabulary.size(); i++) {
                rowByName.put(vocabulary.get(i), i);
            }
            for (int c = 0; c < toRow.length; c++) {
                toRow[c] = rowByName.getOrDefault(category.names().get(c), -1);
            }
        }
        return toRow;
    }

    /**
     * A factor group's columns: the value's vector scaled by sqrt(dimension), so that its entries are of the
     * z-scores' size, and a "missing" column set for a track whose value the model does not know.
     */
    private static void encodeFactors(FactorGroup g, TrackCategory category, float[] out, int width, int column,
                                      java.util.function.IntPredicate hidden) {
        int d = g.dimension();
        int n = out.length / width;
        int[] toRow = vocabularyRows(g.vocabulary(), category);
        float scale = (float) Math.sqrt(d);
        for (int t = 0; t < n; t++) {
            int row = t * width + column;
            int value = category == null || hidden.test(t) ? TrackCategory.NONE : category.id(t);
            int at = value == TrackCategory.NONE ? -1 : toRow[value];
            if (at < 0) {
                out[row + d] = 1;
                continue;
            }
            for (int c = 0; c < d; c++) {
                out[row + c] = g.factors()[at * d + c] * scale;
            }
        }
    }

    /**
     * The title columns: the unit title vector scaled by sqrt(dimension), as the factor groups', and a "missing" column.
     * Hashing each title is most of an encoding's time, and each track's row is its own, so ranges of tracks run on
     * {@code threads} threads.
     */
    private void encodeTitles(TrackFeatures features, float[] out, int width, int column, int threads) {
        int d = title.dimension();
        float scale = (float) Math.sqrt(d);
        try (ParallelTasks tasks = new ParallelTasks(threads)) {
            tasks.runRanges(features.trackCount(), (from, to) -> {
                for (int t = from; t < to; t++) {
                    int row = t * width + column;
                    if (title.encode(features.title(t), out, row)) {
                        for (int c = 0; c < d; c++) {
                            out[row + c] *= scale;
                        }
                    } else {
                        out[row + d] = 1;
                    }
                }
            });
        }
    }

    /** The full h^0 row of a track (dense columns, then the one-hot), for inspection and tests. */
    public static float[] row(Encoded encoded, int denseDimension, int oneHotWidth, int track) {
        float[] row = new float[denseDimension + oneHotWidth];
        System.arraycopy(encoded.dense(), track * denseDimension, row, 0, denseDimension);
        for (int g = 0; g < encoded.slots(); g++) {
            int column = encoded.oneHot()[track * encoded.slots() + g];
            if (column >= 0) {
                row[denseDimension + column] = 1;
            }
        }
        return row;
    }

    /** For each genre id of {@code features}, the model's one-hot column, or -1 if not a top genre. */
    private int[] genreColumnsOf(TrackFeatures features) {
        Map<String, Integer> columnByName = new HashMap<>();
        for (int i = 0; i < genreColumns.size(); i++) {
            columnByName.put(genreColumns.get(i), i);
        }
        List<String> names = features.genreNames();
        int[] map = new int[names.size()];
        for (int id = 0; id < names.size(); id++) {
            map[id] = columnByName.getOrDefault(names.get(id), -1);
        }
        return map;
    }

    /** Heap bytes of an encoded table. */
    public static long encodedBytes(long trackCount, SageNetwork.InputShape shape) {
        return 64 + 4 * trackCount * (shape.dense() + Math.max(1, shape.hotSlots()));
    }

    /** Heap bytes of the learned tables' vocabularies for {@code rows} one-hot rows (about 60 bytes a value). */
    public static long tableVocabularyBytes(long rows) {
        return 60L * rows;
    }

    public void write(DataOutput out) throws IOException {
        out.writeBoolean(genreColumns != null);
        if (genreColumns != null) {
            out.writeInt(genreColumns.size());
            for (String name : genreColumns) {
                out.writeUTF(name);
            }
        }
        out.writeBoolean(popularity);
        out.writeBoolean(sourcePopularity);
        out.writeFloat(sourcePopularityMean);
        out.writeInt(numericGroups.size());
        for (ZScoredGroup g : numericGroups) {
            out.writeUTF(g.name());
            out.writeInt(g.dimension());
            for (int c = 0; c < g.dimension(); c++) {
                out.writeFloat(g.mean()[c]);
                out.writeFloat(g.deviation()[c]);
            }
        }
        out.writeInt(factorGroups.size());
        for (FactorGroup g : factorGroups) {
            out.writeUTF(g.name());
            out.writeInt(g.dimension());
            out.writeInt(g.vocabulary().size());
            for (String value : g.vocabulary()) {
                out.writeUTF(value);
            }
            for (float f : g.factors()) {
                out.writeFloat(f);
            }
        }
        out.writeBoolean(title != null);
        if (title != null) {
            title.write(out);
        }
        out.writeInt(tableGroups.size());
        for (TableGroup g : tableGroups) {
            out.writeUTF(g.name());
            out.writeInt(g.vocabulary().size());
            for (String value : g.vocabulary()) {
                out.writeUTF(value);
            }
        }
    }

    /**
     * Reads {@link #write}'s bytes. Every count is checked against the bytes left before it is allocated for
     * (see {@link BoundedInput}); a factor group's width is at most {@value #MAX_FACTOR_DIMENSION}, so a group
     * of no values cannot claim a network of any width.
     *
     * @param withFactors false for the format before artist and album groups existed
     * @param withTitle   false for the format before the title group existed
     * @param withTables  false for the format before the learned tables existed
     */
    public static InputFeatures read(BoundedInput in, boolean withFactors, boolean withTitle, boolean withTables)
            throws IOException {
        List<String> genres = null;
        if (in.readBoolean()) {
            int count = in.readCount("the genre columns", 2);
            genres = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                genres.add(in.readUTF());
            }
        }
        boolean popularity = in.readBoolean();
        boolean source = in.readBoolean();
        float sourceMean = in.readFloat();
        int groups = in.readCount("the numeric groups", 6);
        List<ZScoredGroup> numeric = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) {
            String name = in.readUTF();
            int d = in.readCount("numeric group '" + name + "'", 2 * Float.BYTES);
            float[] mean = new float[d];
            float[] deviation = new float[d];
            for (int c = 0; c < d; c++) {
                mean[c] = in.readFloat();
                deviation[c] = in.readFloat();
            }
            numeric.add(new ZScoredGroup(name, mean, deviation));
        }
        List<FactorGroup> factors = new ArrayList<>();
        int factorGroups = withFactors ? in.readCount("the factor groups", 10) : 0;
        for (int i = 0; i < factorGroups; i++) {
            String name = in.readUTF();
            int d = in.readInt();
            if (d < 1 || d > MAX_FACTOR_DIMENSION) {
                throw new IOException("factor group '" + name + "' has width " + d + " (allowed: 1 to "
                        + MAX_FACTOR_DIMENSION + ")");
            }
            // Each value: its name (at least 2 bytes) and its d floats.
            int size = in.readCount("factor group '" + name + "'", 2 + (long) Float.BYTES * d);
            List<String> vocabulary = new ArrayList<>(size);
            for (int v = 0; v < size; v++) {
                vocabulary.add(in.readUTF());
            }
            float[] values = new float[d * size];
            for (int v = 0; v < values.length; v++) {
                values[v] = in.readFloat();
            }
            factors.add(new FactorGroup(name, vocabulary, d, values));
        }
        TitleEncoder title = withTitle && in.readBoolean() ? TitleEncoder.read(in) : null;
        List<TableGroup> tables = new ArrayList<>();
        int tableGroups = withTables ? in.readCount("the learned tables", 6) : 0;
        for (int i = 0; i < tableGroups; i++) {
            String name = in.readUTF();
            if (!LEARNED_TABLES.contains(name)) {
                throw new IOException("unknown learned table '" + name + "'");
            }
            int size = in.readCount("learned table '" + name + "'", 2);
            List<String> vocabulary = new ArrayList<>(size);
            for (int v = 0; v < size; v++) {
                vocabulary.add(in.readUTF());
            }
            tables.add(new TableGroup(name, vocabulary));
        }
        return new InputFeatures(genres, popularity, source, sourceMean, numeric, factors, title, tables);
    }
}
