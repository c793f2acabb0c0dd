package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.musig.model.io.BoundedInput;

class TitleEncoderTest {
    private static final String[] PIANO = {"Nocturne Op. 9 No. 2", "Piano Sonata No. 14 Op. 27", "Prelude in C Major",
            "Nocturne in E Minor", "Sonata for Piano No. 3", "Etude Op. 10 No. 3", "Prelude Op. 28 No. 4",
            "Piano Nocturne No. 20"};
    private static final String[] LATIN = {"Dale Mambo (feat. Bad Bunny)", "Besame Mucho Remix", "La Noche de Fiesta",
            "Baila Conmigo Remix", "Mi Corazon (feat. Ozuna)", "Fiesta en la Playa", "Dale que Dale", "La Bamba Remix"};

    private static String[] titles() {
        String[] all = new String[PIANO.length + LATIN.length + 1];
        System.arraycopy(PIANO, 0, all, 0, PIANO.length);
        System.arraycopy(LATIN, 0, all, PIANO.length, LATIN.length);
        return all; // the last track has no title
    }

    private static TitleEncoder fit(String[] titles, int dimension, long seed) {
        return TitleEncoder.fit(t -> titles[t], IntStream.range(0, titles.length).toArray(), dimension, seed);
    }

    private static float[] vector(TitleEncoder encoder, String title) {
        float[] v = new float[encoder.dimension()];
        assertThat(encoder.encode(title, v, 0)).as(title).isTrue();
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot; // unit vectors
    }

    @Test
    void newTitlesOfOneSceneAreCloserToThatSceneThanToTheOther() {
        TitleEncoder encoder = fit(titles(), 4, 7);
        float[] newPiano = vector(encoder, "Nocturne Op. 48 No. 1");
        float[] newLatin = vector(encoder, "Fiesta Remix (feat. Maluma)");
        double pianoToPiano = 0;
        double pianoToLatin = 0;
        for (String t : PIANO) {
            pianoToPiano += cosine(newPiano, vector(encoder, t));
            pianoToLatin += cosine(newLatin, vector(encoder, t));
        }
        assertThat(pianoToPiano).isGreaterThan(pianoToLatin + 1.0);
        double norm = cosine(newPiano, newPiano);
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void aMissingBlankOrUnknownTitleIsNotEncoded() {
        TitleEncoder encoder = fit(titles(), 4, 7);
        float[] out = new float[4];
        assertThat(encoder.encode(null, out, 0)).isFalse();
        assertThat(encoder.encode("  ", out, 0)).isFalse();
        assertThat(encoder.encode("!?-", out, 0)).isFalse();
        assertThat(out).containsOnly(0f);
        assertThat(TitleEncoder.fit(t -> null, new int[] {0, 1}, 4, 7)).isNull();
    }

    @Test
    void wordsAreCountedOnceEachWithTheirRepeats() {
        int[] once = TitleEncoder.distinctBuckets("Remix");
        int[] twice = TitleEncoder.distinctBuckets("remix REMIX!");
        assertThat(twice.length).isEqualTo(once.length);
        for (int i = 1; i < twice.length; i += 2) {
            assertThat(twice[i]).isEqualTo(2 * once[i]);
        }
    }

    @Test
    void theSameSeedGivesTheSameEncoderAndItSurvivesStorage() throws IOException {
        TitleEncoder encoder = fit(titles(), 4, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        encoder.write(new DataOutputStream(bytes));
        TitleEncoder read = TitleEncoder.read(new BoundedInput(bytes.toByteArray()));
        for (String t : LATIN) {
            assertThat(vector(read, t)).containsExactly(vector(encoder, t));
            assertThat(vector(fit(titles(), 4, 3), t)).containsExactly(vector(encoder, t));
        }
    }

    @Test
    void aStoredEncoderClaimingMoreThanItsBytesIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(64);
        out.writeInt(TitleEncoder.BUCKETS);
        out.writeFloat(1f);
        assertThatThrownBy(() -> TitleEncoder.read(new BoundedInput(bytes.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("the title group claims");
        ByteArrayOutputStream wide = new ByteArrayOutputStream();
        new DataOutputStream(wide).writeInt(1_000_000);
        assertThatThrownBy(() -> TitleEncoder.read(new BoundedInput(wide.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("width 1000000");
    }
}
