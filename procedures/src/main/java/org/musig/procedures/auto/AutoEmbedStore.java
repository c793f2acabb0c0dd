package org.musig.procedures.auto;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * {@code (:MusigAutoEmbed {modelName, writeProperty, debounceMillis})} nodes: one per registration, so that
 * the database re-registers them when it starts again.
 */
final class AutoEmbedStore {
    static final Label LABEL = Label.label("MusigAutoEmbed");

    private AutoEmbedStore() {
    }

    /** Writes the registration, replacing one for the same model. */
    static void save(Transaction tx, AutoEmbedConfig config) {
        delete(tx, config.modelName());
        Node node = tx.createNode(LABEL);
        node.setProperty("modelName", config.modelName());
        node.setProperty("writeProperty", config.writeProperty());
        node.setProperty("debounceMillis", config.debounceMillis());
    }

    static void delete(Transaction tx, String modelName) {
        try (ResourceIterator<Node> nodes = tx.findNodes(LABEL, "modelName", modelName)) {
            nodes.forEachRemaining(Node::delete);
        }
    }

    static List<AutoEmbedConfig> list(Transaction tx) {
        List<AutoEmbedConfig> configs = new ArrayList<>();
        try (ResourceIterator<Node> nodes = tx.findNodes(LABEL)) {
            nodes.forEachRemaining(n -> configs.add(new AutoEmbedConfig((String) n.getProperty("modelName"),
                    (String) n.getProperty("writeProperty"), ((Number) n.getProperty("debounceMillis")).longValue())));
        }
        return configs;
    }
}
