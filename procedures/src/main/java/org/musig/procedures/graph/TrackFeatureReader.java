package org.musig.procedures.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.musig.common.progress.Progress;
import org.musig.loaders.AudioFeatures;
import org.musig.loaders.GraphModel;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;
import org.musig.procedures.PropertyValues;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/**
 * Builds the {@link TrackFeatures} of a graph: popularity from the memberships the build sees (never from
 * held-out ones), the source popularity, audio and acoustic vectors and genre labels from track
 * properties. A track's genre is its own {@code genre} property when the source had track-level genres,
 * else the majority genre of the (visible) playlists containing it. The release year comes from the loaded
 * release date.
 */
final class TrackFeatureReader {
    static final String SOURCE_POPULARITY_PROPERTY = "popularity";
    static final String ARTIST_ID = GraphModel.ARTIST_ID;
    static final String ARTIST_NAME = GraphModel.ARTIST;
    static final String ALBUM_ID = "albumId";
    static final String ALBUM_NAME = "album";
    static final String TRACK_NAME = "name";
    /** What a category key read from a name starts with, so that a name never meets an id. */
    private static final String NAME_KEY = "name:";
    private static final int CHECK_EVERY = 4096;
    /** Release years outside this range are taken as typing errors (a 0 or 9999 placeholder), not as years. */
    static final int FIRST_YEAR = 1800;
    static final int LAST_YEAR = 2200;

    private TrackFeatureReader() {
    }

    @SuppressWarnings("deprecation")
    static TrackFeatures read(Transaction tx, long[] nodeIds, PlaylistMemberships memberships,
                              StoreReader.GenreVotes votes, List<String> notices, Progress progress) {
        int n = nodeIds.length;
        FeatureGroup popularity = playlistShare(memberships);
        FeatureGroup.Builder source = FeatureGroup.builder(TrackFeatures.SOURCE_POPULARITY, n, 1);
        VectorGroup audio = new VectorGroup(AudioFeatures.VECTOR_PROPERTY, TrackFeatures.AUDIO, n);
        VectorGroup acoustic = new VectorGroup(AudioFeatures.ACOUSTIC_PROPERTY, TrackFeatures.ACOUSTIC, n);
        String[] genres = votes.majority(n);
        String[] artists = new String[n];
        String[] albums = new String[n];
        String[] titles = new String[n];
        String[] ids = new String[n];
        FeatureGroup.Builder year = FeatureGroup.builder(TrackFeatures.YEAR, n, 1);
        int unreadableDates = 0;
        float[] one = new float[1];
        for (int track = 0; track < n; track++) {
            Node node = tx.getNodeById(nodeIds[track]);
            Map<String, Object> props = node.getProperties(SOURCE_POPULARITY_PROPERTY, AudioFeatures.VECTOR_PROPERTY,
                    AudioFeatures.ACOUSTIC_PROPERTY, GraphModel.GENRE, ARTIST_ID, ARTIST_NAME, ALBUM_ID, ALBUM_NAME,
                    GraphModel.RELEASE_DATE, TRACK_NAME, GraphModel.ID);
            artists[track] = categoryKey(props, ARTIST_ID, ARTIST_NAME);
            albums[track] = albumKey(props, artists[track]);
            titles[track] = title(props);
            ids[track] = props.get(GraphModel.ID) instanceof String id ? id : null;
            if (props.get(SOURCE_POPULARITY_PROPERTY) instanceof Number value && Double.isFinite(value.doubleValue())) {
                one[0] = (float) (value.doubleValue() / 100.0);
                source.set(track, one);
            }
            Object date = props.get(GraphModel.RELEASE_DATE);
            if (date != null) {
                Integer y = releaseYear(date);
                if (y == null) {
                    unreadableDates++;
                } else {
                    one[0] = y;
                    year.set(track, one);
                }
            }
            audio.offer(track, props.get(AudioFeatures.VECTOR_PROPERTY));
            acoustic.offer(track, props.get(AudioFeatures.ACOUSTIC_PROPERTY));
            if (props.get(GraphModel.GENRE) instanceof String own && !own.isBlank()) {
                genres[track] = own;
            }
            if ((track + 1) % CHECK_EVERY == 0) {
                progress.advance(CHECK_EVERY);
                progress.checkRunning();
            }
        }
        progress.advance(n % CHECK_EVERY);
        List<FeatureGroup> groups = new ArrayList<>(List.of(popularity, source.build(), year.build()));
        if (unreadableDates > 0) {
            notices.add(unreadableDates + " tracks have a '" + GraphModel.RELEASE_DATE + "' with no year from "
                    + FIRST_YEAR + " to " + LAST_YEAR
                    + " at its start (e.g. '2019-06-14', '2019'); they have no release year");
        }
        for (VectorGroup vectors : List.of(audio, acoustic)) {
            vectors.build().ifPresent(groups::add);
            if (vectors.rejected() > 0) {
                notices.add(vectors.rejected() + " tracks have a '" + vectors.property() + "' vector of another length "
                        + "than the first one seen or with non-finite values; they are treated as having none");
            }
        }
        return withGenres(n, groups, genres).withCategories(
                List.of(TrackCategory.of(TrackFeatures.ARTIST, artists), TrackCategory.of(TrackFeatures.ALBUM, albums),
                        TrackCategory.of(TrackFeatures.TRACK, ids)),
                memberships).withTitles(titles);
    }

