// MUSIG walk-through for Neo4j Browser (./musig serve, then http://127.0.0.1:7474/browser/).
// Paste one statement at a time (or enable multi-statement editing in the Browser settings).
// It uses the bundled TidyTuesday playlists; `./musig demo` puts spotify_songs.csv in the import directory.
// A test (BrowserGuideTest) runs every statement of this file, in order, against that dataset.

// 1. Load playlists, tracks and audio features.
CALL musig.load.csv('spotify_songs.csv');

// 2. Hold out the second half of 20% of the long playlists, for an honest evaluation later.
CALL musig.split.create('guide', {testPlaylists: 0.2, minTracks: 40, overwrite: true});

// 3. The weighted co-occurrence graph, without the held-out memberships.
CALL musig.graph.build({graphName: 'guide', minWeight: 1, excludeMemberships: 'guide'});

// 4. Explore: a track's strongest co-occurrence neighbours (the Browser draws the graph).
MATCH (t:Track)-[r:CO_OCCURS]-(n:Track)
WITH t, count(r) AS degree ORDER BY degree DESC LIMIT 1
MATCH (t)-[r:CO_OCCURS]-(n:Track)
RETURN t, r, n ORDER BY r.weight DESC LIMIT 25;

// 5. Train MUSIG (audio inputs; playlist, genre and audio-similarity tasks) and write embeddings.
CALL musig.train({graphName: 'guide', modelName: 'guide', features: ['audio'], maxPairsPerEpoch: 50000,
                  overwrite: true});
CALL musig.embed.write({modelName: 'guide', writeProperty: 'musig'});

// 6. Recommend for a playlist, and see the playlist with what is recommended.
MATCH (p:Playlist) WITH p ORDER BY p.id LIMIT 1
CALL musig.recommend(p.id, {k: 10}) YIELD rank, name, artist, score
RETURN p.name AS playlist, rank, name, artist, round(score, 3) AS score;

// 7. Why that first recommendation? Seed tracks by their share of the score, with the paths linking them.
MATCH (p:Playlist) WITH p ORDER BY p.id LIMIT 1
CALL musig.recommend(p.id, {k: 1}) YIELD trackId
CALL musig.explain(p.id, trackId, {k: 5}) YIELD seedName, contribution, sharedPlaylistNames, sameGenre,
     closestAudioFeatures, path
RETURN seedName, round(contribution, 3) AS share, sharedPlaylistNames, sameGenre, closestAudioFeatures, path;

// 8. Track radio: the tracks nearest to one track in embedding space.
MATCH (t:Track) WHERE t.musig IS NOT NULL WITH t ORDER BY t.id LIMIT 1
CALL musig.similar(t.id, {k: 10}) YIELD name, artist, score
RETURN t.name AS seed, name, artist, round(score, 3) AS score;

// 9. How good is it? Playlist completion on the held-out halves (a random ranking scores hitRate 0.5).
CALL musig.evaluate({split: 'guide', properties: ['musig']})
YIELD hitRate, coldHitRate, mrr, precisionAt10, randomHitRate
RETURN round(hitRate, 3) AS hitRate, round(coldHitRate, 3) AS coldHitRate, round(mrr, 3) AS mrr,
       round(precisionAt10, 3) AS precisionAt10, randomHitRate;

// 10. Against the baselines, on the same split (a few minutes; ./musig demo prints the full table).
CALL musig.benchmark({split: 'guide', minWeight: 1, methods: ['random', 'popularity', 'content', 'musig'],
                      features: ['audio'], taskGrid: [[1, 1, 1]], regressionTargets: ['audio'],
                      train: {maxPairsPerEpoch: 50000}})
YIELD method, features, hitRate, coldHitRate
RETURN method, features, round(hitRate, 3) AS hitRate, round(coldHitRate, 3) AS coldHitRate;
