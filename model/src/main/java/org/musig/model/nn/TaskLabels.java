package org.musig.model.nn;

import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.TrackFeatures;

/**
 * The per-track truth behind the genre and similarity tasks (MUSIG section 3.5.1): a pair "shares a
 * genre" when both tracks have the same genre label (any genre, not only the one-hot's top N), and its
 * audio similarity is the inner product of the two tracks' z-scored, L2-normalised target vectors (the
 * cosine of the z-scored features, in [-1, 1]). A pair where either track lacks the label is masked out of
 * that task. Only needed while training; immutable.
 */
public final class TaskLabels {
    private final int[] genres;
    private final int genreLabelled;
    private final float[] unitTargets; // row-major, null when the regression group is absent
    private final boolean[] hasTarget;
    private final int targetDimension;
    private final int targetLabelled;

    private TaskLabels(int[] genres, int genreLabelled, float[] unitTargets, boolean[] hasTarget, int targetDimension,
                       int targetLabelled) {
        this.genres = genres;
        this.genreLabelled = genreLabelled;
        this.unitTargets = unitTargets;
        this.hasTarget = hasTarget;
        this.targetDimension = targetDimension;
        this.targetLabelled = targetLabelled;
    }

    /** @param regressionGroup 'audio' or 'acoustic' */
    public static TaskLabels of(TrackFeatures features, String regressionGroup) {
        int n = features.trackCount();
        int[] genres = new int[n];
        for (int t = 0; t < n; t++) {
            genres[t] = features.genre(t);
        }
        FeatureGroup group = features.group(regressionGroup);
        if (group == null) {
            return new TaskLabels(genres, features.tracksWithGenre(), null, null, 0, 0);
        }
        InputFeatures.ZScoredGroup stats = InputFeatures.zScoreStatistics(group);
        int d = group.dimension();
        float[] unit = new float[n * d];
        boolean[] has = new boolean[n];
        int labelled = 0;
        double[] z = new double[d];
        for (int t = 0; t < n; t++) {
            if (!group.isPresent(t)) {
                continue;
            }
            double norm = 0;
            for (int c = 0; c < d; c++) {
                z[c] = (group.value(t, c) - stats.mean()[c]) / stats.deviation()[c];
                norm += z[c] * z[c];
            }
            if (norm < 1e-12) {
                continue; // exactly the mean: no direction, no similarity to learn
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < d; c++) {
                unit[t * d + c] = (float) (z[c] / norm);
            }
            has[t] = true;
            labelled++;
        }
        return new TaskLabels(genres, features.tracksWithGenre(), unit, has, d, labelled);
    }

    /** Tracks with a genre (the genre task needs pairs of them). */
    public int genreLabelledTracks() {
        return genreLabelled;
    }

    /** Tracks with a similarity target vector. */
    public int similarityLabelledTracks() {
        return targetLabelled;
    }

    /** 1 same genre, 0 different, -1 unknown (either track has no genre). */
    public int sameGenre(int a, int b) {
        int ga = genres[a];
        int gb = genres[b];
        if (ga == TrackFeatures.NO_GENRE || gb == TrackFeatures.NO_GENRE) {
            return -1;
        }
        return ga == gb ? 1 : 0;
    }

    public boolean hasSimilarity(int a, int b) {
        return hasTarget != null && hasTarget[a] && hasTarget[b];
    }

    /** The similarity target of a pair with {@link #hasSimilarity}. */
    public float similarity(int a, int b) {
        float dot = 0;
        int oa = a * targetDimension;
        int ob = b * targetDimension;
        for (int c = 0; c < targetDimension; c++) {
            dot += unitTargets[oa + c] * unitTargets[ob + c];
        }
        return dot;
    }
}
