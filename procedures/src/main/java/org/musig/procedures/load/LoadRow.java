package org.musig.procedures.load;

import java.util.List;
import java.util.Map;
import org.musig.loaders.LoadResult;

/** The row every {@code musig.load.*} procedure yields. */
public final class LoadRow {
    public long files;
    public long playlists;
    public long tracks;
    public long memberships;
    public long playlistsCreated;
    public long tracksCreated;
    public long membershipsCreated;
    public long duplicates;
    public long tracksNotFound;
    public long rowsSkipped;
    public List<String> errors;
    public List<String> notices;
    public long millis;
    public Map<String, Object> configuration;

    static LoadRow of(LoadResult r) {
        LoadRow row = new LoadRow();
        row.files = r.files();
        row.playlists = r.playlists();
        row.tracks = r.tracks();
        row.memberships = r.memberships();
        row.playlistsCreated = r.playlistsCreated();
        row.tracksCreated = r.tracksCreated();
        row.membershipsCreated = r.membershipsCreated();
        row.duplicates = r.duplicates();
        row.tracksNotFound = r.tracksNotFound();
        row.rowsSkipped = r.rowsSkipped();
        row.errors = r.errors();
        row.notices = r.notices();
        row.millis = r.millis();
        row.configuration = r.configuration();
        return row;
    }
}
