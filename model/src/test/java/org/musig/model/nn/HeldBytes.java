package org.musig.model.nn;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test helper: the bytes of the arrays an object holds, found by walking its fields (each array counted once,
 * however many parts share it). Object headers are not counted; native arrays count their elements.
 * Follows only MUSIG's own classes, and none of {@code notOwned} (shared inputs such as the network).
 */
public final class HeldBytes {
    private final Set<Class<?>> notOwned;
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();

    private HeldBytes(Set<Class<?>> notOwned) {
        this.notOwned = notOwned;
    }

    public static long of(Object root, Class<?>... notOwned) {
        return new HeldBytes(Set.of(notOwned)).walk(root);
    }

    private long walk(Object value) {
        if (value == null || seen.put(value, Boolean.TRUE) != null || notOwned.contains(value.getClass())) {
            return 0;
        }
        Class<?> type = value.getClass();
        if (value instanceof INDArray array) {
            return array.length() * array.dataType().width();
        }
        if (type.isArray()) {
            Class<?> element = type.getComponentType();
            int length = Array.getLength(value);
            if (element.isPrimitive()) {
                return (long) length * width(element);
            }
            long bytes = 0;
            for (int i = 0; i < length; i++) {
                bytes += walk(Array.get(value, i));
            }
            return bytes;
        }
        if (!type.getName().startsWith("org.musig.")) {
            return 0;
        }
        long bytes = 0;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    bytes += walk(field.get(value));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return bytes;
    }

    private static int width(Class<?> primitive) {
        if (primitive == long.class || primitive == double.class) {
            return 8;
        }
        if (primitive == int.class || primitive == float.class) {
            return 4;
        }
        if (primitive == short.class || primitive == char.class) {
            return 2;
        }
        return 1;
    }
}
