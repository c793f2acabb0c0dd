package org.musig.common.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A record whose components are exactly some settings, matched by name: the record is built from parsed values
 * and turned back into a configuration map without a constructor call or a map listing every key, so adding a
 * setting takes its declaration and a record component of the same name and type, nothing else.
 *
 * <p>The match is checked when this is created (in the record's static initialiser, so a mismatch fails the
 * first use of the class, in any test): every component has a setting of an assignable type and every setting a
 * component.
 */
public final class RecordSettings<R extends Record> {
    private final Class<R> type;
    private final Settings settings;
    private final RecordComponent[] components;
    private final Method[] accessors;
    private final Constructor<R> constructor;

    private RecordSettings(Class<R> type, Settings settings) {
        this.type = type;
        this.settings = settings;
        this.components = type.getRecordComponents();
        Set<String> names = new TreeSet<>(Arrays.stream(components).map(RecordComponent::getName).toList());
        if (!names.equals(new TreeSet<>(settings.keys()))) {
            throw new IllegalStateException(type.getSimpleName() + "'s components " + names
                    + " are not its settings " + new TreeSet<>(settings.keys()));
        }
        for (RecordComponent component : components) {
            Setting<?> setting = setting(component.getName());
            if (!boxed(component.getType()).isAssignableFrom(setting.type())) {
                throw new IllegalStateException(type.getSimpleName() + "." + component.getName() + " is a "
                        + component.getType().getSimpleName() + " but its setting gives a "
                        + setting.type().getSimpleName());
            }
        }
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            // A record need not be public (a package-private one is built and read from this package too).
            constructor.setAccessible(true);
            this.accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toArray(Method[]::new);
            for (Method accessor : accessors) {
                accessor.setAccessible(true);
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no canonical constructor", e);
        }
    }

    public static <R extends Record> RecordSettings<R> of(Class<R> type, Settings settings) {
        return new RecordSettings<>(type, settings);
    }

    public Settings settings() {
        return settings;
    }

    /** Parses and validates a user's map into the record. */
    public R parse(Map<String, Object> raw) {
        return from(settings.parse(raw));
    }

    /** The record from values parsed by these settings or by a list that includes them ({@link Settings#plus}). */
    public R from(Settings.Values values) {
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            arguments[i] = values.value(components[i].getName());
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime; // the record's own validation
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a " + type.getSimpleName(), e);
        }
    }

    /** Every setting of the record by its key, in the declared order, in the form {@link #parse} accepts back. */
    public Map<String, Object> toMap(R record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : settings.keys()) {
            map.put(key, Setting.plain(read(record, accessors[index(key)])));
        }
        return map;
    }

    private Object read(R record, Method accessor) {
        try {
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + accessor.getName(), e);
        }
    }

    private Setting<?> setting(String key) {
        return settings.list().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    private int index(String component) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(component)) {
                return i;
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no component '" + component + "'");
    }

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, boolean.class, Boolean.class, float.class, Float.class);

    private static Class<?> boxed(Class<?> type) {
        return BOXES.getOrDefault(type, type);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + settings.keys();
    }
}
