package org.musig.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One configuration key, declared once: its key, value type, default, what values it accepts and one line of
 * documentation. {@link Settings} reads a user's map with these declarations, echoes the effective values and
 * renders the documentation's table from them, so a key's default, range and meaning live in one place.
 *
 * <p>Reading goes through {@link ConfigMap}, which names the key, the expected type and what was given in every
 * error. Rules a type and range cannot say (a list without repeats, a weight that must not be all zeros) are
 * {@link #check}s, whose messages are prefixed with the owner like every other error.
 *
 * @param <T> the value type: Integer, Long, Double, Boolean, String, a {@link Choice} enum, or a list or map of these
 */
public final class Setting<T> {

    /** Reads the key's value (or the default) from a user's map, validating type and range. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ConfigMap config, String key);
    }

    private final String key;
    private final Class<?> type;
    private final T defaultValue;
    private final Reader<T> reader;
    private final String doc;
    private final String shownDefault; // null: rendered from defaultValue
    private final List<Function<? super T, String>> checks;
    private final List<T> paperValue; // empty: the published method has no such setting, or any value is its

    private Setting(String key, Class<?> type, T defaultValue, Reader<T> reader, String doc, String shownDefault,
                    List<Function<? super T, String>> checks, List<T> paperValue) {
        this.key = Objects.requireNonNull(key);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.reader = Objects.requireNonNull(reader);
        this.doc = requireTableCell(key, doc);
        this.shownDefault = shownDefault;
        this.checks = List.copyOf(checks);
        this.paperValue = List.copyOf(paperValue);
    }

    /**
     * A setting read by a reader of its own (for values no factory below describes). {@code type} is the value's
     * class, {@code defaultValue} what an absent key gives (it is shown in the documentation's table).
     */
    public static <T> Setting<T> of(String key, Class<?> type, T defaultValue, Reader<T> reader, String doc) {
        return new Setting<>(key, type, defaultValue, reader, doc, null, List.of(), List.of());
    }

    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String doc) {
        return of(key, Integer.class, defaultValue, (c, k) -> c.getInt(k, defaultValue, min, max), doc);
    }

    public static Setting<Long> longInteger(String key, long defaultValue, long min, long max, String doc) {
        return of(key, Long.class, defaultValue, (c, k) -> c.getLong(k, defaultValue, min, max), doc);
    }

    public static Setting<Double> number(String key, double defaultValue, double min, double max, String doc) {
        return of(key, Double.class, defaultValue, (c, k) -> c.getDouble(k, defaultValue, min, max), doc);
    }

    public static Setting<Boolean> bool(String key, boolean defaultValue, String doc) {
        return of(key, Boolean.class, defaultValue, (c, k) -> c.getBoolean(k, defaultValue), doc);
    }

    /** Any string; {@code defaultValue} may be null (then say with {@link #shownAs} what an absent key means). */
    public static Setting<String> string(String key, String defaultValue, String doc) {
        return of(key, String.class, defaultValue, (c, k) -> c.getString(k, defaultValue), doc);
    }

    /** A name (of a graph, a model): a string that is not blank. */
    public static Setting<String> nonEmptyString(String key, String defaultValue, String doc) {
        return of(key, String.class, defaultValue, (c, k) -> c.getNonEmptyString(k, defaultValue), doc);
    }

    /** A property, relationship type or index name (see {@link ConfigMap#getIdentifier}). */
    public static Setting<String> identifier(String key, String defaultValue, String doc) {
        return of(key, String.class, defaultValue, (c, k) -> c.getIdentifier(k, defaultValue), doc);
    }

    /**
     * One of an enum's constants, written in lower case (case-insensitive on input, see {@link Choice}). The doc
     * must name every choice as {@code `'text'`}, so the documentation cannot miss one.
     */
    public static <E extends Enum<E> & Choice> Setting<E> choice(String key, Class<E> type, E defaultValue,
                                                                 String doc) {
        List<String> texts = Arrays.stream(type.getEnumConstants()).map(Choice::text).toList();
        for (String text : texts) {
            if (doc == null || !doc.contains("`'" + text + "'`")) {
                throw new IllegalArgumentException("setting '" + key + "': its doc must name the choice `'" + text
                        + "'`, got " + doc);
            }
        }
        return of(key, type, defaultValue, (c, k) -> {
            String text = c.getChoice(k, defaultValue.text(), texts);
            return type.getEnumConstants()[texts.indexOf(text)];
        }, doc);
    }

    /** A list of integers in {@code [min, max]} with {@code minSize..maxSize} entries. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Setting<List<Integer>> integerList(String key, List<Integer> defaultValue, int minSize, int maxSize,
                                                     int min, int max, String doc) {
        return (Setting) of(key, List.class, List.copyOf(defaultValue),
                (c, k) -> c.getIntList(k, defaultValue, minSize, maxSize, min, max), doc);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Setting<List<String>> stringList(String key, List<String> defaultValue, String doc) {
        return (Setting) of(key, List.class, List.copyOf(defaultValue), (c, k) -> c.getStringList(k, defaultValue),
                doc);
    }

    /** A list of property, relationship type or index names. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Setting<List<String>> identifierList(String key, List<String> defaultValue, String doc) {
        return (Setting) of(key, List.class, List.copyOf(defaultValue), (c, k) -> c.getIdentifierList(k, defaultValue),
                doc);
    }

    /** Numbers in {@code [min, max]} by name; the names are {@code defaults}' keys, which the user may leave out. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Setting<Map<String, Double>> numberMap(String key, Map<String, Double> defaults, double min,
                                                         double max,
                                                         String doc) {
        Map<String, Double> ordered = new LinkedHashMap<>(defaults);
        return (Setting) of(key, Map.class, ordered, (c, k) -> c.getDoubleMap(k, ordered, min, max), doc);
    }

    /** A non-empty list of tuples of {@code arity} numbers, each in {@code [min, max]}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Setting<List<List<Double>>> numberTuples(String key, List<List<Double>> defaultValue, int arity,
                                                           double min, double max, String doc) {
        return (Setting) of(key, List.class, defaultValue,
                (c, k) -> c.getDoubleTuples(k, defaultValue, arity, min, max), doc);
    }

    /** A nested map handed on as it is (its own owner validates it); empty when absent. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Setting<Map<String, Object>> map(String key, String doc) {
        return (Setting) of(key, Map.class, Map.of(), (c, k) -> c.getMap(k), doc);
    }

    /** A non-empty list of nested maps, each handed on as it is (its owner validates it). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Setting<List<Map<String, Object>>> mapList(String key, List<Map<String, Object>> defaultValue,
                                                             String doc) {
        return (Setting) of(key, List.class, defaultValue, (c, k) -> c.getMapList(k, defaultValue), doc);
    }

    /**
     * This setting with one more rule: {@code problem} returns null for an acceptable value, else the message (after
     * the owner and ": "), e.g. {@code "configuration key 'features' names a group twice: [audio, audio]"}.
     */
    public Setting<T> check(Function<? super T, String> problem) {
        List<Function<? super T, String>> more = new ArrayList<>(checks);
        more.add(problem);
        return new Setting<>(key, type, defaultValue, reader, doc, shownDefault, more, paperValue);
    }

    /**
     * This setting with its default shown in the documentation as {@code text} (Markdown, as it is) instead of the
     * default value: for defaults that depend on the machine or the data ("min(4, cores)", "all edges").
     */
    public Setting<T> shownAs(String text) {
        return new Setting<>(key, type, defaultValue, reader, doc, requireTableCell(key, text), checks, paperValue);
    }

    /**
     * This setting with the value the paper's model takes (the method as published): any other value is our
     * extension of it. The documentation's table says so, and {@link Settings.Values#departuresFromPaper} lists the
     * settings a configuration moves away from it, so that a result can be labelled the paper's or an extension.
     */
    public Setting<T> paperValue(T value) {
        return new Setting<>(key, type, defaultValue, reader, doc, shownDefault, checks,
                List.of(Objects.requireNonNull(value)));
    }

    /** Whether {@code value} (as read, or in the plain form of {@link #plain}) is not the paper's value. */
    boolean departsFromPaper(Object value) {
        return !paperValue.isEmpty() && !Objects.equals(plain(paperValue.get(0)), plain(value));
    }

    /** Reads and validates this key of a user's map; every problem is an IllegalArgumentException naming the key. */
    public T read(ConfigMap config) {
        T value = reader.read(config, key);
        for (Function<? super T, String> check : checks) {
            String problem = check.apply(value);
            if (problem != null) {
                throw new IllegalArgumentException(config.owner() + ": " + problem);
            }
        }
        return value;
    }

    public String key() {
        return key;
    }

    /** The class of the values (List or Map for lists and maps). */
    public Class<?> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** One line of Markdown: what the setting does, and the paper's value where one is declared. */
    public String doc() {
        return paperValue.isEmpty() ? doc : doc + " (the paper's model: `" + literal(paperValue.get(0)) + "`)";
    }

    /** The default as the documentation shows it (Markdown). */
    public String shownDefault() {
        return shownDefault != null ? shownDefault : "`" + literal(defaultValue) + "`";
    }

    /**
     * A value in the form a configuration map holds and {@link Settings#parse} accepts back: a choice becomes its
     * text, a map a fresh mutable copy; numbers, booleans, strings and lists stay as they are.
     */
    public static Object plain(Object value) {
        if (value instanceof Choice choice) {
            return choice.text();
        }
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>(map);
        }
        return value;
    }

    @Override
    public String toString() {
        return key;
    }

    /** A value as Cypher writes it: strings in single quotes, whole numbers without '.0', maps as {@code {k: v}}. */
    static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Choice choice) {
            return "'" + choice.text() + "'";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Setting::literal).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + literal(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }

    /** 1.0 as "1", 1.0E-4 as "1e-4", 0.01 as "0.01". */
    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String text = Double.toString(d);
        int exponent = text.indexOf('E');
        if (exponent < 0) {
            return text;
        }
        String mantissa = text.substring(0, exponent);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + text.substring(exponent + 1);
    }

    /** Text that goes into one cell of a Markdown table row: non-blank, one line, no cell separator. */
    private static String requireTableCell(String key, String text) {
        if (text == null || text.isBlank() || text.contains("\n") || text.contains("|")) {
            throw new IllegalArgumentException("setting '" + key + "': documentation text must be one non-blank line "
                    + "without '|', got " + (text == null ? "null" : "'" + text + "'"));
        }
        return text;
    }
}
