// MUSIG for Neo4j: a walk-through
// Load, split, build, explore, train, embed, recommend, explain, evaluate and benchmark, a statement a step,
// on the bundled TidyTuesday playlists (`./musig demo` puts spotify_songs.csv in the import directory).
// In Neo4j Browser (`./musig serve`, then http://127.0.0.1:7474/browser/), paste the statements one at a time,
// or run `:play http://127.0.0.1:7474/musig/guide` to see these steps as slides: a click on a statement puts
// it in the editor. A test (BrowserGuideTest) runs every statement, in order, on that dataset.

// 1. Load playlists, tracks and audio features.
CALL musig.load.csv('spotify_songs.csv');

// 2. Hold out a test split.
// The second half of 20% of the long playlists (40 tracks or more), for an honest evaluation later.
CALL musig.split.create('guide', {testPlaylists: 0.2, minTracks: 40, overwrite: true});

// 3. Build the co-occurrence graph.
// Tracks weighted by how often they share a playlist, without the held-out memberships.
CALL musig.graph.build({graphName: 'guide', minWeight: 1, excludeMemberships: 'guide'});

// 4. Explore the graph.
// A track's strongest co-occurrence neighbours (the Browser draws them).
MATCH (t:Track)-[r:CO_OCCURS]-(n:Track)
WITH t, count(r) AS degree ORDER BY degree DESC LIMIT 1
MATCH (t)-[r:CO_OCCURS]-(n:Track)
RETURN t, r, n ORDER BY r.weight DESC LIMIT 25;

// 5. Train MUSIG.
// Audio inputs; playlist, genre and audio-similarity tasks.
CALL musig.train({graphName: 'guide', modelName: 'guide', features: ['audio'], maxPairsPerEpoch: 50000,
                  overwrite: true});

// 6. Write the embeddings to the Track nodes.
CALL musig.embed.write({modelName: 'guide', writeProperty: 'musig'});

// 7. Recommend for a playlist.
// The playlist's name comes with what is recommended for it.
MATCH (p:Playlist) WITH p ORDER BY p.id LIMIT 1
CALL musig.recommend(p.id, {k: 10}) YIELD rank, name, artist, score
RETURN p.name AS playlist, rank, name, artist, round(score, 3) AS score;

// 8. Why that first recommendation?
// The playlist's tracks by their share of the recommendation's score, with the paths linking them (the Browser draws them).
MATCH (p:Playlist) WITH p ORDER BY p.id LIMIT 1
CALL musig.recommend(p.id, {k: 1}) YIELD trackId
CALL musig.explain(p.id, trackId, {k: 5}) YIELD seedName, contribution, sharedPlaylistNames, sameGenre,
     closestAudioFeatures, path
RETURN seedName, round(contribution, 3) AS share, sharedPlaylistNames, sameGenre, closestAudioFeatures, path;

// 9. Track radio.
// The tracks nearest to one track in embedding space.
MATCH (t:Track) WHERE t.musig IS NOT NULL WITH t ORDER BY t.id LIMIT 1
CALL musig.similar(t.id, {k: 10}) YIELD name, artist, score
RETURN t.name AS seed, name, artist, round(score, 3) AS score;

// 10. How good is it?
// Playlist completion on the held-out halves (a random ranking scores hitRate 0.5).
CALL musig.evaluate({split: 'guide', properties: ['musig']})
YIELD hitRate, coldHitRate, mrr, precisionAt10, randomHitRate
RETURN round(hitRate, 3) AS hitRate, round(coldHitRate, 3) AS coldHitRate, round(mrr, 3) AS mrr,
       round(precisionAt10, 3) AS precisionAt10, randomHitRate;

// 11. Against the baselines.
// On the same split; it takes a few minutes (`./musig demo` prints the full table).
CALL musig.benchmark({split: 'guide', minWeight: 1, methods: ['random', 'popularity', 'content', 'musig'],
                      features: ['audio'], taskGrid: [[1, 1, 1]], regressionTargets: ['audio'],
                      train: {maxPairsPerEpoch: 50000}})
YIELD method, features, hitRate, coldHitRate
RETURN method, features, round(hitRate, 3) AS hitRate, round(coldHitRate, 3) AS coldHitRate;