    /** A track's title text: its name and album name, blank-separated; null when it has neither. */
    static String title(Map<String, Object> props) {
        String name = props.get(TRACK_NAME) instanceof String s && !s.isBlank() ? s.strip() : null;
        String album = props.get(ALBUM_NAME) instanceof String s && !s.isBlank() ? s.strip() : null;
        if (name == null || album == null) {
            return name == null ? album : name;
        }
        return album.equalsIgnoreCase(name) ? name : name + " " + album;
    }

    /**
     * The year of a release date: a string starting with a four-digit year ("2019-06-14", "2019-06", "2019"),
     * a whole number, or a Neo4j date; null when there is none in {@link #FIRST_YEAR} .. {@link #LAST_YEAR}.
     */
    static Integer releaseYear(Object value) {
        long year;
        if (value instanceof String text) {
            String s = text.strip();
            if (s.length() < 4 || !s.substring(0, 4).chars().allMatch(Character::isDigit)
                    || (s.length() > 4 && Character.isDigit(s.charAt(4)))) {
                return null;
            }
            year = Integer.parseInt(s.substring(0, 4));
        } else if (value instanceof Long || value instanceof Integer) {
            year = ((Number) value).longValue();
        } else if (value instanceof java.time.temporal.TemporalAccessor t
                && t.isSupported(java.time.temporal.ChronoField.YEAR)) {
            year = t.get(java.time.temporal.ChronoField.YEAR);
        } else {
            return null;
        }
        return year >= FIRST_YEAR && year <= LAST_YEAR ? (int) year : null;
    }

    /**
     * A track's artist or album: the source's id where loaded (MPD {@code artist_uri}, CSV {@code artist_id}),
     * else its name, marked as such so that a name never equals an id. Null when neither is a non-blank string.
     */
    static String categoryKey(Map<String, Object> props, String idProperty, String nameProperty) {
        return categoryKey(props, idProperty, nameProperty, null);
    }

    /**
     * A track's album: its id, else its name under its artist's key ({@link #categoryKey}), since exports without
     * album ids name many albums alike ("Greatest Hits", "Live"); the name alone where the track has no artist.
     */
    static String albumKey(Map<String, Object> props, String artistKey) {
        return categoryKey(props, ALBUM_ID, ALBUM_NAME, artistKey);
    }

    /** As {@link #categoryKey(Map, String, String)}, a name read under {@code within}'s key when it is not null. */
    private static String categoryKey(Map<String, Object> props, String idProperty, String nameProperty,
                                      String within) {
        if (props.get(idProperty) instanceof String id && !id.isBlank()) {
            return id;
        }
        if (props.get(nameProperty) instanceof String name && !name.isBlank()) {
            return NAME_KEY + (within == null ? "" : within + " / ") + GraphModel.nameKey(name);
        }
        return null;
    }

    /** log(1 + c) / log(1 + max c), c = playlists containing the track: every track has it, 0 for unseen ones. */
    static FeatureGroup playlistShare(PlaylistMemberships memberships) {
        int n = memberships.trackCount();
        int[] counts = memberships.playlistsPerTrack();
        int max = 0;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        double scale = max == 0 ? 1 : Math.log1p(max);
        FeatureGroup.Builder builder = FeatureGroup.builder(TrackFeatures.POPULARITY, n, 1);
        float[] row = new float[1];
        for (int t = 0; t < n; t++) {
            row[0] = (float) (Math.log1p(counts[t]) / scale);
            builder.set(t, row);
        }
        return builder.build();
    }

    private static TrackFeatures withGenres(int n, List<FeatureGroup> groups, String[] genres) {
        Map<String, Integer> trackCounts = new HashMap<>();
        for (String genre : genres) {
            if (genre != null) {
                trackCounts.merge(genre, 1, Integer::sum);
            }
        }
        List<String> names = TrackFeatures.byFrequency(trackCounts);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ids.put(names.get(i), i);
        }
        int[] genreIds = new int[n];
        for (int t = 0; t < n; t++) {
            genreIds[t] = genres[t] == null ? TrackFeatures.NO_GENRE : ids.get(genres[t]);
        }
        return TrackFeatures.of(n, groups, genreIds, names);
    }

    /**
     * A vector property read into a feature group. Its dimension is the first vector's length; a track
     * whose vector has another length, or a non-finite value, is treated as not having one and counted,
     * so one bad row cannot make a whole build fail.
     */
    static final class VectorGroup {
        private final String property;
        private final String group;
        private final int trackCount;
        private FeatureGroup.Builder builder;
        private int dimension = -1;
        private int rejected;

        VectorGroup(String property, String group, int trackCount) {
            this.property = property;
            this.group = group;
            this.trackCount = trackCount;
        }

        void offer(int track, Object value) {
            float[] row = toFloats(value);
            if (row == null) {
                return;
            }
            if (dimension < 0) {
                dimension = row.length;
                builder = FeatureGroup.builder(group, trackCount, dimension);
            }
            if (row.length != dimension || !allFinite(row)) {
                rejected++;
                return;
            }
            builder.set(track, row);
        }

        int rejected() {
            return rejected;
        }

        String property() {
            return property;
        }

        java.util.Optional<FeatureGroup> build() {
            return builder == null ? java.util.Optional.empty() : java.util.Optional.of(builder.build());
        }

        private static boolean allFinite(float[] row) {
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
            return true;
        }

        /** Feature vectors may also be integer lists (e.g. written by hand in Cypher). */
        private static float[] toFloats(Object value) {
            if (value instanceof long[] l && l.length > 0) {
                float[] f = new float[l.length];
                for (int i = 0; i < l.length; i++) {
                    f[i] = l[i];
                }
                return f;
            }
            return PropertyValues.floatVector(value);
        }
    }
}
