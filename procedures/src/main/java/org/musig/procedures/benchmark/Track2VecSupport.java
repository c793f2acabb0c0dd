package org.musig.procedures.benchmark;

import java.util.List;

/**
 * Whether the Track2Vec baseline can run on this server: the one place that asks. Track2Vec is DL4J's word2vec,
 * and {@code org.musig.baselines.Track2Vec} is the only MUSIG class that touches DL4J; {@link BenchmarkRun} calls
 * it only when a benchmark's methods include {@code 'track2vec'}, so a server that never asks for it never loads
 * a DL4J class. The plugin jar bundles DL4J; on a server without it every other procedure and benchmark
 * method still runs, and the benchmark reports its track2vec rows as skipped with {@link #absence()}.
 */
final class Track2VecSupport {
    /** The baseline and the DL4J class it builds on (deeplearning4j-nlp, extending deeplearning4j-nn's types). */
    static final List<String> REQUIRED = List.of("org.musig.baselines.Track2Vec",
            "org.deeplearning4j.models.word2vec.Word2Vec");

    private Track2VecSupport() {
    }

    /** Null when Track2Vec can run here, else why not; looked up once (the first time a benchmark asks). */
    static String absence() {
        return Once.ABSENCE;
    }

    /**
     * Null when every {@link #REQUIRED} class (and what it extends) loads from {@code loader}, else the message
     * the skipped rows carry. Classes are loaded but not initialised.
     */
    static String absence(ClassLoader loader) {
        for (String name : REQUIRED) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return message(e instanceof ClassNotFoundException ? name : e.getMessage());
            }
        }
        return null;
    }

    /** The message for a class that went missing while Track2Vec ran (present at the check, absent later). */
    static String absence(NoClassDefFoundError e) {
        return message(e.getMessage());
    }

    private static String message(String missing) {
        return "track2vec needs DL4J's word2vec (deeplearning4j-nlp and deeplearning4j-nn) and MUSIG's baselines, "
                + "which the MUSIG plugin jar bundles; this server lacks " + String.valueOf(missing).replace('/', '.')
                + ": install the full plugin jar or leave 'track2vec' out of methods";
    }

    private static final class Once {
        static final String ABSENCE = absence(Track2VecSupport.class.getClassLoader());
    }
}
