package org.musig.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: parses a JSON file with Jackson's streaming parser into maps (field order kept), lists and scalars. */
final class JsonTree {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonTree() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(Path file) throws IOException {
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            Object root = read(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw new IOException("trailing content in " + file);
            }
            return (Map<String, Object>) root;
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    if (map.put(name, read(parser, parser.nextToken())) != null) {
                        throw new IOException("duplicate field " + name);
                    }
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(read(parser, t));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected token " + token);
        }
    }
}
