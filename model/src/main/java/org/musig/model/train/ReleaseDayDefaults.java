package org.musig.model.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.nn.InputFeatures;

/**
 * What {@code musig.train} trains on when the user leaves {@code features} out and the data has none of the paper's
 * content groups (no genre, audio or acoustic features: the Million Playlist Dataset's shape). The paper's defaults
 * would leave popularity as the only input there, so tracks of like popularity look alike. Instead the training
 * takes the groups known on release day that validation chose on such collections ({@link #GROUPS}, those the data
 * has) and, unless {@code positives} is given, draws its pairs from the playlists, which also trains the tracks that
 * {@code minWeight} leaves without an edge. Data with any of the paper's content groups keeps the paper's defaults.
 */
public final class ReleaseDayDefaults {
    /** The paper's groups that describe a track's content; popularity is not one of them. */
    public static final List<String> PAPER_CONTENT_GROUPS = List.of("genre", "audio", "acoustic");
    /** The groups taken, in this order, where the data has them. */
    public static final List<String> GROUPS = List.of(TrackFeatures.ARTIST, TrackFeatures.TITLE);
    public static final TrainConfig.PositiveSampling POSITIVES = TrainConfig.PositiveSampling.PLAYLISTS;

    private ReleaseDayDefaults() {
    }

    /**
     * The user's map with {@code features} (and {@code positives}, where the user left it out too) filled in for
     * data without the paper's content groups; the map itself when they do not apply. A notice says what was filled in.
     */
    public static Map<String, Object> apply(Map<String, Object> raw, TrackFeatures features, List<String> notices) {
        Map<String, Object> given = raw == null ? Map.of() : raw;
        if (given.get("features") != null // null, like leaving the key out, means the default
                || PAPER_CONTENT_GROUPS.stream().anyMatch(g -> InputFeatures.dataHas(features, g))) {
            return given;
        }
        List<String> groups = GROUPS.stream().filter(g -> InputFeatures.dataHas(features, g)).toList();
        if (groups.isEmpty()) {
            return given;
        }
        Map<String, Object> filled = new LinkedHashMap<>(given);
        filled.put("features", groups);
        String positives = "";
        if (given.get("positives") == null && features.memberships() != null) {
            filled.put("positives", POSITIVES.text());
            positives = " and positives: '" + POSITIVES.text() + "'";
        }
        notices.add("the data has no " + String.join(", ", PAPER_CONTENT_GROUPS) + " features, so training took "
                + "the groups known on release day: features: " + groups + positives + " (pass 'features' to choose; "
                + "the paper's defaults are " + TrainConfig.DEFAULT_FEATURES + ")");
        return filled;
    }
}
