// MUSIG graph schema: what CALL musig.schema.create() runs (the loaders require these constraints and do
// not create them). Run it, or these by hand (cypher-shell -f cypher/schema.cypher), once per database.
CREATE CONSTRAINT musig_playlist_id IF NOT EXISTS FOR (p:Playlist) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT musig_track_id IF NOT EXISTS FOR (t:Track) REQUIRE t.id IS UNIQUE;
