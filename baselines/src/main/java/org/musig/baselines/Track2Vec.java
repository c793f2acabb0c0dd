package org.musig.baselines;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.models.embeddings.inmemory.InMemoryLookupTable;
import org.deeplearning4j.models.embeddings.learning.impl.elements.SkipGram;
import org.deeplearning4j.models.sequencevectors.interfaces.SequenceIterator;
import org.deeplearning4j.models.sequencevectors.sequence.Sequence;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.musig.common.progress.Progress;
import org.musig.model.NativeBackend;

/**
 * The Track2Vec baseline: word2vec (skip-gram with negative sampling) over playlists as sentences and
 * tracks as words, trained with DL4J's {@link Word2Vec}. A track's token is its dense id in decimal;
 * playlists are fed as {@link Sequence}s by a {@link SequenceIterator} over the caller's arrays (no text is
 * built or tokenised).
 *
 * <p>DL4J settings: {@code elementsLearningAlgorithm(SkipGram)}, {@code useHierarchicSoftmax(false)},
 * {@code negativeSample(k)}, {@code sampling(0)} (no frequent-word subsampling, so nothing is dropped at
 * random from small playlists), {@code epochs(n)} with {@code iterations(1)}, learning rate decaying linearly
 * from {@code learningRate} to {@code learningRate * 1e-4} (word2vec's floor), {@code useUnknown(false)}, no
 * stop words, {@code allowParallelTokenization(false)} (the vocabulary is built in playlist order), DL4J's
 * default batch of 512 pairs per native skip-gram call. See {@link Track2VecConfig} for the rest.
 *
 * <p>Vocabulary: a track is in it when it occurs at least {@code minCount} times in all playlists and shares
 * a playlist with another such track (so it has at least one context pair). Playlists are fed with the
 * other tracks left out and, if fewer than two distinct tracks remain, not at all. A track outside the
 * vocabulary gets a zero row and {@code trained[t] = false}.
 *
 * <p>Termination: DL4J's {@code fit()} is one blocking call that runs its own threads and offers no way to
 * abort (a listener that throws kills DL4J's training thread and leaves its feeding thread blocked). So
 * {@code fit()} runs on a helper thread while the calling thread calls {@link Progress#checkRunning()} every
 * 100 ms and advances the progress by the playlists handed to DL4J (one pass to build the vocabulary, then
 * one per epoch). When {@code checkRunning()} throws, the feeding iterator stops at once; DL4J still trains
 * the playlists already queued (up to 1,024 per worker; 0.9 s for playlists of 40 tracks) and runs its
 * remaining epochs empty, then the exception is rethrown. Progress is only ever called from the calling thread.
 *
 * <p>Determinism: DL4J 1.0.0-M2.1 trains on a single thread whatever {@code workers} says (workers only
 * go to the native op that processes a batch of pairs); its window and negative draws come from a
 * fixed linear congruential stream and the initial weights from {@code randomSeed}. With {@code workers = 1},
 * repeated runs on the same input and configuration gave bit-identical vectors in our checks (in one JVM
 * and across JVMs, DL4J 1.0.0-M2.1 on x86_64); DL4J does not document this as a guarantee. With
 * {@code workers = 2} the native op updates in parallel and two runs differed. DL4J reseeds the ND4J
 * random generator of the helper thread only.
 */
public final class Track2Vec {
    /** How often the calling thread checks for termination and reports progress while DL4J trains. */
    static final long POLL_MILLIS = 100;
    /** How long to wait for DL4J to wind down after termination before giving up on it. */
    static final long WIND_DOWN_SECONDS = 60;

    private Track2Vec() {
    }

