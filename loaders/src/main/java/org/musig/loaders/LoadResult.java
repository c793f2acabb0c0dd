package org.musig.loaders;

import java.util.List;
import java.util.Map;

/**
 * What a load did ({@code errors}: entries skipped with onError 'skip'; {@code notices}: things worth
 * knowing that are not errors, such as unknown track ids or an audio vector that could not be built). Counts of distinct items in the input (playlists, tracks, memberships) are given
 * beside what was new to the database (…Created), so an idempotent re-run shows zero created.
 */
public record LoadResult(
                         long files,
                         long playlists,
                         long tracks,
                         long memberships,
                         long playlistsCreated,
                         long tracksCreated,
                         long membershipsCreated,
                         long duplicates,
                         long tracksNotFound,
                         long rowsSkipped,
                         List<String> errors,
                         List<String> notices,
                         long millis,
                         Map<String, Object> configuration) {

    /** The result as the procedures' row: column name -> value, in column order. */
    public Map<String, Object> asMap() {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("files", files);
        row.put("playlists", playlists);
        row.put("tracks", tracks);
        row.put("memberships", memberships);
        row.put("playlistsCreated", playlistsCreated);
        row.put("tracksCreated", tracksCreated);
        row.put("membershipsCreated", membershipsCreated);
        row.put("duplicates", duplicates);
        row.put("tracksNotFound", tracksNotFound);
        row.put("rowsSkipped", rowsSkipped);
        row.put("errors", errors);
        row.put("notices", notices);
        row.put("millis", millis);
        row.put("configuration", configuration);
        return row;
    }
}
