package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.musig.common.progress.Progress;

/**
 * A stored model is bytes anyone with write access can replace. Whatever they are, decoding ends in a
 * {@link CorruptModelException} saying what is wrong: never an OutOfMemoryError, a StackOverflowError or another
 * exception, and never an allocation larger than the bytes warrant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorruptModelBytesTest {
    private static final int MAGIC = 0x4D555347;
    private static final int VERSION = 2;
    private static final int TRIALS = 3000;

    private byte[] valid;
    private TrainConfig config;

    @BeforeAll
    void trainASmallModel() {
        ToyData data = ToyData.planted(120, 2, 80, 6, 0, 0.8, 5);
        config = TrainConfig.parse(Map.of("embeddingDimension", 8, "sampleSizes", List.of(3, 2), "batchSize", 32,
                "epochs", 1, "concurrency", 1));
        valid = MusigTrainer.train(data.graph, data.features, config, Progress.NONE).serialize();
        assertThat(TrainedModel.deserialize(valid).embeddingDimension()).isEqualTo(8);
    }

    @Test
    void everyTruncationIsACorruptModelError() {
        for (int length = 0; length < valid.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(valid, length);
            assertCorrupt(cut);
        }
        assertThatThrownBy(() -> TrainedModel.deserialize(java.util.Arrays.copyOf(valid, valid.length - 1)))
                .isInstanceOf(CorruptModelException.class).hasMessageContaining("the parameters claims");
        assertThatThrownBy(() -> TrainedModel.deserialize(java.util.Arrays.copyOf(valid, 12)))
                .isInstanceOf(CorruptModelException.class).hasMessage("corrupt model: the data ends early (truncated)");
    }

    @Test
    void listAndMapLengthsLargerThanTheBytesLeftAreRefusedBeforeAllocating() throws IOException {
        for (int tag : new int[] {6, 7}) { // LIST, MAP
            for (int length : new int[] {Integer.MAX_VALUE, 1 << 28, 1000}) {
                byte[] bytes = header(out -> {
                    out.writeByte(tag);
                    out.writeInt(length);
                });
                assertThatThrownBy(() -> TrainedModel.deserialize(bytes)).isInstanceOf(CorruptModelException.class)
                        .hasMessageContaining("claims " + length + " entries");
            }
        }
        byte[] negative = header(out -> {
            out.writeByte(6);
            out.writeInt(-5);
        });
        assertThatThrownBy(() -> TrainedModel.deserialize(negative)).hasMessageContaining("negative length (-5)");
    }

    @Test
    void deepNestingStopsAtTheCapWithoutAStackOverflow() throws IOException {
        byte[] bytes = header(out -> {
            for (int i = 0; i < 200_000; i++) { // a list holding a list holding a list ...
                out.writeByte(6);
                out.writeInt(1);
            }
            out.writeByte(0);
        });
        assertThatThrownBy(() -> TrainedModel.deserialize(bytes)).isInstanceOf(CorruptModelException.class)
                .hasMessageContaining("nested deeper than " + ModelCodec.MAX_DEPTH + " levels");
    }

    @Test
    void oversizedInputEncodingLengthsAreRefused() throws IOException {
        // Genre columns, a numeric group's width, a factor group's width and size, and the parameter count.
        assertThatThrownBy(() -> TrainedModel.deserialize(withInput(out -> {
            out.writeBoolean(true);
            out.writeInt(Integer.MAX_VALUE);
        }))).hasMessageContaining("the genre columns claims 2147483647 entries");
        assertThatThrownBy(() -> TrainedModel.deserialize(withInput(out -> {
            noGenresNoPopularity(out);
            out.writeInt(1);
            out.writeUTF("audio");
            out.writeInt(500_000_000);
        }))).hasMessageContaining("numeric group 'audio' claims 500000000 entries");
        assertThatThrownBy(() -> TrainedModel.deserialize(withInput(out -> {
            noGenresNoPopularity(out);
            out.writeInt(0);
            out.writeInt(1);
            out.writeUTF("artist");
            out.writeInt(Integer.MAX_VALUE); // width, with no values: would still size the network
            out.writeInt(0);
        }))).hasMessageContaining("factor group 'artist' has width 2147483647");
        assertThatThrownBy(() -> TrainedModel.deserialize(withInput(out -> {
            noGenresNoPopularity(out);
            out.writeInt(0);
            out.writeInt(1);
            out.writeUTF("album");
            out.writeInt(32);
            out.writeInt(100_000_000);
        }))).hasMessageContaining("factor group 'album' claims 100000000 entries");
        assertThatThrownBy(() -> TrainedModel.deserialize(withInput(out -> {
            out.writeBoolean(false);
            out.writeBoolean(true); // popularity: one dense column
            out.writeBoolean(false);
            out.writeFloat(0);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(Integer.MAX_VALUE);
        }))).hasMessageContaining("2147483647 parameters, the network needs");
    }

    @Test
    void randomBytesAreACorruptModelError() throws IOException {
        Random random = new Random(16);
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] noise = new byte[random.nextInt(4096)];
            random.nextBytes(noise);
            assertCorrupt(noise);
            // The same noise behind a valid header, so the decoder reads past the magic number.
            assertCorrupt(header(out -> out.write(noise)));
        }
    }

    @Test
    void randomlyDamagedModelsDecodeOrAreACorruptModelError() {
        Random random = new Random(17);
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] damaged = valid.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                // Mostly in the configuration, summary and input encoding, where lengths live.
                int at = random.nextInt(Math.min(damaged.length, random.nextBoolean() ? 600 : damaged.length));
                damaged[at] = (byte) random.nextInt(256);
            }
            try {
                TrainedModel.deserialize(damaged);
            } catch (CorruptModelException expected) {
                assertThat(expected.reason()).isNotBlank();
            } catch (Throwable e) {
                fail("trial " + trial + ": " + e, e);
            }
        }
    }

    private static void assertCorrupt(byte[] bytes) {
        try {
            TrainedModel.deserialize(bytes);
            fail("decoded " + bytes.length + " corrupt bytes");
        } catch (CorruptModelException expected) {
            assertThat(expected.getMessage()).startsWith("corrupt model: ");
        } catch (Throwable e) {
            fail(bytes.length + " bytes: " + e, e);
        }
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] header(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            body.write(out);
        }
        return bytes.toByteArray();
    }

    /** A valid configuration and summary, then {@code input} where the input encoding belongs. */
    private byte[] withInput(Body input) throws IOException {
        return header(out -> {
            ModelCodec.writeValue(out, config.toMap());
            out.writeInt(1);
            ModelCodec.writeValue(out, Map.of("total", List.of(1.0)));
            out.writeLong(10);
            out.writeDouble(1);
            out.writeDouble(1);
            ModelCodec.writeValue(out, Map.of());
            ModelCodec.writeValue(out, List.of());
            input.write(out);
        });
    }

    private static void noGenresNoPopularity(DataOutputStream out) throws IOException {
        out.writeBoolean(false);
        out.writeBoolean(false);
        out.writeBoolean(false);
        out.writeFloat(0);
    }
}
