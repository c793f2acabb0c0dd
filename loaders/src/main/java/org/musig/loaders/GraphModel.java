package org.musig.loaders;

import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.RelationshipType;

/** Labels, relationship types and key property names of the MUSIG graph data model (see docs/data-model.md). */
public final class GraphModel {
    public static final Label PLAYLIST = Label.label("Playlist");
    public static final Label TRACK = Label.label("Track");
    public static final RelationshipType CONTAINS = RelationshipType.withName("CONTAINS");

    public static final String ID = "id";
    public static final String POSITION = "position";
    public static final String GENRE = "genre";
    public static final String GENRES = "genres";
    public static final String SUBGENRE = "subgenre";
    public static final String SUBGENRES = "subgenres";
    /** A track's artist: the source's id where it has one, and the artist's name. */
    public static final String ARTIST_ID = "artistId";
    public static final String ARTIST = "artist";
    /** A track's release date as the source wrote it ("2019-06-14", "2019-06" or "2019"). */
    public static final String RELEASE_DATE = "releaseDate";

    /** Creates the constraints of {@link Schema#CONSTRAINTS}; idempotent. Run by {@link Schema#ensure}. */
    public static final java.util.List<String> SCHEMA = java.util.List.of(
            "CREATE CONSTRAINT musig_playlist_id IF NOT EXISTS FOR (p:Playlist) REQUIRE p.id IS UNIQUE",
            "CREATE CONSTRAINT musig_track_id IF NOT EXISTS FOR (t:Track) REQUIRE t.id IS UNIQUE");

    private GraphModel() {
    }

    /**
     * An artist or album name as the models tell them apart (and as a load compares a track's rows): outer
     * spaces and case do not matter.
     */
    public static String nameKey(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
