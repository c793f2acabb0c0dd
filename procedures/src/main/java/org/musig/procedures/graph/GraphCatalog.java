package org.musig.procedures.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MUSIG's in-memory graph catalog, per database, like GDS's: built graphs stay here until dropped or
 * until the server stops (they are derived data; {@code musig.graph.build} recreates one).
 */
public final class GraphCatalog {
    private static final Map<String, Map<String, MusigGraph>> GRAPHS = new ConcurrentHashMap<>();

    private GraphCatalog() {
    }

    public static void put(MusigGraph graph) {
        GRAPHS.computeIfAbsent(graph.databaseName(), db -> new ConcurrentHashMap<>()).put(graph.name(), graph);
    }

    /** The named graph; fails naming the graphs that exist when there is none. */
    public static MusigGraph require(String databaseName, String name) {
        MusigGraph graph = GRAPHS.getOrDefault(databaseName, Map.of()).get(name);
        if (graph == null) {
            List<String> names = list(databaseName).stream().map(MusigGraph::name).toList();
            throw new IllegalArgumentException("no MUSIG graph named '" + name + "' in database '" + databaseName
                    + "'; existing graphs: " + (names.isEmpty() ? "none (build one with musig.graph.build)" : names));
        }
        return graph;
    }

    public static List<MusigGraph> list(String databaseName) {
        List<MusigGraph> graphs = new ArrayList<>(GRAPHS.getOrDefault(databaseName, Map.of()).values());
        graphs.sort((a, b) -> a.name().compareTo(b.name()));
        return graphs;
    }

    /** Removes the named graph; null when there was none. */
    public static MusigGraph remove(String databaseName, String name) {
        Map<String, MusigGraph> graphs = GRAPHS.get(databaseName);
        return graphs == null ? null : graphs.remove(name);
    }
}
