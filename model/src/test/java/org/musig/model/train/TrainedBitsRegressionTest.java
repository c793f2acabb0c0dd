package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.musig.common.progress.Progress;

/**
 * Characterisation test: a small training run's exact parameter floats, loss history and embeddings of every
 * node, as digests.
 *
 * <p>The expected digests were captured by running this test against the trainer as it was before the
 * aggregator and the epoch loop were split into units (commit 94a55aa), and confirmed in a second run: any
 * refactor of the training code must keep them, bit for bit. A deliberate change to what training computes
 * (a new random stream, another summation order) changes them; then recapture by running the test and
 * copying the lines it prints, and say why in the commit. Each variant also trains with two threads, which
 * must give the same bits.
 *
 * <p>The variants cover the aggregator's paths: ReLU and sigmoid, one to three layers, with and without the
 * genre one-hot (sparse) and dense columns, cold-start roots, partner masking and weighted sampling. The learned
 * tables' variant (artistId, albumId, track) came later: captured at commit 66f63ac, in the stored layout.
 * Recaptured when the one-hot rows' Adam step became float arithmetic (see AdamOptimizer#stepRow): every variant
 * with one-hot columns (the genre, the tables; the ReLU and sigmoid variants take the genre by default) changed
 * then, the dense-only variant did not.
 */
class TrainedBitsRegressionTest {

    private static final ToyData DATA = ToyData.planted(300, 2, 240, 8, 10, 0.8, 5);
    private static final ToyData WITH_CATEGORIES = DATA.withCategories();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "relu-2layers       | e2072d77004e3317 | a4d3a7e0beda1ac1 | 3f0d3806770f73c3",
            "sigmoid-3layers    | ee21cc3f82356984 | bffaeed21efe00f8 | 78e08a1c009e058a",
            "relu-1layer        | 207674703576cd7f | 0743581e5d62a489 | b203b077fac0b2fa",
            "relu-2layers-genre | 1cea7735d1058a73 | 9cfe3956feb6a1c7 | db31f41a48163246",
            "relu-2layers-dense | e2235f819d8a3170 | 87bb99d042c22d35 | 6c95f5bd2369b621",
            "relu-2layers-tables | caccec46fd3cea92 | 809fc1121e2e5db9 | aa04e3f460ae2ec7",
    })
    void parametersLossesAndEmbeddingsAreThoseCapturedBeforeTheSplit(String variant, String parameterDigest,
                                                                     String lossDigest,
                                                                     String embeddingDigest) {
        boolean tables = variant.endsWith("-tables");
        ToyData data = tables ? WITH_CATEGORIES : DATA;
        TrainedModel one = MusigTrainer.train(data.graph, data.features, config(variant, 1), Progress.NONE);
        TrainedModel two = MusigTrainer.train(data.graph, data.features, config(variant, 2), Progress.NONE);

        String parameters = digest(tables ? storedParameterBytes(one) : parameterBytes(one));
        String losses = digest(lossBytes(one.losses()));
        String embeddings = digest(embeddingBytes(one, data));
        System.out.printf("captured \"%-18s | %s | %s | %s\",%n", variant, parameters, losses, embeddings); // to recapture
        assertThat(storedParameterBytes(two)).as("two threads, same bits").isEqualTo(storedParameterBytes(one));
        assertThat(two.losses()).isEqualTo(one.losses());
        assertThat(parameters).as("parameter digest").isEqualTo(parameterDigest);
        assertThat(losses).as("loss digest").isEqualTo(lossDigest);
        assertThat(embeddings).as("embedding digest").isEqualTo(embeddingDigest);
    }

    private static TrainConfig config(String variant, int threads) {
        Map<String, Object> map = new HashMap<>(Map.of("embeddingDimension", 16, "batchSize", 300, "epochs", 2,
                "tolerance", 0.0, "learningRate", 0.01, "randomSeed", 7, "concurrency", threads));
        map.put("sampleSizes", variant.contains("3layers") ? List.of(4, 3, 2)
                : variant.contains("1layer") ? List.of(6) : List.of(5, 3));
        if (variant.startsWith("sigmoid")) {
            map.put("activation", "sigmoid");
            map.put("maskPartner", true);
            map.put("coldStartRate", 0.0);
            map.put("sampling", "weighted");
            map.put("negativeSamples", 2);
        }
        if (variant.endsWith("-genre")) {
            map.put("features", List.of("genre"));
        } else if (variant.endsWith("-dense")) {
            map.put("features", List.of("popularity", "audio"));
        } else if (variant.endsWith("-tables")) {
            map.put("features", List.of("genre", "popularity", "artistId", "albumId", "track"));
            map.put("unknownIdRate", 0.0); // as captured, before its default became 0.3
        }
        return TrainConfig.parse(map);
    }

    /**
     * The parameter floats (the tail of the serialized model, written last as big-endian floats), in the layout
     * the digests were captured in: before format 4 the one-hot rows sat inside W_0 ({@link
     * org.musig.model.nn.SageNetwork#fromLegacyLayout}, inverted here by moving each index through it).
     */
    private static byte[] parameterBytes(TrainedModel model) {
        ByteBuffer stored = ByteBuffer.wrap(storedParameterBytes(model));
        float[] index = new float[model.parameterCount()]; // exact: far fewer than 2^24 parameters
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        float[] moved = model.network().fromLegacyLayout(index);
        float[] current = new float[index.length];
        for (int i = 0; i < current.length; i++) {
            current[i] = stored.getFloat();
        }
        ByteBuffer legacy = ByteBuffer.allocate(4 * current.length);
        float[] inLegacyOrder = new float[current.length];
        for (int i = 0; i < moved.length; i++) {
            inLegacyOrder[(int) moved[i]] = current[i];
        }
        for (float v : inLegacyOrder) {
            legacy.putFloat(v);
        }
        return legacy.array();
    }

    /** The parameter floats as stored (the learned tables' variant, captured in today's layout). */
    private static byte[] storedParameterBytes(TrainedModel model) {
        byte[] all = model.serialize();
        return java.util.Arrays.copyOfRange(all, all.length - 4 * model.parameterCount(), all.length);
    }

    /** Every node's embedding (the inference path through the same aggregator). */
    private static byte[] embeddingBytes(TrainedModel model, ToyData data) {
        int[] nodes = new int[data.graph.nodeCount()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = i;
        }
        float[][] z = model.embed(data.graph, data.features, nodes, 3, 1, Progress.NONE);
        ByteBuffer bytes = ByteBuffer.allocate(4 * nodes.length * z[0].length);
        for (float[] row : z) {
            for (float v : row) {
                bytes.putFloat(v);
            }
        }
        return bytes.array();
    }

    private static byte[] lossBytes(Map<String, List<Double>> losses) {
        int count = losses.values().stream().mapToInt(List::size).sum();
        ByteBuffer bytes = ByteBuffer.allocate(8 * count + 4 * losses.size());
        losses.forEach((task, values) -> {
            bytes.putInt(task.hashCode());
            values.forEach(bytes::putDouble);
        });
        return bytes.array();
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
