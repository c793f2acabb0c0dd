package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
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
    void bucketsAreThoseOfTheHashedPaddedWordsAndTrigrams() {
        String[] titles = {"Remix", "remix REMIX!", "Nocturne Op. 9 No. 2", "Dale Mambo (feat. Bad Bunny)", "a b 7",
                "  --  ", "Ça va, l'été", "Straße ÄÖÜ", "사랑해 그대", "東京 タワー", "😀 emoji 😀x", "x", "Émile-Zola 2000s"};
        for (String title : titles) {
            assertThat(TitleEncoder.distinctBuckets(title)).as(title).containsExactly(substringBuckets(title));
        }
    }

    @Test
    void theEncoderIsBitForBitTheSameOnOneTwoAndThreeThreads() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        String[] words = {"remix", "feat", "live", "nocturne", "op", "amor", "la", "noche", "sonata", "piano", "love",
                "dale", "fiesta", "version", "radio", "edit", "mix", "song", "night", "day"};
        String[] titles = new String[3_000];
        for (int t = 0; t < titles.length; t++) {
            StringBuilder title = new StringBuilder();
            for (int w = 0; w < 2 + random.nextInt(5); w++) {
                title.append(words[random.nextInt(words.length)]).append(random.nextInt(50)).append(' ');
            }
            titles[t] = t % 40 == 0 ? null : title.toString();
        }
        int[] tracks = IntStream.range(0, titles.length).toArray();
        byte[] oneThread = stored(TitleEncoder.fit(t -> titles[t], tracks, 8, 5));
        for (int threads = 2; threads <= 3; threads++) {
            assertThat(Arrays.mismatch(stored(TitleEncoder.fit(t -> titles[t], tracks, 8, 5, threads)), oneThread))
                    .as("first differing byte, %d threads", threads).isEqualTo(-1);
        }
    }

    private static byte[] stored(TitleEncoder encoder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        encoder.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** distinctBuckets written with the padded word and its trigrams as strings, hashed by String.hashCode. */
    private static int[] substringBuckets(String title) {
        String text = title.toLowerCase(java.util.Locale.ROOT);
        java.util.List<Integer> hashes = new java.util.ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            String word = " " + text.substring(start, i) + " ";
            hashes.add(bucket(word.hashCode() ^ 0x5bd1e995));
            for (int g = 0; g + 3 <= word.length(); g++) {
                hashes.add(bucket(word.substring(g, g + 3).hashCode()));
            }
        }
        java.util.TreeMap<Integer, Integer> counts = new java.util.TreeMap<>();
        hashes.forEach(h -> counts.merge(h, 1, Integer::sum));
        return counts.entrySet().stream().flatMapToInt(e -> IntStream.of(e.getKey(), e.getValue())).toArray();
    }

    private static int bucket(int hash) {
        int h = hash * 0x9E3779B9;
        h ^= h >>> 16;
        return h & (TitleEncoder.BUCKETS - 1);
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
