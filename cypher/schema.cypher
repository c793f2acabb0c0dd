// MUSIG graph schema. The loaders run these themselves before writing; run them by hand
// (cypher-shell -f cypher/schema.cypher) when you write Playlist/Track nodes with your own Cypher.
CREATE CONSTRAINT musig_playlist_id IF NOT EXISTS FOR (p:Playlist) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT musig_track_id IF NOT EXISTS FOR (t:Track) REQUIRE t.id IS UNIQUE;
