package org.musig.loaders.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.loaders.GraphModel;
import org.musig.loaders.PlaylistRecord;

/**
 * The genre and subgenre labels a playlist's rows carry during one reading of it, in order of first
 * appearance: the first is {@code genre}/{@code subgenre}, all of them {@code genres}/{@code subgenres}.
 * Shared by the transactional writer and the offline import's table, so both give a playlist the same labels.
 */
public final class PlaylistLabels {
    private final List<String> genres = new ArrayList<>();
    private final List<String> subgenres = new ArrayList<>();

    /** Takes the row's labels; returns the playlist properties that changed (empty when none did). */
    public Map<String, Object> add(PlaylistRecord row) {
        boolean genresChanged = addLabel(genres, row.genre());
        boolean subgenresChanged = addLabel(subgenres, row.subgenre());
        if (!genresChanged && !subgenresChanged) {
            return Map.of();
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        if (genresChanged) {
            changed.put(GraphModel.GENRE, genres.get(0));
            changed.put(GraphModel.GENRES, genres.toArray(String[]::new));
        }
        if (subgenresChanged) {
            changed.put(GraphModel.SUBGENRE, subgenres.get(0));
            changed.put(GraphModel.SUBGENRES, subgenres.toArray(String[]::new));
        }
        return changed;
    }

    private static boolean addLabel(List<String> labels, String label) {
        if (label == null || labels.contains(label)) {
            return false;
        }
        labels.add(label);
        return true;
    }
}
