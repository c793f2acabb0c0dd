package org.musig.model.train;

import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.model.io.BoundedInput;

/**
 * Writes and reads the few value types a model's configuration and summary hold (null, boolean, int,
 * long, double, string, list, string-keyed map), each tagged, so the stored configuration goes back
 * through {@link TrainConfig#parse} and keeps its validation.
 *
 * <p>Reading trusts nothing: a list or map length must fit in the bytes left (an entry is at least 1 byte, a
 * map entry 3), and nesting stops at {@value #MAX_DEPTH} levels (what is written is 2 deep), so corrupt bytes
 * give an {@link IOException}, never a huge allocation or a stack overflow.
 */
final class ModelCodec {
    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte STRING = 5;
    private static final byte LIST = 6;
    private static final byte MAP = 7;
    static final int MAX_DEPTH = 16;
    private static final int MIN_MAP_ENTRY_BYTES = 3; // key length (2) + value tag (1)

    private ModelCodec() {
    }

    static void writeValue(DataOutput out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Double || value instanceof Float) {
            out.writeByte(DOUBLE);
            out.writeDouble(((Number) value).doubleValue());
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            out.writeUTF(s);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object item : list) {
                writeValue(out, item);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeUTF((String) e.getKey());
                writeValue(out, e.getValue());
            }
        } else {
            throw new IllegalArgumentException("cannot store a " + value.getClass().getSimpleName());
        }
    }

    static Object readValue(BoundedInput in) throws IOException {
        return readValue(in, 1);
    }

    private static Object readValue(BoundedInput in, int depth) throws IOException {
        byte tag = in.readByte();
        if ((tag == LIST || tag == MAP) && depth > MAX_DEPTH) {
            throw new IOException("values nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (tag) {
            case NULL:
                return null;
            case BOOLEAN:
                return in.readBoolean();
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case STRING:
                return in.readUTF();
            case LIST: {
                int n = in.readCount("a list", 1);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readValue(in, depth + 1));
                }
                return list;
            }
            case MAP: {
                int n = in.readCount("a map", MIN_MAP_ENTRY_BYTES);
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String key = in.readUTF();
                    map.put(key, readValue(in, depth + 1));
                }
                return map;
            }
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }
}
