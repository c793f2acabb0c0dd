package org.musig.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackFeatures;

/**
 * Small planted data sets for the model tests: tracks split into communities, each community its own
 * genre, playlists drawn inside one community, and audio features whose mean depends on the community.
 */
public final class ToyData {
    public final CooccurrenceGraph graph;
    public final TrackFeatures features;
    public final int communities;

    private ToyData(CooccurrenceGraph graph, TrackFeatures features, int communities) {
        this.graph = graph;
        this.features = features;
        this.communities = communities;
    }

    public int community(int track) {
        return track % communities;
    }

    /**
     * @param tracks       tracks, community = id % communities
     * @param playlists    playlists of {@code length} tracks, all from one community
     * @param isolated     the last this-many tracks appear in no playlist
     * @param audioPresent share of tracks with audio features (others have none)
     */
    public static ToyData planted(int tracks, int communities, int playlists, int length, int isolated,
                                  double audioPresent, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int connected = tracks - isolated;
        int[][] lists = new int[playlists][];
        for (int p = 0; p < playlists; p++) {
            int c = p % communities;
            int[] list = new int[length];
            for (int i = 0; i < length; i++) {
                int member = random.nextInt((connected - c + communities - 1) / communities);
                list[i] = member * communities + c;
            }
            lists[p] = list;
        }
        CooccurrenceGraph graph = CooccurrenceCounter.count(PlaylistMemberships.of(tracks, lists), 1, 1, Progress.NONE);
        FeatureGroup.Builder popularity = FeatureGroup.builder(TrackFeatures.POPULARITY, tracks, 1);
        FeatureGroup.Builder audio = FeatureGroup.builder(TrackFeatures.AUDIO, tracks, 12);
        int[] genres = new int[tracks];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < communities; c++) {
            names.add("genre" + c);
        }
        for (int t = 0; t < tracks; t++) {
            int c = t % communities;
            genres[t] = c;
            popularity.set(t, new float[] {(float) Math.log1p(graph.degree(t)) / 5f});
            if (random.nextDouble() < audioPresent) {
                float[] row = new float[12];
                for (int i = 0; i < 12; i++) {
                    row[i] = (float) (((i + c) % communities == 0 ? 1.0 : -1.0) + 0.5 * random.nextGaussian());
                }
                audio.set(t, row);
            }
        }
        TrackFeatures features = TrackFeatures.of(tracks, List.of(popularity.build(), audio.build()), genres, names);
        return new ToyData(graph, features, communities);
    }
}
