package org.musig.baselines;

import org.musig.model.eval.TrackScorer;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;

/**
 * Artist (or album) co-occurrence, the backbone of the strong RecSys Challenge 2018 entries (the benchmark's
 * methods: docs/procedures/evaluate-and-benchmark.md): a candidate scores by how many training playlists hold both
 * its artist and a seed track's artist, summed over the seed tracks. A new release by a known artist scores like
 * its artist, which item co-occurrence cannot do; a track with no artist, or an artist in no training playlist,
 * scores 0.
 *
 * <p>Per query: for each training playlist, w(p) = the number of seed tracks whose artist it holds; then each
 * artist scores the sum of w(p) over the playlists holding it. Cost: the seed artists' playlists plus those
 * playlists' artists, as item co-occurrence's is in tracks.
 *
 * <p>{@link Weighting#COSINE} normalises the counts: an artist is the vector over playlists with
 * {@code 1 / sqrt(distinct artists in p)} where it occurs (a long, varied playlist says less about any two of its
 * artists), scaled to unit length, and a candidate scores the sum of its cosines to the seed tracks' artists. Raw
 * counts favour artists found in many playlists; the cosine asks whether the artist's playlists are the seed's.
 */
public final class CategoryCooccurrenceScorer implements TrackScorer {
    /** How shared playlists count: 'count' (each playlist 1) or 'cosine' (normalised, see the class comment). */
    public enum Weighting {
        COUNT, COSINE
    }

    private final int[] categoryOfTrack;
    // category -> playlists holding it: playlistIds[categoryOffsets[c] .. categoryOffsets[c + 1])
    private final int[] categoryOffsets;
    private final int[] playlistIds;
    // playlist -> distinct categories in it: categoryIds[playlistOffsets[p] .. playlistOffsets[p + 1])
    private final int[] playlistOffsets;
    private final int[] categoryIds;
    private final int categories;
    // COSINE: per playlist 1 / sqrt(distinct categories), per category 1 / the norm of its playlist vector;
    // COUNT: both 1, so one scoring loop serves both weightings
    private final float[] playlistWeight;
    private final float[] inverseNorm;

    public CategoryCooccurrenceScorer(PlaylistMemberships memberships, TrackCategory category) {
        this(memberships, category, Weighting.COUNT);
    }

    public CategoryCooccurrenceScorer(PlaylistMemberships memberships, TrackCategory category, Weighting weighting) {
        if (category.trackCount() != memberships.trackCount()) {
            throw new IllegalArgumentException("category '" + category.name() + "' has " + category.trackCount()
                    + " tracks, the memberships " + memberships.trackCount());
        }
        categoryOfTrack = category.ids();
        categories = category.size();
        int playlists = memberships.playlistCount();
        playlistOffsets = new int[playlists + 1];
        int[] distinct = new int[memberships.membershipCount()];
        int[] lastSeen = new int[categories];
        java.util.Arrays.fill(lastSeen, -1);
        int[] perCategory = new int[categories];
        int n = 0;
        for (int p = 0; p < playlists; p++) {
            for (int i = memberships.playlistStart(p); i < memberships.playlistEnd(p); i++) {
                int c = categoryOfTrack[memberships.track(i)];
                if (c != TrackCategory.NONE && lastSeen[c] != p) {
                    lastSeen[c] = p;
                    distinct[n++] = c;
                    perCategory[c]++;
                }
            }
            playlistOffsets[p + 1] = n;
        }
        categoryIds = java.util.Arrays.copyOf(distinct, n);
        categoryOffsets = new int[categories + 1];
        for (int c = 0; c < categories; c++) {
            categoryOffsets[c + 1] = categoryOffsets[c] + perCategory[c];
        }
        playlistIds = new int[n];
        int[] next = java.util.Arrays.copyOf(categoryOffsets, categories);
        for (int p = 0; p < playlists; p++) {
            for (int j = playlistOffsets[p]; j < playlistOffsets[p + 1]; j++) {
                playlistIds[next[categoryIds[j]]++] = p;
            }
        }
        playlistWeight = new float[playlists];
        inverseNorm = new float[categories];
        double[] squaredNorm = new double[categories];
        for (int p = 0; p < playlists; p++) {
            int distinctHere = playlistOffsets[p + 1] - playlistOffsets[p];
            playlistWeight[p] =
                    weighting == Weighting.COUNT || distinctHere == 0 ? 1f : (float) (1 / Math.sqrt(distinctHere));
            for (int j = playlistOffsets[p]; j < playlistOffsets[p + 1]; j++) {
                squaredNorm[categoryIds[j]] += (double) playlistWeight[p] * playlistWeight[p];
            }
        }
        for (int c = 0; c < categories; c++) {
            inverseNorm[c] =
                    weighting == Weighting.COUNT || squaredNorm[c] == 0 ? 1f : (float) (1 / Math.sqrt(squaredNorm[c]));
        }
    }

    @Override
    public int catalogueSize() {
        return categoryOfTrack.length;
    }

    @Override
    public Query query(int[] seedRows) {
        return Query.of(scores(seedRows));
    }

    /** Every track's score for the seed (the artist's score; 0 for a track without one). */
    float[] scores(int[] seedRows) {
        float[] byCategory = categoryScores(seedRows);
        float[] scores = new float[categoryOfTrack.length];
        for (int t = 0; t < scores.length; t++) {
            int c = categoryOfTrack[t];
            scores[t] = c == TrackCategory.NONE ? 0 : byCategory[c];
        }
        return scores;
    }

    private float[] categoryScores(int[] seedRows) {
        float[] weight = new float[playlistOffsets.length - 1];
        int[] touched = new int[weight.length];
        int touchedCount = 0;
        for (int seed : seedRows) {
            int c = categoryOfTrack[seed];
            if (c == TrackCategory.NONE) {
                continue;
            }
            for (int j = categoryOffsets[c]; j < categoryOffsets[c + 1]; j++) {
                int p = playlistIds[j];
                if (weight[p] == 0) {
                    touched[touchedCount++] = p;
                }
                weight[p] += inverseNorm[c];
            }
        }
        java.util.Arrays.sort(touched, 0, touchedCount); // a fixed summation order
        float[] byCategory = new float[categories];
        for (int i = 0; i < touchedCount; i++) {
            int p = touched[i];
            float w = weight[p] * playlistWeight[p] * playlistWeight[p];
            for (int j = playlistOffsets[p]; j < playlistOffsets[p + 1]; j++) {
                byCategory[categoryIds[j]] += w;
            }
        }
        for (int c = 0; c < categories; c++) {
            byCategory[c] *= inverseNorm[c];
        }
        return byCategory;
    }
}
