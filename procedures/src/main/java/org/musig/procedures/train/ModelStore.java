package org.musig.procedures.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.musig.model.train.CorruptModelException;
import org.musig.model.train.TrainedModel;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * {@code (:MusigModel)} nodes: one per model, written in a single transaction at the end of training, so
 * a model is visible only when complete (a stopped or crashed training leaves nothing behind). The
 * parameters are the model's own serialised form (a byte[] property); the configuration and losses are
 * also stored as readable JSON strings.
 */
public final class ModelStore {
    static final Label LABEL = Label.label("MusigModel");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelStore() {
    }

    static boolean exists(Transaction tx, String name) {
        return tx.findNode(LABEL, "name", name) != null;
    }

    /**
     * The named model, read in a transaction of its own: reading its parameter array in a transaction that
     * goes on to scan the store slows every later array read there about 100 times (see SplitStore#load).
     */
    static StoredModel load(org.neo4j.graphdb.GraphDatabaseService db, String name) {
        try (Transaction own = db.beginTx()) {
            return require(own, name);
        }
    }

    /** The named model; fails naming the models that exist when there is none. */
    static StoredModel require(Transaction tx, String name) {
        Node node = tx.findNode(LABEL, "name", name);
        if (node == null) {
            throw missing(tx, name);
        }
        return read(node);
    }

    /** As {@link #require}, without reading the model's parameters. */
    public static void requireExists(Transaction tx, String name) {
        if (!exists(tx, name)) {
            throw missing(tx, name);
        }
    }

    private static IllegalArgumentException missing(Transaction tx, String name) {
        return new IllegalArgumentException("no model named '" + name + "'; existing models: "
                + describe(names(tx), "none (train one with musig.train)"));
    }

    static List<String> names(Transaction tx) {
        List<String> names = new ArrayList<>();
        try (ResourceIterator<Node> nodes = tx.findNodes(LABEL)) {
            nodes.forEachRemaining(n -> names.add(ModelNode.nameOf(n)));
        }
        names.sort(String::compareTo);
        return names;
    }

    /** Which model wrote an embedding property last, with the split its training graph left out (null: none). */
    public record PropertyWriter(String modelName, String graphName, String excludedSplit) {
    }

    private static final String WRITTEN_PROPERTIES = "writtenProperties";

    /**
     * Records that {@code modelName}'s vectors are now in {@code property} (and no other model's), so that an
     * evaluation can tell which training produced the vectors it ranks with.
     */
    static void recordWrittenProperty(Transaction tx, String modelName, String property) {
        try (ResourceIterator<Node> nodes = tx.findNodes(LABEL)) {
            nodes.forEachRemaining(node -> {
                List<String> written = new ArrayList<>(writtenProperties(node));
                boolean changed = written.remove(property);
                if (modelName.equals(node.getProperty("name", null))) {
                    written.add(property);
                    changed = true;
                }
                if (changed) {
                    node.setProperty(WRITTEN_PROPERTIES, written.toArray(String[]::new));
                }
            });
        }
    }

    /** The model whose {@code musig.embed.write} last wrote {@code property}, or null when none is recorded. */
    public static PropertyWriter writerOf(Transaction tx, String property) {
        try (ResourceIterator<Node> nodes = tx.findNodes(LABEL)) {
            while (nodes.hasNext()) {
                Node node = nodes.next();
                if (writtenProperties(node).contains(property)) {
                    ModelNode model = new ModelNode(node);
                    return new PropertyWriter(model.name(), model.optionalString("graphName"),
                            model.optionalString("excludedSplit"));
                }
            }
        }
        return null;
    }

    /** Only what was written by {@code embed.write}: a value of another type counts as none. */
    private static List<String> writtenProperties(Node node) {
        return node.getProperty(WRITTEN_PROPERTIES, null) instanceof String[] written ? List.of(written) : List.of();
    }

    /**
     * What {@code musig.model.list} shows, from each node's own properties: the parameters are not decoded, so
     * listing stays cheap and one damaged model cannot break the listing of the others. A model whose listed
     * properties are damaged is still a row, with its name and {@code error} saying what is wrong.
     */
    static List<TrainProcedures.ModelRow> list(Transaction tx) {
        List<TrainProcedures.ModelRow> models = new ArrayList<>();
        try (ResourceIterator<Node> nodes = tx.findNodes(LABEL)) {
            nodes.forEachRemaining(n -> models.add(listing(new ModelNode(n))));
        }
        models.sort((a, b) -> a.modelName().compareTo(b.modelName()));
        return models;
    }

    private static TrainProcedures.ModelRow listing(ModelNode m) {
        try {
            return new TrainProcedures.ModelRow(m.name(), m.string("graphName"), m.number("epochs"),
                    m.number("embeddingDimension"), m.strings("featureGroups"), m.number("nodeCount"),
                    m.number("relationshipCount"), m.number("minWeight"), m.optionalString("excludedSplit"),
                    m.number("trainMillis"), m.jsonObject("lossPerEpoch"), m.jsonObject("config"),
                    m.dateTime("createdAt"), null);
        } catch (IllegalArgumentException e) {
            return new TrainProcedures.ModelRow(m.name(), null, null, null, null, null, null, null, null, null, null,
                    null, null, e.getMessage());
        }
    }

    /** Writes the model, replacing one of the same name. */
    static void write(Transaction tx, StoredModel stored) {
        delete(tx, stored.name());
        TrainedModel model = stored.model();
        Node node = tx.createNode(LABEL);
        node.setProperty("name", stored.name());
        node.setProperty("parameters", model.serialize());
        node.setProperty("graphName", stored.graphName());
        node.setProperty("minWeight", (long) stored.minWeight());
        if (stored.excludedSplit() != null) {
            node.setProperty("excludedSplit", stored.excludedSplit());
        }
        node.setProperty("nodeCount", stored.nodeCount());
        node.setProperty("relationshipCount", stored.relationshipCount());
        node.setProperty("trainMillis", stored.trainMillis());
        node.setProperty("epochs", (long) model.epochsRun());
        node.setProperty("embeddingDimension", (long) model.embeddingDimension());
        node.setProperty("featureGroups", model.featureGroups().toArray(String[]::new));
        node.setProperty("config", json(model.config().toMap()));
        node.setProperty("lossPerEpoch", json(model.losses()));
        node.setProperty("pairsPerSecond", model.pairsPerSecond());
        node.setProperty("createdAt", stored.createdAt());
    }

    static boolean delete(Transaction tx, String name) {
        Node node = tx.findNode(LABEL, "name", name);
        if (node == null) {
            return false;
        }
        node.delete();
        return true;
    }

    /** The model with its parameters decoded; damaged bytes or properties fail naming the model and what is wrong. */
    private static StoredModel read(Node node) {
        ModelNode m = new ModelNode(node);
        TrainedModel model;
        try {
            model = TrainedModel.deserialize(m.bytes("parameters"));
        } catch (CorruptModelException e) {
            throw m.corrupt(e.reason());
        }
        long minWeight = m.number("minWeight");
        if (minWeight < 1 || minWeight > Integer.MAX_VALUE) {
            throw m.corrupt("property 'minWeight' is " + minWeight);
        }
        return new StoredModel(m.name(), model, m.string("graphName"), (int) minWeight,
                m.optionalString("excludedSplit"),
                m.number("nodeCount"), m.number("relationshipCount"), m.number("trainMillis"), m.dateTime("createdAt"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a model's settings as JSON", e);
        }
    }

    static String describe(List<String> names, String none) {
        return names.isEmpty() ? none : names.toString();
    }
}
