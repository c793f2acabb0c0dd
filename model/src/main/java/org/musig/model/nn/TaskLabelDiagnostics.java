package org.musig.model.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;

/**
 * How the task labels of a training graph relate, before anyone trains (the paper's Fig. 1): does a pair of
 * tracks that co-occur share a genre, an artist or an album more often than a random pair, and are their audio
 * features more alike; does the co-occurrence weight rise with audio similarity; how many tracks carry each
 * label. A task whose labels look the same on edges as on random pairs cannot teach the shared layers much
 * about playlists.
 *
 * <p>Edges are the graph's relationships (at most {@link #MAX_PAIRS}, sampled evenly when there are more);
 * random pairs are as many uniform pairs of distinct tracks, drawn with a fixed seed. Every share is over the
 * pairs where both tracks carry the label. Genre and audio similarity are the training's own labels
 * ({@link TaskLabels}: the cosine of the two tracks' z-scored audio vectors).
 */
public final class TaskLabelDiagnostics {
    /** Pairs of each kind looked at, at most: enough for shares to +-0.001, and bounded time on any graph. */
    public static final int MAX_PAIRS = 1_000_000;

    /**
     * @param coverage               per label (genre, audio, acoustic, year, artist, album, title) the tracks that carry it
     * @param edgesCompared          edges looked at
     * @param sharedOnEdges          per label (genre, artist, album) the share of edges whose two tracks share it
     * @param sharedOnRandomPairs    the same share over random pairs
     * @param audioCosineOnEdges     mean audio cosine over edges (NaN without audio)
     * @param audioCosineOnRandomPairs the same over random pairs
     * @param weightAudioCorrelation Pearson correlation of co-occurrence weight and audio cosine over edges
     */
    public record Result(int tracks, long relationships, Map<String, Integer> coverage, long edgesCompared,
                         Map<String, Double> sharedOnEdges, Map<String, Double> sharedOnRandomPairs,
                         double audioCosineOnEdges, double audioCosineOnRandomPairs, double weightAudioCorrelation) {
    }

    private TaskLabelDiagnostics() {
    }

    public static Result of(CooccurrenceGraph graph, TrackFeatures features, long seed) {
        int n = graph.nodeCount();
        Map<String, Integer> coverage = new LinkedHashMap<>();
        coverage.put("genre", features.tracksWithGenre());
        for (String group : new String[] {TrackFeatures.AUDIO, TrackFeatures.ACOUSTIC, TrackFeatures.YEAR}) {
            FeatureGroup g = features.group(group);
            coverage.put(group, g == null ? 0 : g.presentCount());
        }
        for (String category : new String[] {TrackFeatures.ARTIST, TrackFeatures.ALBUM}) {
            TrackCategory c = features.category(category);
            coverage.put(category, c == null ? 0 : c.presentCount());
        }
        coverage.put(TrackFeatures.TITLE, features.tracksWithTitle());
        Labels labels = new Labels(features);

        long relationships = graph.relationshipCount();
        long step = Math.max(1, (relationships + MAX_PAIRS - 1) / MAX_PAIRS);
        PairStats edges = new PairStats();
        long[] index = {0};
        graph.forEachRelationship((a, b, weight) -> {
            if (index[0]++ % step == 0) {
                edges.add(a, b, weight, labels);
            }
        });
        PairStats random = new PairStats();
        SplittableRandom rng = new SplittableRandom(seed);
        for (long i = 0; n > 1 && i < edges.pairs; i++) {
            int a = rng.nextInt(n);
            int b = rng.nextInt(n - 1);
            random.add(a, b >= a ? b + 1 : b, 0, labels);
        }
        return new Result(n, relationships, coverage, edges.pairs, edges.shares(), random.shares(),
                edges.meanCosine(), random.meanCosine(), edges.correlation());
    }

    /** The training's genre and audio labels ({@link TaskLabels}) and per track its artist and album ids. */
    private static final class Labels {
        final TaskLabels tasks;
        final int[] artist;
        final int[] album;

        Labels(TrackFeatures features) {
            tasks = TaskLabels.of(features, TrackFeatures.AUDIO);
            artist = ids(features.category(TrackFeatures.ARTIST), features.trackCount());
            album = ids(features.category(TrackFeatures.ALBUM), features.trackCount());
        }

        private static int[] ids(TrackCategory category, int n) {
            if (category == null) {
                int[] none = new int[n];
                java.util.Arrays.fill(none, TrackCategory.NONE);
                return none;
            }
            return category.ids();
        }
    }

    /** Counts over one kind of pair. */
    private static final class PairStats {
        long pairs;
        final long[] both = new long[3];   // genre, artist, album: pairs where both tracks have the label
        final long[] shared = new long[3];
        long audioPairs;
        double cosineSum;
        double weightSum;
        double weightSq;
        double cosineSq;
        double product;

        void add(int a, int b, int weight, Labels labels) {
            pairs++;
            int sameGenre = labels.tasks.sameGenre(a, b);
            if (sameGenre >= 0) {
                both[0]++;
                shared[0] += sameGenre;
            }
            count(1, labels.artist[a], labels.artist[b]);
            count(2, labels.album[a], labels.album[b]);
            if (labels.tasks.hasSimilarity(a, b)) {
                double cosine = labels.tasks.similarity(a, b);
                audioPairs++;
                cosineSum += cosine;
                cosineSq += cosine * cosine;
                weightSum += weight;
                weightSq += (double) weight * weight;
                product += weight * cosine;
            }
        }

        private void count(int label, int x, int y) {
            if (x >= 0 && y >= 0) {
                both[label]++;
                if (x == y) {
                    shared[label]++;
                }
            }
        }

        Map<String, Double> shares() {
            Map<String, Double> map = new LinkedHashMap<>();
            String[] names = {"genre", TrackFeatures.ARTIST, TrackFeatures.ALBUM};
            for (int i = 0; i < names.length; i++) {
                map.put(names[i], both[i] == 0 ? Double.NaN : (double) shared[i] / both[i]);
            }
            return map;
        }

        double meanCosine() {
            return audioPairs == 0 ? Double.NaN : cosineSum / audioPairs;
        }

        double correlation() {
            if (audioPairs < 2) {
                return Double.NaN;
            }
            double n = audioPairs;
            double cov = product / n - (weightSum / n) * (cosineSum / n);
            double vw = weightSq / n - Math.pow(weightSum / n, 2);
            double vc = cosineSq / n - Math.pow(cosineSum / n, 2);
            return vw <= 1e-12 || vc <= 1e-12 ? Double.NaN : cov / Math.sqrt(vw * vc);
        }
    }
}
