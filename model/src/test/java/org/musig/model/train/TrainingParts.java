package org.musig.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.musig.model.NativeBackend;
import org.musig.model.nn.InnerMeans;
import org.musig.model.nn.InputFeatures;
import org.musig.model.nn.MultiTaskLoss;
import org.musig.model.nn.SageNetwork;
import org.musig.model.nn.TaskLabels;
import org.musig.model.sample.HardNegativeSampler;
import org.musig.model.sample.NegativeSampler;
import org.musig.model.sample.NeighborhoodSampler;
import org.musig.model.sample.PositivePairSampler;
import org.musig.model.sample.RandomStreams;

/** Test fixture: what {@link MusigTrainer#train} builds before the loop, for a toy data set and a configuration. */
final class TrainingParts {
    final ToyData data;
    final TrainConfig config;
    final SageNetwork net;
    final TaskLabels labels;
    final ShardWorker.Shared shared;

    TrainingParts(ToyData data, Map<String, Object> settings) {
        NativeBackend.ensureLoaded(TrainingParts.class);
        this.data = data;
        config = TrainConfig.parse(settings);
        InputFeatures input =
                InputFeatures.fit(data.features, config.features(), config.topGenres(), new ArrayList<>());
        InputFeatures.Encoded encoded = input.encode(data.features);
        labels = TaskLabels.of(data.features, config.regressionTarget().text());
        net = MusigTrainer.network(config, input.shape());
        float[] parameters = net.initialParameters(RandomStreams.of(config.randomSeed(), RandomStreams.INIT, 0, 0, 0));
        InnerMeans inner = net.layers() < 2 ? null
                : new InnerMeans(data.graph, net.denseDimension(), encoded.slots(), net.meanSlots(),
                        net.sampleSize(net.layers() - 1),
                        null);
        shared = new ShardWorker.Shared(net, parameters, net.nativeWeights(parameters),
                new NeighborhoodSampler(data.graph, false), encoded, inner, MultiTaskLoss.pairs(net),
                config.randomSeed(),
                config.coldStartRate(), config.maskPartner());
    }

    EpochLoop loop() {
        return new EpochLoop(config, shared, new PositivePairSampler(data.graph), negatives(), labels,
                new double[] {1, 1, 1});
    }

    /** A batch of the first {@code pairs} positive pairs with one negative each. */
    TrainingBatch batch(int pairs) {
        PositivePairSampler positives = new PositivePairSampler(data.graph);
        return TrainingBatch.sample(positives, 0, pairs, negatives(), 1, labels, new java.util.SplittableRandom(1));
    }

    /** Uniform ordinary negatives, the configuration's share of them hard. */
    private HardNegativeSampler negatives() {
        return new HardNegativeSampler(data.graph, NegativeSampler.uniform(data.graph.nodeCount()),
                config.hardNegatives());
    }

    static List<Integer> samples(int... sizes) {
        List<Integer> list = new ArrayList<>();
        for (int s : sizes) {
            list.add(s);
        }
        return list;
    }
}
