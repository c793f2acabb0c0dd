package org.musig.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.PlaylistMemberships;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;

/**
 * Small planted data sets for the model tests: tracks split into communities, each community its own
 * genre, playlists drawn inside one community, and audio features whose mean depends on the community.
 */
public final class ToyData {
    public final CooccurrenceGraph graph;
    public final TrackFeatures features;
    public final int communities;
    private final PlaylistMemberships memberships;

    private ToyData(CooccurrenceGraph graph, TrackFeatures features, int communities,
                    PlaylistMemberships memberships) {
        this.graph = graph;
        this.features = features;
        this.communities = communities;
        this.memberships = memberships;
    }

    /**
     * The same data with release-day categories and the playlists: track t's artist is {@code artist-c-i} (c its
     * community, i = (t / communities) % 3), its album one of two per artist, and its id {@code track-t}.
     */
    public ToyData withCategories() {
        int n = features.trackCount();
        String[] artists = new String[n];
        String[] albums = new String[n];
        String[] ids = new String[n];
        for (int t = 0; t < n; t++) {
            int i = (t / communities) % 3;
            artists[t] = "artist-" + community(t) + "-" + i;
            albums[t] = artists[t] + "-album-" + (t / (3 * communities)) % 2;
            ids[t] = "track-" + t;
        }
        TrackFeatures withCategories = features.withCategories(List.of(TrackCategory.of(TrackFeatures.ARTIST, artists),
                TrackCategory.of(TrackFeatures.ALBUM, albums), TrackCategory.of(TrackFeatures.TRACK, ids)),
                memberships);
        return new ToyData(graph, withCategories, communities, memberships);
    }

    /** The playlists the graph was counted from. */
    public PlaylistMemberships memberships() {
        return memberships;
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
        PlaylistMemberships memberships = PlaylistMemberships.of(tracks, lists);
        CooccurrenceGraph graph = CooccurrenceCounter.count(memberships, 1, 1, Progress.NONE);
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
        return new ToyData(graph, features, communities, memberships);
    }
}
