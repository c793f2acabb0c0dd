package org.musig.procedures.recommend;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.musig.loaders.GraphModel;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.event.LabelEntry;
import org.neo4j.graphdb.event.PropertyEntry;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;

/**
 * A version per watched node property, changed after every commit that sets or removes that property on a
 * node (a node created with it or deleted with it included) or adds or removes a Track label, and by nothing
 * else: unrelated writes leave a cached matrix valid. Versions come from one counter, so a property watched
 * again after being dropped never gets a version it had before.
 *
 * <p>It runs after every commit of the database while registered, so it only looks up the changed property
 * keys in a map and allocates nothing unless a watched one is among them.
 */
final class PropertyVersions implements TransactionEventListener<Void> {
    private final AtomicLong clock = new AtomicLong();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    /** The current version of {@code property}, watching it from now on if it was not. */
    long watch(String property) {
        return versions.computeIfAbsent(property, p -> clock.incrementAndGet());
    }

    void unwatch(String property) {
        versions.remove(property);
    }

    @Override
    public Void beforeCommit(TransactionData data, org.neo4j.graphdb.Transaction transaction, GraphDatabaseService db) {
        return null;
    }

    @Override
    public void afterCommit(TransactionData data, Void state, GraphDatabaseService db) {
        if (versions.isEmpty()) {
            return;
        }
        if (touchesTrackLabel(data.assignedLabels()) || touchesTrackLabel(data.removedLabels())) {
            versions.keySet().forEach(this::bump);
            return;
        }
        Set<String> touched = touched(data.assignedNodeProperties(), touched(data.removedNodeProperties(), null));
        if (touched != null) {
            touched.forEach(this::bump);
        }
    }

    @Override
    public void afterRollback(TransactionData data, Void state, GraphDatabaseService db) {
    }

    private Set<String> touched(Iterable<PropertyEntry<Node>> entries, Set<String> touched) {
        for (PropertyEntry<Node> entry : entries) {
            if (versions.containsKey(entry.key())) {
                if (touched == null) {
                    touched = new HashSet<>();
                }
                touched.add(entry.key());
            }
        }
        return touched;
    }

    private static boolean touchesTrackLabel(Iterable<LabelEntry> entries) {
        for (LabelEntry entry : entries) {
            if (entry.label().name().equals(GraphModel.TRACK.name())) {
                return true;
            }
        }
        return false;
    }

    private void bump(String property) {
        versions.computeIfPresent(property, (p, v) -> clock.incrementAndGet());
    }
}
