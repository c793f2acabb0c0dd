package org.musig.model;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes ND4J find its native backend. Loaded from a Neo4j server's plugins directory, ND4J looks for
 * its backend through the wrong class loader (NoAvailableBackendException) unless it is told which
 * loader holds the plugin's classes, so every entry point calls {@link #ensureLoaded(Class)} first.
 */
public final class NativeBackend {
    private static volatile boolean loaded;

    private NativeBackend() {
    }

    /** @param anchor any class loaded by the same class loader as ND4J (e.g. the calling procedure class) */
    public static synchronized void ensureLoaded(Class<?> anchor) {
        if (loaded) {
            return;
        }
        ND4JClassLoading.setNd4jClassloaderFromClass(anchor);
        Nd4j.getBackend(); // forces backend discovery now, with a clear failure if it is missing
        loaded = true;
    }

    /** A one-line description of the backend in use (for logs and `musig.version`-style output). */
    public static String describe() {
        return Nd4j.getBackend().getClass().getSimpleName() + " on " + System.getProperty("os.arch");
    }
}
