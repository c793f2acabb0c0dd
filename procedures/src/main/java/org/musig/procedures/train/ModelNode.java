package org.musig.procedures.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Node;

/**
 * Typed reads of a {@code (:MusigModel)} node's properties. Anyone who can write may have changed them
 * ({@code SET m.epochs = 'x'}), so a missing property or one of another type is an
 * {@link IllegalArgumentException} naming the model and the property - never a ClassCastException.
 */
final class ModelNode {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Node node;
    private final String name;

    ModelNode(Node node) {
        this.node = node;
        this.name = nameOf(node);
    }

    /** The model's name as written, or its text when someone stored another type there. */
    static String nameOf(Node node) {
        Object value = node.getProperty("name");
        return value instanceof String s ? s : String.valueOf(value);
    }

    String name() {
        return name;
    }

    /** Without a cause on purpose: Neo4j reports a procedure's root cause, which would drop the model's name. */
    IllegalArgumentException corrupt(String what) {
        return new IllegalArgumentException("corrupt model '" + name + "': " + what);
    }

    String string(String key) {
        return typed(key, String.class, "a string");
    }

    String optionalString(String key) {
        return node.hasProperty(key) ? string(key) : null;
    }

    long number(String key) {
        Object value = node.getProperty(key);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw corrupt("property '" + key + "' is " + describe(value) + ", not an integer");
    }

    ZonedDateTime dateTime(String key) {
        return typed(key, ZonedDateTime.class, "a datetime");
    }

    byte[] bytes(String key) {
        return typed(key, byte[].class, "a byte array");
    }

    List<String> strings(String key) {
        return List.of(typed(key, String[].class, "a list of strings"));
    }

    /** A JSON object stored as a string (the configuration, the losses), as plain values Cypher can return. */
    Map<String, Object> jsonObject(String key) {
        String text = string(key);
        Object value;
        try {
            value = JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw corrupt("property '" + key + "' is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(value instanceof Map<?, ?>)) {
            throw corrupt("property '" + key + "' is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain(value);
        return map;
    }

    private <T> T typed(String key, Class<T> type, String expected) {
        Object value = node.getProperty(key);
        if (!type.isInstance(value)) {
            throw corrupt("property '" + key + "' is " + describe(value) + ", not " + expected);
        }
        return type.cast(value);
    }

    private static String describe(Object value) {
        return value == null ? "missing" : "a " + value.getClass().getSimpleName();
    }

    /** JSON numbers too large for a long come back as BigInteger/BigDecimal, which Cypher cannot return. */
    private static Object plain(Object value) {
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return value;
    }
}
