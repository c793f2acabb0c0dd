package org.musig.loaders.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.musig.loaders.TrackIds;

/**
 * The first artist of a cell that may list several, as exports write a track's credits: ids or URIs separated by
 * commas (Exportify's {@code Artist URI(s)}), names separated by semicolons ({@code "Ben Woodward;Dave Reed"}), or a
 * Python or JSON list ({@code "['Drake', 'Future']"}), or a list of artist records as pandas writes the objects of
 * Spotify's API ({@code "[{'id': '3TVX...', 'name': 'Drake', ...}]"}, a {@code track.artists} column). Models read one
 * artist per track, the first listed, as the Million Playlist Dataset gives it. Names are never split on commas: a
 * name may hold one ("Tyler, The Creator").
 */
final class ListedArtists {
    /** Python's repr of a dict is JSON but for its single quotes and backslash escapes. */
    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private ListedArtists() {
    }

    /**
     * The first artist of an artist cell: its name, and its id when the cell lists artist records (null otherwise),
     * so that a file without an artist id column still gets the id its records carry. One parse of the cell for both.
     */
    record First(String name, String recordId) {
    }

    static First first(String cell) {
        JsonNode record = firstRecord(cell);
        if (record == null) {
            return new First(firstName(cell), null);
        }
        return new First(record.path("name").isTextual() ? record.path("name").textValue().strip() : null,
                idOf(record));
    }

    /** An artist record's id: its {@code id}, else the id of its {@code uri}. */
    private static String idOf(JsonNode record) {
        return TrackIds.stripUri(
                record.path("id").isTextual() ? record.path("id").textValue() : record.path("uri").textValue());
    }

    /** The first record of a cell that is a list of JSON or Python dicts, or null. */
    private static JsonNode firstRecord(String cell) {
        if (cell == null) {
            return null;
        }
        String value = cell.trim();
        if (!isList(value) || !value.substring(1).stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode first = RECORDS.readTree(value).path(0);
            return first.isObject() ? first : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The first id or URI of a comma-separated list (ids hold no comma) or of a Python or JSON list. */
    static String firstId(String cell) {
        if (cell == null) {
            return null;
        }
        String value = cell.trim();
        JsonNode record = firstRecord(value);
        if (record != null) {
            return idOf(record);
        }
        if (isList(value)) {
            return firstQuoted(value.substring(1, value.length() - 1).trim());
        }
        int comma = value.indexOf(',');
        return comma < 0 ? value : value.substring(0, comma);
    }

    private static boolean isList(String value) {
        return value.length() >= 2 && value.startsWith("[") && value.endsWith("]");
    }

    /** The first name of a semicolon-separated list or of a Python or JSON list; any other cell as it is. */
    private static String firstName(String cell) {
        if (cell == null) {
            return null;
        }
        String value = cell.trim();
        if (isList(value)) {
            String first = firstQuoted(value.substring(1, value.length() - 1).trim());
            return first == null ? cell : first;
        }
        int semicolon = value.indexOf(';');
        if (semicolon > 0) {
            return value.substring(0, semicolon).trim();
        }
        return cell;
    }

    /** The text of the leading quoted item ('...' or "...", with backslash escapes), or null when there is none. */
    private static String firstQuoted(String items) {
        if (items.isEmpty() || (items.charAt(0) != '\'' && items.charAt(0) != '"')) {
            return null;
        }
        char quote = items.charAt(0);
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < items.length(); i++) {
            char c = items.charAt(i);
            if (c == '\\' && i + 1 < items.length()) {
                name.append(items.charAt(++i));
            } else if (c == quote) {
                String first = name.toString().trim();
                return first.isEmpty() ? null : first;
            } else {
                name.append(c);
            }
        }
        return null;
    }
}
