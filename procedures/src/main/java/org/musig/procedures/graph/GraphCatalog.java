package org.musig.procedures.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.musig.procedures.state.DatabaseScoped;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * MUSIG's in-memory graph catalog of one database, like GDS's: built graphs stay here until dropped or until
 * the database stops (they are derived data; {@code musig.graph.build} recreates one). Per database
 * instance, not per name: a graph holds node ids, which mean nothing in a database created again under the
 * same name.
 */
public final class GraphCatalog {
    private static final DatabaseScoped<GraphCatalog> CATALOGS = new DatabaseScoped<>(GraphCatalog.class,
            scope -> new GraphCatalog(scope.id().name()));

    private final String databaseName;
    private final Map<String, MusigGraph> graphs = new ConcurrentHashMap<>();

    private GraphCatalog(String databaseName) {
        this.databaseName = databaseName;
    }

    /** The catalog of the procedure's database. */
    public static GraphCatalog of(GraphDatabaseService db) {
        return CATALOGS.of(db);
    }

    public void put(MusigGraph graph) {
        graphs.put(graph.name(), graph);
    }

    /** The named graph; fails naming the graphs that exist when there is none. */
    public MusigGraph require(String name) {
        MusigGraph graph = graphs.get(name);
        if (graph == null) {
            List<String> names = list().stream().map(MusigGraph::name).toList();
            throw new IllegalArgumentException("no MUSIG graph named '" + name + "' in database '" + databaseName
                    + "'; existing graphs: " + (names.isEmpty() ? "none (build one with musig.graph.build)" : names));
        }
        return graph;
    }

    public List<MusigGraph> list() {
        List<MusigGraph> sorted = new ArrayList<>(graphs.values());
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        return sorted;
    }

    /** Removes the named graph; null when there was none. */
    public MusigGraph remove(String name) {
        return graphs.remove(name);
    }
}
