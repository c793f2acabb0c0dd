package org.musig.model.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything known about the tracks of a {@link CooccurrenceGraph} besides its edges, indexed by the same
 * dense track ids: the raw input feature groups and the genre labels. It is what a model turns into its
 * input vectors h^0 and its genre/audio supervision; normalisation (z-scores, one-hot width) is the
 * model's business, so that it can be computed from training data and stored with the model.
 *
 * <p>Standard groups (see {@link #POPULARITY}, ...) are present when the data has them; a group with no
 * present row is simply not in {@link #groups()}.
 *
 * <p>Genres: {@code genre(track)} is an index into {@link #genreNames()} or {@link #NO_GENRE}. Names are
 * ordered by how many tracks carry them (most first, ties by name), so "the top N genres" are the ids
 * below N.
 *
 * <p>Immutable; safe to read from any number of threads.
 */
public final class TrackFeatures {
    /** Normalised playlist count: log(1 + c) / log(1 + max c) over the memberships the graph was built from; every track has it. */
    public static final String POPULARITY = "popularity";
    /** The source's own popularity (Spotify's 0-100 track_popularity) divided by 100; present where loaded. */
    public static final String SOURCE_POPULARITY = "sourcePopularity";
    /** Spotify's 12 audio features, raw, in the loaders' vector order. */
    public static final String AUDIO = "audio";
    /** A dataset's acoustic embedding vector (e.g. acoustic_0..7), raw. */
    public static final String ACOUSTIC = "acoustic";
    /** The release year (from the loaded release date), raw: known on release day, as the artist is. */
    public static final String YEAR = "year";
    /** The track's artist (its source id, else its name): a {@link TrackCategory}. */
    public static final String ARTIST = "artist";
    /** The track's album (its source id, else its name): a {@link TrackCategory}. */
    public static final String ALBUM = "album";
    /** The track's title text (its name and album name), per track. */
    public static final String TITLE = "title";
    /** The category of each track's own id (its key in the store), for the learned track table. */
    public static final String TRACK = "track";
    public static final int NO_GENRE = -1;

    private final int trackCount;
    private final Map<String, FeatureGroup> groups;
    private final int[] genres;
    private final List<String> genreNames;
    private final Map<String, TrackCategory> categories;
    private final PlaylistMemberships memberships;
    private final String[] titles;

    private TrackFeatures(int trackCount, Map<String, FeatureGroup> groups, int[] genres, List<String> genreNames,
                          Map<String, TrackCategory> categories, PlaylistMemberships memberships, String[] titles) {
        this.trackCount = trackCount;
        this.groups = groups;
        this.genres = genres;
        this.genreNames = genreNames;
        this.categories = categories;
        this.memberships = memberships;
        this.titles = titles;
    }

    /**
     * @param trackCount tracks {@code 0 .. trackCount - 1}
     * @param groups     feature groups, each with exactly {@code trackCount} rows; groups with no present row are dropped
     * @param genres     per track an index into {@code genreNames} or {@link #NO_GENRE} (null: no genres known)
     * @param genreNames the genre labels, most frequent first
     */
    public static TrackFeatures of(int trackCount, List<FeatureGroup> groups, int[] genres, List<String> genreNames) {
        Map<String, FeatureGroup> byName = new LinkedHashMap<>();
        for (FeatureGroup group : groups) {
            if (group.trackCount() != trackCount) {
                throw new IllegalArgumentException("feature group '" + group.name() + "' has " + group.trackCount()
                        + " rows for " + trackCount + " tracks");
            }
            if (group.presentCount() > 0 && byName.put(group.name(), group) != null) {
                throw new IllegalArgumentException("feature group '" + group.name() + "' given twice");
            }
        }
        int[] genreIds = genres == null ? filled(trackCount) : genres.clone();
        if (genreIds.length != trackCount) {
            throw new IllegalArgumentException(
                    "genres has " + genreIds.length + " entries for " + trackCount + " tracks");
        }
        List<String> names = genreNames == null ? List.of() : List.copyOf(genreNames);
        for (int id : genreIds) {
            if (id < NO_GENRE || id >= names.size()) {
                throw new IllegalArgumentException(
                        "genre id " + id + " out of range for " + names.size() + " genre names");
            }
        }
        return new TrackFeatures(trackCount, Collections.unmodifiableMap(byName), genreIds, names, Map.of(), null,
                null);
    }

    /**
     * The same table with categorical attributes (artist, album) and the playlist memberships the features were
     * counted from (the visible ones only: never a held-out membership). Models learn their artist and album
     * inputs from these memberships; a category with no present value is dropped.
     *
     * @param memberships over the same dense track ids, or null when unknown
     */
    public TrackFeatures withCategories(List<TrackCategory> categoryList, PlaylistMemberships memberships) {
        Map<String, TrackCategory> byName = new LinkedHashMap<>();
        for (TrackCategory category : categoryList) {
            if (category.trackCount() != trackCount) {
                throw new IllegalArgumentException("category '" + category.name() + "' has " + category.trackCount()
                        + " rows for " + trackCount + " tracks");
            }
            if (category.size() > 0) {
                byName.put(category.name(), category);
            }
        }
        if (memberships != null && memberships.trackCount() != trackCount) {
            throw new IllegalArgumentException(
                    "the memberships have " + memberships.trackCount() + " tracks, the feature "
                            + "table " + trackCount);
        }
        return new TrackFeatures(trackCount, groups, genres, genreNames, Collections.unmodifiableMap(byName),
                memberships, titles);
    }

    /**
     * The same table with each track's title text ({@link #TITLE}: its name and album name), null where unknown.
     * A table where no track has a title keeps none.
     */
    public TrackFeatures withTitles(String[] perTrack) {
        if (perTrack.length != trackCount) {
            throw new IllegalArgumentException(
                    "titles has " + perTrack.length + " entries for " + trackCount + " tracks");
        }
        boolean any = java.util.Arrays.stream(perTrack).anyMatch(t -> t != null && !t.isBlank());
        return new TrackFeatures(trackCount, groups, genres, genreNames, categories, memberships,
                any ? perTrack.clone() : null);
    }

    /** A track's title text, or null when unknown. */
    public String title(int track) {
        return titles == null ? null : titles[track];
    }

    /** Tracks with a non-blank title text (0 when the table has none). */
    public int tracksWithTitle() {
        if (titles == null) {
            return 0;
        }
        int count = 0;
        for (String t : titles) {
            if (t != null && !t.isBlank()) {
                count++;
            }
        }
        return count;
    }

    /** The named categorical attribute ({@link #ARTIST}, {@link #ALBUM}), or null when the data has none. */
    public TrackCategory category(String name) {
        return categories.get(name);
    }

    /** The categorical attributes with at least one present value. */
    public Map<String, TrackCategory> categories() {
        return categories;
    }

    /** The playlist memberships the features were counted from, or null when not kept. */
    public PlaylistMemberships memberships() {
        return memberships;
    }

    private static int[] filled(int n) {
        int[] ids = new int[n];
        java.util.Arrays.fill(ids, NO_GENRE);
        return ids;
    }

    public int trackCount() {
        return trackCount;
    }

    /** The groups with at least one present row, by name, in the order given. */
    public Map<String, FeatureGroup> groups() {
        return groups;
    }

    /** The named group, or null when the data has none. */
    public FeatureGroup group(String name) {
        return groups.get(name);
    }

    public int genre(int track) {
        return genres[track];
    }

    public List<String> genreNames() {
        return genreNames;
    }

    /** Tracks with a genre label. */
    public int tracksWithGenre() {
        int count = 0;
        for (int g : genres) {
            if (g != NO_GENRE) {
                count++;
            }
        }
        return count;
    }

    /** Genre labels in order of track count (most first, ties by name), for a builder that counted them. */
    public static List<String> byFrequency(Map<String, Integer> trackCounts) {
        List<String> names = new ArrayList<>(trackCounts.keySet());
        names.sort((a, b) -> {
            int c = Integer.compare(trackCounts.get(b), trackCounts.get(a));
            return c != 0 ? c : a.compareTo(b);
        });
        return names;
    }

    public long memoryBytes() {
        long bytes = CooccurrenceMemoryEstimate.intArrayBytes(genres.length);
        for (FeatureGroup group : groups.values()) {
            bytes += group.memoryBytes();
        }
        for (TrackCategory category : categories.values()) {
            bytes += category.memoryBytes();
        }
        if (titles != null) {
            bytes += CooccurrenceMemoryEstimate.intArrayBytes(titles.length) * 2;
            for (String t : titles) {
                bytes += t == null ? 0 : 48 + t.length();
            }
        }
        return bytes; // the memberships are the build's own, counted where they are made
    }
}
