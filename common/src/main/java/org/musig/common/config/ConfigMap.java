package org.musig.common.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Typed, validated access to a user's configuration map, in the style GDS and APOC users expect:
 * unknown keys are rejected with the list of valid keys, values of the wrong type are rejected with
 * the key, the expected type and what was given. Every value read is echoed in {@link #echo()} so a
 * procedure can return the effective configuration (defaults included).
 */
public final class ConfigMap {
    /** Longest name {@link #getIdentifier} accepts. */
    public static final int MAX_IDENTIFIER_LENGTH = 128;
    /**
     * A plain identifier: ASCII letter or '_' first, then letters, digits, '_'. Names that become property keys,
     * relationship types and index names are held to it, so none can carry quotes, backticks (Cypher decodes
     * {@code \u0060} even inside backticks) or separators into a statement, and distinct names stay distinct
     * wherever they are used (no 'a-b' and 'a_b' mapping to one index name).
     */
    private static final Pattern IDENTIFIER =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_IDENTIFIER_LENGTH - 1) + "}");
    private static final String IDENTIFIER_RULE = "a plain identifier (a letter or '_' first, then letters, digits or "
            + "'_', at most " + MAX_IDENTIFIER_LENGTH + " characters)";

    private final String owner;
    private final Map<String, Object> raw;
    private final Map<String, Object> effective = new LinkedHashMap<>();

    private ConfigMap(String owner, Map<String, Object> raw) {
        this.owner = owner;
        this.raw = raw == null ? Map.of() : raw;
    }

    /**
     * @param owner     what the configuration is for, used in messages (e.g. "musig.load.csv")
     * @param raw       the user's map (null means empty)
     * @param validKeys every key the owner accepts
     */
    public static ConfigMap of(String owner, Map<String, Object> raw, Collection<String> validKeys) {
        ConfigMap config = new ConfigMap(owner, raw);
        Set<String> unknown = new TreeSet<>(config.raw.keySet());
        unknown.removeAll(validKeys);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + ": unknown configuration key(s) " + unknown
                    + "; valid keys are " + new TreeSet<>(validKeys));
        }
        return config;
    }

    /** What the configuration is for, as messages name it. */
    public String owner() {
        return owner;
    }

    /** Whether the user gave the key with the value null (which some keys read as "none", unlike leaving it out). */
    public boolean givenAsNull(String key) {
        return raw.containsKey(key) && raw.get(key) == null;
    }

    /** The value as the user gave it (null when absent), for a setting that reads and validates it itself. */
    public Object given(String key) {
        return raw.get(key);
    }

    public boolean has(String key) {
        return raw.containsKey(key) && raw.get(key) != null;
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        long value = getLong(key, defaultValue, min, max);
        return (int) value;
    }

    public long getLong(String key, long defaultValue, long min, long max) {
        Object value = raw.get(key);
        long result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof Number n && isIntegral(n)) {
            result = n.longValue();
        } else {
            throw wrongType(key, "an integer", value, integerRange(min, max));
        }
        if (result < min || result > max) {
            throw new IllegalArgumentException(owner + ": configuration key '" + key + "' must be "
                    + integerRange(min, max) + ", got " + result);
        }
        effective.put(key, result);
        return result;
    }

    public double getDouble(String key, double defaultValue, double min, double max) {
        Object value = raw.get(key);
        double result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof Number n) {
            result = n.doubleValue();
        } else {
            throw wrongType(key, "a number", value, numberRange(min, max));
        }
        if (Double.isNaN(result) || result < min || result > max) {
            throw new IllegalArgumentException(owner + ": configuration key '" + key + "' must be a number "
                    + numberRange(min, max) + ", got " + result);
        }
        effective.put(key, result);
        return result;
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Object value = raw.get(key);
        boolean result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof Boolean b) {
            result = b;
        } else {
            throw wrongType(key, "a boolean", value);
        }
        effective.put(key, result);
        return result;
    }

    public String getString(String key, String defaultValue) {
        Object value = raw.get(key);
        String result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof String s) {
            result = s;
        } else {
            throw wrongType(key, "a string", value);
        }
        effective.put(key, result);
        return result;
    }

    /** A name (of a graph, a model): a string that is not blank. */
    public String getNonEmptyString(String key, String defaultValue) {
        Object value = raw.get(key);
        String result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof String s && !s.isBlank()) {
            result = s;
        } else {
            throw wrongType(key, "a non-empty string", value);
        }
        effective.put(key, result);
        return result;
    }

    /** Whether {@code name} is a plain identifier (see {@link #IDENTIFIER}). */
    public static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    /** Refuses a name that is not a plain identifier, naming {@code what} (e.g. a configuration key) and the value. */
    public static String requireIdentifier(String owner, String what, String name) {
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException(owner + ": " + what + " must be " + IDENTIFIER_RULE + ", got "
                    + (name == null ? "null" : describe(name)));
        }
        return name;
    }

    /** A property, relationship type or index name: a string that must be a plain identifier. */
    public String getIdentifier(String key, String defaultValue) {
        String value = getString(key, defaultValue);
        return requireIdentifier(owner, "configuration key '" + key + "'", value);
    }

    /** A list of plain identifiers (see {@link #getIdentifier}). */
    public List<String> getIdentifierList(String key, List<String> defaultValue) {
        List<String> values = getStringList(key, defaultValue);
        for (String value : values) {
            requireIdentifier(owner, "every entry of configuration key '" + key + "'", value);
        }
        return values;
    }

    /** A string that must be one of {@code allowed} (compared case-insensitively, returned lower-case). */
    public String getChoice(String key, String defaultValue, Collection<String> allowed) {
        String value = getString(key, defaultValue);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new IllegalArgumentException(owner + ": configuration key '" + key + "' must be one of "
                    + allowed + ", got '" + value + "'");
        }
        effective.put(key, lower);
        return lower;
    }

    public List<String> getStringList(String key, List<String> defaultValue) {
        Object value = raw.get(key);
        List<String> result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof List<?> list) {
            result = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw wrongType(key, "a list of strings", value);
                }
                result.add(s);
            }
        } else {
            throw wrongType(key, "a list of strings", value);
        }
        effective.put(key, result);
        return result;
    }

    /** A list of integers, each in {@code [min, max]}; the list itself must have {@code minSize..maxSize} entries. */
    public List<Integer> getIntList(String key, List<Integer> defaultValue, int minSize, int maxSize, int min,
                                    int max) {
        Object value = raw.get(key);
        List<Integer> result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof List<?> list) {
            result = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof Number n) || !isIntegral(n)) {
                    throw wrongType(key, "a list of integers", value, listRange(minSize, maxSize, min, max));
                }
                long v = n.longValue();
                if (v < min || v > max) {
                    throw new IllegalArgumentException(
                            owner + ": configuration key '" + key + "' must hold integers between "
                                    + min + " and " + max + ", got " + v);
                }
                result.add((int) v);
            }
        } else {
            throw wrongType(key, "a list of integers", value, listRange(minSize, maxSize, min, max));
        }
        if (result.size() < minSize || result.size() > maxSize) {
            throw new IllegalArgumentException(owner + ": configuration key '" + key + "' must have between " + minSize
                    + " and " + maxSize + " entries, got " + result.size());
        }
        result = List.copyOf(result);
        effective.put(key, result);
        return result;
    }

    /** A list of numbers, each in {@code [min, max]}; the list itself must have {@code minSize..maxSize} entries. */
    public List<Double> getDoubleList(String key, List<Double> defaultValue, int minSize, int maxSize, double min,
                                      double max) {
        Object value = raw.get(key);
        List<Double> result;
        String allowed = minSize + " to " + maxSize + " numbers, each " + numberRange(min, max);
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof List<?> list) {
            result = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof Number n)) {
                    throw wrongType(key, "a list of numbers", value, allowed);
                }
                double v = n.doubleValue();
                if (Double.isNaN(v) || v < min || v > max) {
                    throw new IllegalArgumentException(owner + ": configuration key '" + key + "' must hold numbers "
                            + numberRange(min, max) + ", got " + v);
                }
                result.add(v);
            }
        } else {
            throw wrongType(key, "a list of numbers", value, allowed);
        }
        if (result.size() < minSize || result.size() > maxSize) {
            throw new IllegalArgumentException(owner + ": configuration key '" + key + "' must have between " + minSize
                    + " and " + maxSize + " entries, got " + result.size());
        }
        result = List.copyOf(result);
        effective.put(key, result);
        return result;
    }

    /**
     * A map from some of {@code defaults}' keys to numbers in {@code [min, max]}; keys the user leaves out keep
     * their default, keys not in {@code defaults} are rejected. Returned in {@code defaults}' key order.
     */
    public Map<String, Double> getDoubleMap(String key, Map<String, Double> defaults, double min, double max) {
        Object value = raw.get(key);
        Map<String, Double> result = new LinkedHashMap<>(defaults);
        if (value != null) {
            if (!(value instanceof Map<?, ?> map)) {
                throw wrongType(key, "a map of numbers", value);
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k) || !defaults.containsKey(k)) {
                    throw new IllegalArgumentException(owner + ": configuration key '" + key + "' has unknown entry '"
                            + e.getKey() + "'; valid entries are " + new TreeSet<>(defaults.keySet()));
                }
                if (!(e.getValue() instanceof Number n)) {
                    throw wrongType(key + "." + k, "a number", e.getValue() == null ? "null" : e.getValue());
                }
                double d = n.doubleValue();
                if (Double.isNaN(d) || d < min || d > max) {
                    throw new IllegalArgumentException(owner + ": configuration key '" + key + "." + k
                            + "' must be a number between " + min + " and " + max + ", got " + d);
                }
                result.put(k, d);
            }
        }
        effective.put(key, new LinkedHashMap<>(result));
        return result;
    }

    /**
     * A map whose values are each a string or a non-empty list of strings (a column mapping, where a list names the
     * columns a key is built from), read as lists: a string is a list of one. The echo keeps each value as given.
     */
    public Map<String, List<String>> getStringsMap(String key) {
        Object value = raw.get(key);
        Map<String, List<String>> result = new LinkedHashMap<>();
        Map<String, Object> echoed = new LinkedHashMap<>();
        if (value == null) {
            effective.put(key, echoed);
            return result;
        }
        String expected = "a map of strings or non-empty lists of strings";
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType(key, expected, value);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw wrongType(key, expected, value);
            }
            if (e.getValue() instanceof String v) {
                result.put(k, List.of(v));
                echoed.put(k, v);
            } else if (e.getValue() instanceof List<?> list && !list.isEmpty()
                    && list.stream().allMatch(String.class::isInstance)) {
                List<String> strings = list.stream().map(String.class::cast).toList();
                result.put(k, strings);
                echoed.put(k, strings);
            } else {
                throw wrongType(key + "." + k, "a string or a non-empty list of strings",
                        e.getValue() == null ? "null" : e.getValue());
            }
        }
        effective.put(key, echoed);
        return result;
    }

    /**
     * A list of number tuples of one arity, each number in {@code [min, max]} (e.g. a grid of task weights
     * {@code [[1, 1, 1], [1, 0, 0]]}).
     */
    public List<List<Double>> getDoubleTuples(String key, List<List<Double>> defaultValue, int arity, double min,
                                              double max) {
        Object value = raw.get(key);
        if (value == null) {
            effective.put(key, defaultValue);
            return defaultValue;
        }
        String expected = "a non-empty list of lists of " + arity + " numbers";
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw wrongType(key, expected, value);
        }
        List<List<Double>> result = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof List<?> tuple) || tuple.size() != arity) {
                throw wrongType(key, expected, value);
            }
            List<Double> numbers = new ArrayList<>();
            for (Object n : tuple) {
                if (!(n instanceof Number number) || Double.isNaN(number.doubleValue()) || number.doubleValue() < min
                        || number.doubleValue() > max) {
                    throw new IllegalArgumentException(owner + ": configuration key '" + key + "' must hold numbers "
                            + "between " + min + " and " + max + ", got " + describe(tuple));
                }
                numbers.add(number.doubleValue());
            }
            result.add(List.copyOf(numbers));
        }
        effective.put(key, result);
        return List.copyOf(result);
    }

    /** A nested configuration map, handed on as it is (its owner validates it); empty when absent. */
    public Map<String, Object> getMap(String key) {
        Object value = raw.get(key);
        if (value == null) {
            effective.put(key, Map.of());
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType(key, "a map", value);
        }
        Map<String, Object> result = withStringKeys(map);
        if (result == null) {
            throw wrongType(key, "a map with string keys", value);
        }
        effective.put(key, result);
        return result;
    }

    /**
     * A non-empty list of nested maps with string keys, each handed on as it is (its owner validates it); the default
     * when absent.
     */
    public List<Map<String, Object>> getMapList(String key, List<Map<String, Object>> defaultValue) {
        Object value = raw.get(key);
        if (value == null) {
            effective.put(key, defaultValue);
            return defaultValue;
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw wrongType(key, "a non-empty list of maps", value);
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> map)) {
                throw wrongType(key, "a list of maps", value);
            }
            Map<String, Object> copy = withStringKeys(map);
            if (copy == null) {
                throw wrongType(key, "a list of maps with string keys", value);
            }
            result.add(java.util.Collections.unmodifiableMap(copy));
        }
        List<Map<String, Object>> maps = java.util.Collections.unmodifiableList(result);
        effective.put(key, maps);
        return maps;
    }

    /** A copy of {@code map} in its order, or null when a key is not a string. */
    private static Map<String, Object> withStringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                return null;
            }
            copy.put(k, e.getValue());
        }
        return copy;
    }

    /** The effective configuration: every key read so far with the value used (defaults included). */
    public Map<String, Object> echo() {
        return new LinkedHashMap<>(effective);
    }

    private IllegalArgumentException wrongType(String key, String expected, Object value) {
        return new IllegalArgumentException(owner + ": configuration key '" + key + "' must be " + expected
                + ", got " + value.getClass().getSimpleName() + " " + describe(value));
    }

    /** A wrong type, with the values that would have been accepted (so one error tells the user everything). */
    private IllegalArgumentException wrongType(String key, String expected, Object value, String allowed) {
        return new IllegalArgumentException(
                wrongType(key, expected, value).getMessage() + " (allowed: " + allowed + ")");
    }

    private static String integerRange(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "any integer";
        }
        return max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
    }

    /** A minimum of (nearly) the smallest positive double reads "greater than 0", not "between 4.9E-324 and ...". */
    private static String numberRange(double min, double max) {
        String lower = min > 0 && min < 1e-300 ? "greater than 0" : null;
        if (lower == null) {
            return "between " + min + " and " + max;
        }
        return lower + " and at most " + max;
    }

    private static String listRange(int minSize, int maxSize, long min, long max) {
        return minSize + " to " + maxSize + " integers, each " + integerRange(min, max);
    }

    private static String describe(Object value) {
        String text = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static boolean isIntegral(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return !Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d);
        }
        return true;
    }
}
