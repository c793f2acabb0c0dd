package org.musig.loaders.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.musig.loaders.AudioFeatures;
import org.musig.loaders.LoadException;

/**
 * Which header column holds which field. Each field has a list of usual header names (the TidyTuesday
 * export's first, then other Spotify exports'); a user's {@code columns} map overrides them. Header matching ignores
 * case, blanks and punctuation ({@link #key}), so spotifyr's {@code track.id} is {@code track_id}.
 */
public final class CsvColumns {
    /** Fields and the header names tried for each, in order. */
    static final Map<String, List<String>> ALIASES = aliases();

    /**
     * Fields that a user may build from several columns ({@code columns: {trackId: ['artist', 'title']}}): the ids,
     * for exports that have none (a track known by its artist and title, a playlist by its owner and name).
     */
    static final List<String> KEY_FIELDS = List.of("trackId", "playlistId", "artistId", "albumId");

    private final Map<String, int[]> indexesByField;
    private final int[] acousticIndexes;
    private final List<String> header;

    private CsvColumns(List<String> header, Map<String, int[]> indexesByField, int[] acousticIndexes) {
        this.header = header;
        this.indexesByField = indexesByField;
        this.acousticIndexes = acousticIndexes;
    }

    /**
     * The TidyTuesday export's names first, then those of Spotify's API (spotifyr's {@code track.artists.id}), the
     * Million Playlist Dataset's, Kaggle's and Exportify's ({@code Track URI}, {@code Artist URI(s)}, one file per
     * playlist); a recording's ISRC, the id that playlist-transfer exports (TuneMyMusic, Soundiiz) carry across
     * services, where no Spotify id is given. One spelling per name as {@link #key} reads it.
     */
    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> a = new LinkedHashMap<>();
        a.put("trackId", List.of("track_id", "id", "track_uri", "uri", "spotify_id", "isrc"));
        a.put("playlistId", List.of("playlist_id", "pid", "playlist_uri"));
        a.put("trackName", List.of("track_name", "name", "song", "title", "song_name", "track_title"));
        a.put("artist", List.of("track_artist", "artist_name", "artist", "artists", "track.artists.name",
                "Artist Name(s)", "track.artists"));
        a.put("artistId", List.of("artist_id", "artist_uri", "track.artists.id", "Artist URI(s)", "artist_ids"));
        a.put("album", List.of("track_album_name", "album_name", "album"));
        a.put("albumId", List.of("track_album_id", "album_id", "album_uri"));
        a.put("releaseDate", List.of("track_album_release_date", "release_date", "album_release_date"));
        a.put("popularity", List.of("track_popularity", "popularity"));
        a.put("playlistName", List.of("playlist_name", "playlist"));
        a.put("genre", List.of("playlist_genre", "genre", "track_genre"));
        a.put("subgenre", List.of("playlist_subgenre", "subgenre"));
        a.put("position", List.of("position", "pos", "track_position", "playlist_position"));
        for (int i = 0; i < AudioFeatures.PROPERTIES.size(); i++) {
            String column = AudioFeatures.COLUMNS.get(i);
            String property = AudioFeatures.PROPERTIES.get(i);
            List<String> names = new ArrayList<>(List.of(column, "track." + column, "audio_features." + column));
            if (!property.equals(column)) {
                names.add(property);
            }
            if (property.equals("durationMs")) {
                names.add("Track Duration (ms)");
            }
            a.put(property, List.copyOf(names));
        }
        return a;
    }

    /**
     * @param header          the header row
     * @param userColumns     field -> header name, overriding the aliases; a {@link #KEY_FIELDS key field} may name
     *                        several, whose cells are joined into its value
     * @param acousticColumns header names of the acoustic vector, in order; empty = auto-detect
     *                        {@code acoustic_0..acoustic_N}
     * @param excluded        fields this kind of file does not read (e.g. playlist fields in a features file)
     */
    public static CsvColumns resolve(String file, List<String> header, Map<String, List<String>> userColumns,
                                     List<String> acousticColumns, Set<String> excluded) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byName.putIfAbsent(key(header.get(i)), i);
        }
        for (String field : userColumns.keySet()) {
            if (!ALIASES.containsKey(field) || excluded.contains(field)) {
                List<String> valid = new ArrayList<>(ALIASES.keySet());
                valid.removeAll(excluded);
                throw new LoadException("Unknown field '" + field + "' in config.columns; valid fields are " + valid);
            }
            if (userColumns.get(field).size() > 1 && !KEY_FIELDS.contains(field)) {
                throw new LoadException("config.columns." + field + " names " + userColumns.get(field).size()
                        + " columns; only the id fields " + KEY_FIELDS + " can be built from several");
            }
        }
        Map<String, int[]> indexesByField = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
            String field = e.getKey();
            if (excluded.contains(field)) {
                continue;
            }
            List<String> mapped = userColumns.get(field);
            if (mapped != null) {
                int[] indexes = new int[mapped.size()];
                for (int i = 0; i < indexes.length; i++) {
                    Integer index = byName.get(key(mapped.get(i)));
                    if (index == null) {
                        throw new LoadException(file + ": column '" + mapped.get(i) + "' (config.columns." + field
                                + ") is not in the header " + shown(header));
                    }
                    indexes[i] = index;
                }
                indexesByField.put(field, indexes);
                continue;
            }
            for (String alias : e.getValue()) {
                Integer index = byName.get(key(alias));
                if (index != null && !taken(indexesByField, index)) {
                    indexesByField.put(field, new int[] {index});
                    break;
                }
            }
        }
        return new CsvColumns(header, indexesByField, acoustic(file, header, byName, acousticColumns));
    }

    /** Whether a field already reads column {@code index}: an alias never gives one column to two fields. */
    private static boolean taken(Map<String, int[]> indexesByField, int index) {
        return indexesByField.values().stream().anyMatch(indexes -> indexes.length == 1 && indexes[0] == index);
    }

    private static int[] acoustic(String file, List<String> header, Map<String, Integer> byName,
                                  List<String> acousticColumns) {
        if (!acousticColumns.isEmpty()) {
            int[] indexes = new int[acousticColumns.size()];
            for (int i = 0; i < indexes.length; i++) {
                Integer index = byName.get(key(acousticColumns.get(i)));
                if (index == null) {
                    throw new LoadException(file + ": acoustic column '" + acousticColumns.get(i)
                            + "' (config.acousticColumns) is not in the header " + shown(header));
                }
                indexes[i] = index;
            }
            return indexes;
        }
        Pattern numbered = Pattern.compile("acoustic[_.]?(\\d+)");
        TreeMap<Integer, Integer> found = new TreeMap<>();
        for (int i = 0; i < header.size(); i++) {
            Matcher m = numbered.matcher(key(header.get(i)));
            if (m.matches()) {
                found.put(Integer.parseInt(m.group(1)), i);
            }
        }
        return found.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The header for a message: a hostile header (thousands of columns, long names) must not flood it. */
    static String shown(List<String> header) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (i == 30 || text.length() + name.length() > 2_000) {
                return text.append("... (").append(header.size()).append(" columns)]").toString();
            }
            text.append(i == 0 ? "" : ", ").append(name);
        }
        return text.append("]").toString();
    }

    /**
     * A header name as it is matched: lower case, letters and digits only, so that one field's spellings across
     * exports ({@code Release Date}, {@code release_date}, {@code releaseDate}, {@code track.album.release_date} against
     * {@code track_album_release_date}) are one name. No two fields' usual names meet this way. A name with no letter
     * or digit ({@code #}) is kept as it is, so that two such columns stay apart.
     */
    private static String key(String headerName) {
        StringBuilder k = new StringBuilder(headerName.length());
        headerName.codePoints().filter(Character::isLetterOrDigit)
                .forEach(c -> k.appendCodePoint(Character.toLowerCase(c)));
        return k.isEmpty() ? headerName.strip() : k.toString();
    }

    public boolean has(String field) {
        return indexesByField.containsKey(field);
    }

    /** Whether {@code field} is built from several columns. */
    public boolean joined(String field) {
        return indexes(field).length > 1;
    }

    /** Column indexes of {@code field}: one, several for a joined key field, none when it has no column. */
    public int[] indexes(String field) {
        return indexesByField.getOrDefault(field, new int[0]);
    }

    /** Column index of {@code field}, or -1; the first column of a joined field. */
    public int index(String field) {
        int[] indexes = indexes(field);
        return indexes.length == 0 ? -1 : indexes[0];
    }

    /** The name of column {@code index}, trimmed. */
    public String header(int index) {
        return header.get(index).trim();
    }

    /** The header name of {@code field}'s column, or its columns' joined with " + ". */
    public String headerName(String field) {
        int[] indexes = indexes(field);
        if (indexes.length == 0) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        for (int i : indexes) {
            name.append(name.isEmpty() ? "" : " + ").append(header(i));
        }
        return name.toString();
    }

    public int[] acousticIndexes() {
        return acousticIndexes;
    }

    /** Audio feature properties whose column is missing (all present means a full vector can be built). */
    public List<String> missingAudioFields() {
        List<String> missing = new ArrayList<>();
        for (String p : AudioFeatures.PROPERTIES) {
            if (!has(p)) {
                missing.add(p);
            }
        }
        return missing;
    }

    /**
     * The track id column, or an error that names the header and, where the file has an artist and a title column
     * (exports without ids, such as Kaggle's Spotify playlists), how to key tracks by them.
     */
    public void requireTrackId(String file) {
        String artist = headerName("artist");
        String title = headerName("trackName");
        requireOr(file, "trackId", artist == null || title == null ? null
                : "{trackId: ['" + artist + "', '" + title + "']} to key each track by its artist and title");
    }

    /** Fails when {@code field} has no column, naming another way to do without it ({@code otherwise}; null: none). */
    public void requireOr(String file, String field, String otherwise) {
        if (!has(field)) {
            String delimiter = otherDelimiter();
            throw new LoadException(file + ": required column for '" + field + "' not found; tried "
                    + ALIASES.get(field) + " in the header " + shown(header)
                    + (delimiter == null ? " (map it with config.columns: {" + field + ": '<header name>'}"
                            + (otherwise == null ? "" : ", or " + otherwise) + ")"
                            : ": the header is one column holding '" + delimiter + "'; if the file is separated by "
                                    + "it, pass delimiter: '" + delimiter + "'"));
        }
    }

    /** The separator a one-column header holds (a file written with ';' or tabs, read with ','), or null. */
    private String otherDelimiter() {
        if (header.size() != 1) {
            return null;
        }
        for (String separator : List.of(";", "\t", "|", ",")) {
            if (header.get(0).contains(separator)) {
                return separator.equals("\t") ? "\\t" : separator;
            }
        }
        return null;
    }
}