    /**
     * @param trackVectors one row per dense track id: the word2vec vector, or zeros for a track outside the
     *                     vocabulary
     * @param trained      per dense track id: whether its row was trained (false: a zero row)
     */
    public record Result(float[][] trackVectors, boolean[] trained) {
        /** Number of tracks with a trained vector. */
        public int trainedCount() {
            int n = 0;
            for (boolean t : trained) {
                if (t) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * Trains track vectors on the playlists.
     *
     * @param trackCount number of tracks; ids run 0..trackCount-1
     * @param playlists  each playlist's dense track ids in playlist order (the order defines the windows);
     *                   repeats are allowed
     * @param config     the settings
     * @param progress   stage "track2vec" with unknown volume, advanced by playlists handed to DL4J
     * @throws IllegalArgumentException if a track id is outside 0..trackCount-1
     */
    public static Result train(int trackCount, List<int[]> playlists, Track2VecConfig config, Progress progress) {
        if (trackCount < 0) {
            throw new IllegalArgumentException(Track2VecConfig.OWNER + ": trackCount must be >= 0, got " + trackCount);
        }
        progress.begin("track2vec", -1);
        progress.checkRunning();

        boolean[] inVocabulary = vocabulary(trackCount, playlists, config.minCount());
        float[][] vectors = new float[trackCount][config.dimension()];
        boolean trainable = false;
        for (boolean v : inVocabulary) {
            trainable |= v;
        }
        if (!trainable) {
            return new Result(vectors, inVocabulary);
        }

        NativeBackend.ensureLoaded(Track2Vec.class);
        PlaylistSequences sequences = new PlaylistSequences(playlists, inVocabulary);
        Word2Vec word2Vec = new Word2Vec.Builder()
                .iterate(sequences)
                .elementsLearningAlgorithm(new SkipGram<VocabWord>())
                .useHierarchicSoftmax(false)
                .negativeSample(config.negativeSamples())
                .sampling(0)
                .layerSize(config.dimension())
                .windowSize(config.windowSize())
                .epochs(config.epochs())
                .iterations(1)
                .minWordFrequency(1) // minCount is applied above, before the playlists reach DL4J
                .learningRate(config.learningRate())
                .minLearningRate(config.learningRate() * 1e-4)
                .seed(config.randomSeed())
                .workers(config.workers())
                .useUnknown(false)
                .allowParallelTokenization(false)
                .build();

        fitWatched(word2Vec, sequences, progress);
        progress.checkRunning();

        InMemoryLookupTable<?> table = (InMemoryLookupTable<?>) word2Vec.lookupTable();
        float[][] syn0 = table.getSyn0().toFloatMatrix();
        boolean[] trained = new boolean[trackCount];
        for (VocabWord word : word2Vec.getVocab().vocabWords()) {
            int track = Integer.parseInt(word.getLabel());
            vectors[track] = syn0[word.getIndex()];
            trained[track] = true;
        }
        return new Result(vectors, trained);
    }

    /** Tracks with at least minCount occurrences that share a playlist with another such track. */
    static boolean[] vocabulary(int trackCount, List<int[]> playlists, int minCount) {
        long[] counts = new long[trackCount];
        for (int[] playlist : playlists) {
            for (int track : playlist) {
                if (track < 0 || track >= trackCount) {
                    throw new IllegalArgumentException(Track2VecConfig.OWNER + ": track id " + track
                            + " is outside 0.." + (trackCount - 1));
                }
                counts[track]++;
            }
        }
        boolean[] frequent = new boolean[trackCount];
        for (int t = 0; t < trackCount; t++) {
            frequent[t] = counts[t] >= minCount;
        }
        boolean[] withContext = new boolean[trackCount];
        for (int[] playlist : playlists) {
            int first = -1;
            boolean distinct = false;
            for (int track : playlist) {
                if (frequent[track]) {
                    if (first < 0) {
                        first = track;
                    } else if (track != first) {
                        distinct = true;
                        break;
                    }
                }
            }
            if (distinct) {
                for (int track : playlist) {
                    withContext[track] |= frequent[track];
                }
            }
        }
        return withContext;
    }

    /** Runs {@code fit()} on a helper thread; the calling thread checks termination and reports progress. */
    private static void fitWatched(Word2Vec word2Vec, PlaylistSequences sequences, Progress progress) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread fitter = new Thread(() -> {
            try {
                word2Vec.fit();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        }, "track2vec-fit");
        fitter.setDaemon(true);
        fitter.setContextClassLoader(Track2Vec.class.getClassLoader());
        fitter.start();

        long reported = 0;
        RuntimeException stop = null;
        try {
            while (!done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                long handed = sequences.handed.get();
                progress.advance(handed - reported);
                reported = handed;
                try {
                    progress.checkRunning();
                } catch (RuntimeException e) {
                    sequences.stopped.set(true);
                    stop = e;
                    break;
                }
            }
            if (stop != null) {
                // DL4J drains what it has queued; don't wait for it forever if it wedges.
                done.await(WIND_DOWN_SECONDS, TimeUnit.SECONDS);
                throw stop;
            }
        } catch (InterruptedException e) {
            sequences.stopped.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(Track2VecConfig.OWNER + ": interrupted while training", e);
        }
        progress.advance(sequences.handed.get() - reported);
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(Track2VecConfig.OWNER + ": training failed", t);
        }
    }

    /**
     * The playlists as DL4J sequences of vocabulary tracks, one {@link VocabWord} per occurrence, labelled by
     * the track's dense id. Playlists with fewer than two distinct vocabulary tracks are skipped. Called by
     * DL4J's threads; {@link #stopped} ends every pass at once.
     */
    static final class PlaylistSequences implements SequenceIterator<VocabWord> {
        final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicLong handed = new AtomicLong();
        private final List<int[]> playlists;
        private final boolean[] inVocabulary;
        private final String[] labels;
        private int next;

        PlaylistSequences(List<int[]> playlists, boolean[] inVocabulary) {
            this.playlists = playlists;
            this.inVocabulary = inVocabulary;
            this.labels = new String[inVocabulary.length];
            for (int t = 0; t < labels.length; t++) {
                if (inVocabulary[t]) {
                    labels[t] = Integer.toString(t);
                }
            }
            skipUnusable();
        }

        @Override
        public synchronized boolean hasMoreSequences() {
            return !stopped.get() && next < playlists.size();
        }

        @Override
        public synchronized Sequence<VocabWord> nextSequence() {
            Sequence<VocabWord> sequence = new Sequence<>();
            for (int track : playlists.get(next)) {
                if (inVocabulary[track]) {
                    sequence.addElement(new VocabWord(1.0, labels[track]));
                }
            }
            next++;
            skipUnusable();
            handed.incrementAndGet();
            return sequence;
        }

        @Override
        public synchronized void reset() {
            next = 0;
            skipUnusable();
        }

        /** Moves {@link #next} past playlists without two distinct vocabulary tracks. */
        private void skipUnusable() {
            while (next < playlists.size() && !usable(playlists.get(next))) {
                next++;
            }
        }

        private boolean usable(int[] playlist) {
            int first = -1;
            for (int track : playlist) {
                if (inVocabulary[track]) {
                    if (first < 0) {
                        first = track;
                    } else if (track != first) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
