package org.musig.loaders.csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.musig.loaders.AudioFeatures;
import org.musig.loaders.GraphModel;
import org.musig.loaders.LoadOptions;
import org.musig.loaders.TrackIds;
import org.musig.loaders.TrackRecord;

/**
 * Turns a CSV row into a {@link TrackRecord}: metadata (the first listed artist where a cell lists several,
 * {@link ListedArtists}), readable audio properties, the {@code audio}
 * vector (only when every audio column exists; a blank audio cell in such a file is an error, never a
 * silent 0 or NaN) and the {@code acoustic} vector when acoustic columns exist.
 */
final class TrackRowMapper {
    private final CsvColumns columns;
    private final CsvValues values;
    private final boolean fullAudio;
    private final boolean trackGenres;

    /** @param trackGenres whether the file's genre column labels the track (features file) or the playlist */
    TrackRowMapper(CsvColumns columns, CsvValues values, boolean trackGenres) {
        this.columns = columns;
        this.values = values;
        this.fullAudio = columns.missingAudioFields().isEmpty();
        this.trackGenres = trackGenres;
    }

    /** Tells the user when some audio columns exist but not all twelve, so no vector can be built. */
    void reportIncompleteAudio(String file, LoadOptions options) {
        List<String> missing = columns.missingAudioFields();
        if (!fullAudio && missing.size() < AudioFeatures.PROPERTIES.size()) {
            options.notice(file + ": the 'audio' vector is not written because columns are missing for " + missing
                    + "; the features that are present are stored as properties");
        }
    }

    TrackRecord map() {
        String id = idOf("trackId", values.required("trackId"), TrackIds::normalize);
        if (id == null) {
            throw values.fail("track id is empty");
        }
        if (TrackIds.lengthProblem("track", id) != null) {
            throw values.fail(TrackIds.lengthProblem("track", id));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        putText(props, "name", "trackName");
        ListedArtists.First artist = ListedArtists.first(values.text("artist"));
        putValue(props, "artist", artist.name());
        putValue(props, "artistId", columns.has("artistId") ? idOf("artistId", values.text("artistId"),
                cell -> TrackIds.stripUri(ListedArtists.firstId(cell))) : artist.recordId());
        putText(props, "album", "album");
        putValue(props, "albumId", idOf("albumId", values.text("albumId"), TrackIds::stripUri));
        putText(props, GraphModel.RELEASE_DATE, "releaseDate");
        Long popularity = values.integer("popularity");
        if (popularity != null) {
            props.put("popularity", popularity);
        }
        float[] audio = fullAudio ? new float[AudioFeatures.PROPERTIES.size()] : null;
        for (int i = 0; i < AudioFeatures.PROPERTIES.size(); i++) {
            String property = AudioFeatures.PROPERTIES.get(i);
            if (!columns.has(property)) {
                continue;
            }
            Double value = values.number(property);
            if (value == null) {
                if (fullAudio) {
                    throw values.fail("audio feature column '" + columns.headerName(property)
                            + "' is empty (audio features must be complete)");
                }
                continue;
            }
            props.put(property, isWhole(property) ? (Object) value.longValue() : (Object) value);
            if (audio != null) {
                audio[i] = value.floatValue();
            }
        }
        int[] acousticIndexes = columns.acousticIndexes();
        float[] acoustic = null;
        if (acousticIndexes.length > 0) {
            acoustic = new float[acousticIndexes.length];
            for (int i = 0; i < acousticIndexes.length; i++) {
                Double value = values.number(acousticIndexes[i], "acoustic[" + i + "]");
                if (value == null) {
                    throw values.fail("acoustic column " + i + " is empty (acoustic vectors must be complete)");
                }
                acoustic[i] = value.floatValue();
            }
        }
        List<String> genres = null;
        if (trackGenres && values.text("genre") != null) {
            genres = List.of(values.text("genre"));
        }
        return new TrackRecord(id, props, audio, acoustic, genres);
    }

    private static boolean isWhole(String property) {
        return property.equals("key") || property.equals("mode") || property.equals("durationMs");
    }

    private void putText(Map<String, Object> props, String property, String field) {
        putValue(props, property, values.text(field));
    }

    /**
     * An id field's value from its {@code text}: one column's cell read as {@code idOfCell} reads it (a URI to its id,
     * a list to its first entry); a key joined from several columns as it is, since its cells are names.
     */
    private String idOf(String field, String text, UnaryOperator<String> idOfCell) {
        return text == null || columns.joined(field) ? text : idOfCell.apply(text);
    }

    private static void putValue(Map<String, Object> props, String property, String value) {
        if (value != null) {
            props.put(property, value);
        }
    }

}
