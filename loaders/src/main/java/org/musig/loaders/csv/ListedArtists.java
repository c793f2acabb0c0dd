package org.musig.loaders.csv;

/**
 * The first artist of a cell that may list several, as exports write a track's credits: ids or URIs separated by
 * commas (Exportify's {@code Artist URI(s)}), names separated by semicolons ({@code "Ben Woodward;Dave Reed"}), or a
 * Python or JSON list ({@code "['Drake', 'Future']"}). Models read one artist per track, the first listed, as the
 * Million Playlist Dataset gives it. Names are never split on commas: a name may hold one ("Tyler, The Creator").
 */
final class ListedArtists {
    private ListedArtists() {
    }

    /** The first id or URI of a comma-separated list (ids hold no comma) or of a Python or JSON list. */
    static String firstId(String cell) {
        if (cell == null) {
            return null;
        }
        String value = cell.trim();
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
    static String firstName(String cell) {
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
