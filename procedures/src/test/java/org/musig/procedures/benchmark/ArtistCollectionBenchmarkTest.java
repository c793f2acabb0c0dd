package org.musig.procedures.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/**
 * A collection shaped like the Million Playlist Dataset and the playlist archive: no audio, no genre, artist
 * ids, and held-out halves made of new releases that no training playlist holds, by artists the training
 * playlists know. Loaded through musig.load.csv, benchmarked and trained through Cypher.
 */
class ArtistCollectionBenchmarkTest extends MusigDatabase {
    private static final String QUICK_TRAIN = "{epochs: 3, batchSize: 128, sampleSizes: [5, 3], metadataDimension: 8}";
    private static final int SCENES = 3;
    private static final int ARTISTS_PER_SCENE = 4;
    private static final int CATALOGUE_PER_ARTIST = 6;

    @BeforeAll
    void loadArtistScenes() {
        // Three scenes of four artists. Training playlists (8 tracks) draw from one scene's catalogue; test
        // playlists (16 tracks) start with 8 catalogue tracks of their scene and end with 8 new releases by
        // that scene's artists, which are in no other playlist.
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("playlist_id,position,track_id,artist_id\n");
        for (int p = 0; p < 20 * SCENES; p++) {
            appendCatalogue(csv, "train-" + p, p % SCENES, 8, random);
        }
        // 8 long playlists per scene: 12 become test playlists, the others can be carved for validation.
        for (int p = 0; p < 8 * SCENES; p++) {
            int scene = p % SCENES;
            String playlist = "test-" + p;
            appendCatalogue(csv, playlist, scene, 8, random);
            for (int i = 0; i < 8; i++) {
                int artist = scene * ARTISTS_PER_SCENE + random.nextInt(ARTISTS_PER_SCENE);
                csv.append(playlist).append(',').append(8 + i).append(",new-").append(p).append('-').append(i)
                        .append(",artist-").append(artist).append('\n');
            }
        }
        writeImportFile("scenes.csv", csv.toString());
        query("CALL musig.load.csv('scenes.csv')");
    }

    private static void appendCatalogue(StringBuilder csv, String playlist, int scene, int tracks, Random random) {
        java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
        while (chosen.size() < tracks) {
            int artist = scene * ARTISTS_PER_SCENE + random.nextInt(ARTISTS_PER_SCENE);
            chosen.add(artist + "," + random.nextInt(CATALOGUE_PER_ARTIST));
        }
        int position = 0;
        for (String track : chosen) {
            String[] parts = track.split(",");
            csv.append(playlist).append(',').append(position++).append(",track-").append(parts[0]).append('-')
                    .append(parts[1]).append(",artist-").append(parts[0]).append('\n');
        }
    }

    @Test
    void aTrainSettingThatLeavesThePapersModelMakesThePapersGroupsAnExtensionRow() {
        String call = "CALL musig.benchmark({split: 'scenes', testPlaylists: 12, minTracks: 16, minWeight: 1, "
                + "methods: ['musig'], features: ['popularity'], taskGrid: [[1, 1, 1]], trainVariants: [{}], embeddingDimension: 16, "
                + "selection: 'test', train: {epochs: 2, batchSize: 128, sampleSizes: [5, 3]%s}}) "
                + "YIELD method, status, origin, knobs WHERE status = 'ok' RETURN method, origin, knobs";
        assertThat(query(call.formatted(""))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("origin", "paper")
                        .containsEntry("knobs", Map.of("coldStartRate", 0.5)));
        // The row's knobs say why it is an extension.
        assertThat(query(call.formatted(", ensembleSize: 2"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("origin", "extension")
                        .containsEntry("knobs", Map.of("coldStartRate", 0.5, "ensembleSize", 2L)));
    }

    @Test
    void onGraphOnlyDataEachDistinctTrainingRunsOnceAndTheDefaultsAlsoTrainOnPlaylistPairs() {
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'scenes', testPlaylists: 12, "
                + "minTracks: 16, minWeight: 1, methods: ['musig'], features: ['popularity', 'all', 'artist'], "
                + "embeddingDimension: 16, selection: 'test', train: " + QUICK_TRAIN + "}) "
                + "YIELD method, status, features, taskWeights, knobs WHERE status = 'ok' "
                + "RETURN method, features, taskWeights, knobs");
        // Without genres or audio the paper's four task triples are all the playlist task alone, and 'all' is
        // 'popularity': one training each, under the first name, for each default trainVariants entry.
        assertThat(rows).extracting(r -> r.get("features") + " " + ((Map<?, ?>) r.get("knobs")).get("positives"))
                .containsExactlyInAnyOrder("popularity null", "popularity playlists", "artist null",
                        "artist playlists");
        assertThat(rows).allSatisfy(r -> assertThat(r).containsEntry("method", "musig-single-task")
                .containsEntry("taskWeights", List.of(1.0, 1.0, 1.0)));
    }

    @Test
    void withoutAudioMusigStillRunsAndArtistInputsCarryTheNewReleases() {
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'scenes', testPlaylists: 12, "
                + "minTracks: 16, minWeight: 1, methods: ['random', 'cooccurrence', 'artist', 'backoff', 'musig'], "
                + "features: ['popularity', 'artist'], taskGrid: [[1, 1, 1]], trainVariants: [{}], embeddingDimension: 16, selection: 'test', "
                + "train: " + QUICK_TRAIN + "})");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("selection")).isEqualTo("exploration"));
        Map<String, Map<String, Object>> ok = new java.util.HashMap<>();
        rows.stream().filter(r -> "ok".equals(r.get("status")))
                .forEach(r -> ok.put(r.get("method") + "/" + r.get("features"), r));
        assertThat(ok).containsKeys("random/none", "cooccurrence/none", "artist-cooccurrence/none",
                "cooccurrence+artist/none", "musig-single-task/popularity", "musig-single-task/artist");
        // No audio: the regression targets are listed as skipped, and MUSIG trains without that task.
        assertThat(rows).filteredOn(r -> "skipped".equals(r.get("status")) && "audio".equals(r.get("regressionTarget")))
                .singleElement().satisfies(r -> {
                    assertThat((String) r.get("reason")).contains("regressionTarget 'none'");
                    assertThat(r).containsEntry("features", "audio").containsEntry("origin", "paper");
                });
        Map<String, Object> musig = ok.get("musig-single-task/artist");
        assertThat(musig.get("regressionTarget")).isEqualTo("none");
        assertThat(musig.get("knobs")).isEqualTo(Map.of("coldStartRate", 0.5));
        assertThat(musig.get("origin")).isEqualTo("extension");
        assertThat(ok.get("musig-single-task/popularity").get("origin")).isEqualTo("paper");
        assertThat(ok.get("artist-cooccurrence/none").get("origin")).isEqualTo("baseline");
        @SuppressWarnings("unchecked")
        List<String> notices = (List<String>) musig.get("notices");
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("task 'audio' skipped"));
        assertThat(musig.get("activeTasks")).isEqualTo(List.of("playlist"));
        assertThat((Long) musig.get("epochsRun")).isBetween(1L, 5L);
        assertThat(ok.get("artist-cooccurrence/none").get("epochsRun")).isNull();
        // Every held-out track is a new release: item co-occurrence cannot place them, the artist can.
        assertThat(musig.get("coldTracks")).isEqualTo(musig.get("heldOutTracks"));
        double random = (Double) ok.get("random/none").get("hitRate");
        assertThat((Double) ok.get("cooccurrence/none").get("hitRate")).isLessThan(0.65);
        assertThat((Double) ok.get("artist-cooccurrence/none").get("hitRate")).isGreaterThan(0.7);
        assertThat((Double) musig.get("hitRate")).isGreaterThan(0.7).isGreaterThan(random + 0.15);
        // Intervals over the test playlists, and a paired test against the best other row.
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> intervals = (Map<String, List<Double>>) musig.get("intervals");
        assertThat(intervals.get("hitRate").get(0)).isLessThanOrEqualTo((Double) musig.get("hitRate"));
        assertThat(intervals.get("hitRate").get(1)).isGreaterThanOrEqualTo((Double) musig.get("hitRate"));
        assertThat((String) musig.get("comparedWith")).isNotBlank();
        assertThat((Double) musig.get("pValue")).isBetween(0.0, 1.0);
        // Against random the artist model's lead is far outside chance.
        assertThat((Double) ok.get("random/none").get("pValue")).isLessThan(0.05);
    }

    @Test
    void theBenchmarkPicksOneVariantPerFamilyOnValidationPlaylistsAndReportsItOnceOnTest() {
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'scenes', testPlaylists: 12, "
                + "minTracks: 16, minWeight: 1, methods: ['cooccurrence', 'artist', 'graphsage', 'musig'], "
                + "features: ['popularity', 'artist', 'popularity+artist'], taskGrid: [[1, 1, 1]], trainVariants: [{}], "
                + "embeddingDimension: 16, graphSage: {epochs: 1}, train: " + QUICK_TRAIN + "})");
        List<Map<String, Object>> ok = rows.stream().filter(r -> "ok".equals(r.get("status"))).toList();
        // One row per family: item co-occurrence, category co-occurrence (artist or album), GDS GraphSAGE (over
        // one of the feature choices, 'popularity+artist' among them), MUSIG as the paper defines it (popularity
        // is its only group here) and MUSIG with the artist input.
        assertThat(ok).extracting(r -> BenchmarkRun.familyOf((String) r.get("method"), (String) r.get("origin")))
                .containsExactlyInAnyOrder("cooccurrence", "category co-occurrence", "graphsage", "musig (paper)",
                        "musig (extension)");
        assertThat(ok).allSatisfy(r -> {
            assertThat(r.get("selection")).isEqualTo("validation");
            assertThat(r.get("validationPlaylists")).isEqualTo(12L);
            assertThat((Double) r.get("validationHitRate")).isBetween(0.0, 1.0);
            assertThat(r.get("playlists")).isEqualTo(12L);
            assertThat(r.get("split")).isEqualTo("scenes");
        });
        // Each chosen row lists its family's variants as scored on validation, best first, itself at the top.
        assertThat(ok).allSatisfy(r -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> candidates = (List<Map<String, Object>>) r.get("validationCandidates");
            assertThat(candidates.get(0)).containsEntry("method", r.get("method"))
                    .containsEntry("features", r.get("features")).containsEntry("knobs", r.get("knobs"))
                    .containsEntry("validationHitRate", r.get("validationHitRate"));
            assertThat(candidates).extracting(c -> (Double) c.get("validationHitRate"))
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> extension = (List<Map<String, Object>>) ok.stream()
                .filter(r -> "extension".equals(r.get("origin"))).findFirst().orElseThrow().get("validationCandidates");
        // MUSIG with the artist: both feature choices with the artist, each at the epoch count chosen for it.
        assertThat(extension).extracting(c -> c.get("features"))
                .containsExactlyInAnyOrder("artist", "popularity+artist");
        assertThat(extension).allSatisfy(c -> assertThat((Long) c.get("epochsRun")).isBetween(1L, 3L));
        // Category co-occurrence: the artist's two weightings (the album's were skipped, so no candidates).
        assertThat(ok).filteredOn(r -> "baseline".equals(r.get("origin")) && ((String) r.get("method"))
                .startsWith("artist-cooccurrence")).singleElement()
                .satisfies(r -> assertThat((List<?>) r.get("validationCandidates")).hasSize(2));
        // The collection has no albums: that variant is listed as skipped, with the reason.
        assertThat(ok).filteredOn(r -> ((String) r.get("method")).endsWith("-cooccurrence")).singleElement()
                .satisfies(r -> assertThat(r.get("method")).isEqualTo("artist-cooccurrence"));
        assertThat(rows).filteredOn(r -> "album-cooccurrence".equals(r.get("method"))).singleElement()
                .satisfies(r -> assertThat((String) r.get("reason")).contains("no track has an album"));
        // No leak from either held-out part: item co-occurrence still cannot place the new releases.
        assertThat(ok).filteredOn(r -> "cooccurrence".equals(r.get("method"))).singleElement()
                .satisfies(r -> assertThat((Double) r.get("hitRate")).isLessThan(0.65));
    }

    @Test
    void cfWithTheArtistAsAnItemFeaturePlacesNewReleasesThatPlainCfCannot() {
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'scenes', testPlaylists: 12, "
                + "minTracks: 16, minWeight: 1, methods: ['cf'], features: ['artist', 'popularity+artist', 'popularity'], "
                + "embeddingDimension: 16, cfEpochs: [10], selection: 'test'})");
        Map<String, Map<String, Object>> byRow = new java.util.HashMap<>();
        rows.forEach(r -> byRow.put(r.get("method") + "/" + r.get("features"), r));
        // One hybrid per set of categories: 'artist' and 'popularity+artist' train the same model, once;
        // 'popularity' has no category and gives no hybrid row.
        assertThat(byRow).containsOnlyKeys("cf-warp/none", "cf-warp-feature/artist");
        Map<String, Object> hybrid = byRow.get("cf-warp-feature/artist");
        assertThat(hybrid.get("status")).isEqualTo("ok");
        assertThat(hybrid.get("origin")).isEqualTo("baseline");
        assertThat(BenchmarkRun.familyOf("cf-warp-feature", "baseline")).isEqualTo("cf-warp-feature");
        // Every held-out track is a new release: plain CF has only noise for them, the hybrid its artist's row.
        assertThat((Double) byRow.get("cf-warp/none").get("hitRate")).isLessThan(0.65);
        assertThat((Double) hybrid.get("hitRate")).isGreaterThan(0.75);
    }

    @Test
    @SuppressWarnings("unchecked")
    void seededBaselinesRunAsEnsemblesWhoseFirstMemberIsTheSingleModel() {
        String call = "CALL musig.benchmark({split: 'scenes', testPlaylists: 12, minTracks: 16, minWeight: 1, "
                + "methods: ['cf', 'track2vec'], features: ['artist'], embeddingDimension: 16, cfEpochs: [4], "
                + "track2vecWindows: [5], selection: 'test'%s})";
        List<Map<String, Object>> single = query(call.formatted(""));
        List<Map<String, Object>> both = query(call.formatted(", baselineEnsembleSizes: [1, 2]"));
        assertThat(single).hasSize(4).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("ok"));
        assertThat(both).hasSize(8).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("ok"));
        for (Map<String, Object> alone : single) {
            String method = (String) alone.get("method");
            Map<String, Object> knobs = (Map<String, Object>) alone.get("knobs");
            assertThat(knobs).doesNotContainKey("ensembleSize");
            // Size 1 is the single model exactly: member 0 keeps the seed.
            Map<String, Object> first = both.stream()
                    .filter(r -> method.equals(r.get("method")) && knobs.equals(r.get("knobs"))).findFirst()
                    .orElseThrow();
            assertThat(first.get("hitRate")).isEqualTo(alone.get("hitRate"));
            Map<String, Object> pairKnobs = new java.util.LinkedHashMap<>(knobs);
            pairKnobs.put("ensembleSize", 2L);
            assertThat(both).filteredOn(r -> method.equals(r.get("method")) && pairKnobs.equals(r.get("knobs")))
                    .singleElement().satisfies(r -> {
                        assertThat((Double) r.get("hitRate")).isBetween(0.0, 1.0);
                        assertThat(r.get("origin")).isEqualTo("baseline");
                        if (!method.equals("track2vec-feature")) { // whose time is the content's appending
                            assertThat((Long) r.get("trainMillis")).as(method + ": member 0's training and more")
                                    .isGreaterThanOrEqualTo((Long) first.get("trainMillis"));
                        }
                    });
        }
        // With selection on validation, each family keeps one of its sizes.
        List<Map<String, Object>> selected = query(call.formatted(", baselineEnsembleSizes: [1, 2]")
                .replace(", selection: 'test'", ""));
        assertThat(selected).extracting(r -> BenchmarkRun.familyOf((String) r.get("method"), (String) r.get("origin")))
                .containsExactlyInAnyOrder("cf-warp", "cf-warp-feature", "track2vec");
        assertThatThrownBy(() -> query("CALL musig.benchmark({baselineEnsembleSizes: [2, 2]})"))
                .hasMessageContaining("baselineEnsembleSizes");
        assertThatThrownBy(() -> query("CALL musig.benchmark({baselineEnsembleSizes: [0]})"))
                .hasMessageContaining("configuration key 'baselineEnsembleSizes'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ensembleSizesTryAnEnsembleOfEachExtensionFamilysBestVariantOnValidationAndLeaveThePapersFamilySingle() {
        String call = "CALL musig.benchmark({split: 'scenes', testPlaylists: 12, minTracks: 16, minWeight: 1, "
                + "methods: ['musig', 'musig-feature'], features: ['popularity', 'artist'], taskGrid: [[1, 1, 1]], "
                + "embeddingDimension: 16, train: " + QUICK_TRAIN + ", coldStartRates: [0, 0.5], "
                + "ensembleSizes: [2]%s})";
        List<Map<String, Object>> selected = query(call.formatted("")).stream()
                .filter(r -> "ok".equals(r.get("status"))).toList();
        Map<String, Map<String, Object>> byFamily = new java.util.HashMap<>();
        selected.forEach(
                r -> byFamily.put(BenchmarkRun.familyOf((String) r.get("method"), (String) r.get("origin")), r));
        assertThat(byFamily).containsOnlyKeys("musig (paper)", "musig (extension)", "musig-feature");
        List<Map<String, Object>> paperCandidates =
                (List<Map<String, Object>>) byFamily.get("musig (paper)").get("validationCandidates");
        assertThat(paperCandidates).hasSize(2)
                .allSatisfy(c -> assertThat((Map<String, Object>) c.get("knobs")).doesNotContainKey("ensembleSize"));
        for (String family : List.of("musig (extension)", "musig-feature")) {
            Map<String, Object> row = byFamily.get(family);
            List<Map<String, Object>> candidates = (List<Map<String, Object>>) row.get("validationCandidates");
            List<Map<String, Object>> singles = candidates.stream()
                    .filter(c -> !((Map<String, Object>) c.get("knobs")).containsKey("ensembleSize")).toList();
            Map<String, Object> bestSingle = singles.get(0); // candidates are listed best first
            Map<String, Object> ensembleKnobs =
                    new java.util.LinkedHashMap<>((Map<String, Object>) bestSingle.get("knobs"));
            ensembleKnobs.put("ensembleSize", 2L);
            // The ensemble of the best single variant was scored on the same validation playlists.
            assertThat(candidates).as(family).anySatisfy(c -> {
                assertThat(c.get("knobs")).isEqualTo(ensembleKnobs);
                assertThat(c.get("features")).isEqualTo(bestSingle.get("features"));
                assertThat(c.get("taskWeights")).isEqualTo(bestSingle.get("taskWeights"));
                assertThat((Double) c.get("validationHitRate")).isBetween(0.0, 1.0);
            });
            // The reported row is the family's best candidate on validation, trained again on test, ensemble or not.
            assertThat(row.get("knobs")).isEqualTo(candidates.get(0).get("knobs"));
            assertThat(row.get("validationHitRate")).isEqualTo(candidates.get(0).get("validationHitRate"));
            assertThat(row.get("origin")).isEqualTo("extension");
        }
        // Exploration selects nothing, so it names the setting as unused.
        List<Map<String, Object>> explored = query(call.formatted(", selection: 'test'"));
        assertThat(explored)
                .noneSatisfy(r -> assertThat((Map<String, Object>) r.get("knobs")).containsKey("ensembleSize"));
        assertThat(explored).filteredOn(r -> "ok".equals(r.get("status"))).isNotEmpty()
                .allSatisfy(r -> assertThat((List<String>) r.get("notices"))
                        .anySatisfy(n -> assertThat(n).contains("ensembleSizes [2] "
                                + "was not used")));
        assertThatThrownBy(() -> query("CALL musig.benchmark({ensembleSizes: [1]})"))
                .hasMessageContaining("configuration key 'ensembleSizes' must hold integers between 2 and 16");
        assertThatThrownBy(() -> query("CALL musig.benchmark({ensembleSizes: [3, 3]})"))
                .hasMessageContaining("'ensembleSizes' names a value twice");
    }

    @Test
    void trainVariantsAreMusigKnobsChosenOnValidationLikeTheColdStartRate() {
        String call = "CALL musig.benchmark({split: 'scenes', testPlaylists: 12, minTracks: 16, minWeight: 1, "
                + "methods: ['musig'], features: ['artist'], taskGrid: [[1, 1, 1]], embeddingDimension: 16, train: "
                + QUICK_TRAIN + ", trainVariants: [{}, {sampling: 'walk', positives: 'weighted'}]%s})";
        List<Map<String, Object>> explored = query(String.format(call, ", selection: 'test'")).stream()
                .filter(r -> "ok".equals(r.get("status"))).toList();
        assertThat(explored).extracting(r -> r.get("knobs")).containsExactlyInAnyOrder(
                Map.of("coldStartRate", 0.5),
                Map.of("coldStartRate", 0.5, "sampling", "walk", "positives", "weighted"));
        // The variant trains another model: its rows differ.
        assertThat(explored.get(0).get("mrr")).isNotEqualTo(explored.get(1).get("mrr"));
        List<Map<String, Object>> chosen = query(String.format(call, "")).stream()
                .filter(r -> "ok".equals(r.get("status"))).toList();
        assertThat(chosen).singleElement().satisfies(r -> {
            assertThat(r.get("knobs")).isIn(explored.stream().map(e -> e.get("knobs")).toList());
            assertThat((Double) r.get("validationHitRate")).isPositive();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void cfTrack2VecAndMusigKnobsAreChosenOnValidationAndTheTestRowTrainsExactlyTheChosenOnes() {
        String common = "split: 'scenes', testPlaylists: 12, minTracks: 16, minWeight: 1, "
                + "methods: ['cf', 'track2vec', 'musig'], features: ['artist'], taskGrid: [[1, 1, 1]], trainVariants: [{}], "
                + "embeddingDimension: 16, train: " + QUICK_TRAIN + ", ";
        String grids = "cfEpochs: [1, 8], track2vecWindows: [1, 5], coldStartRates: [0, 0.5]";
        List<Map<String, Object>> selected = query("CALL musig.benchmark({" + common + grids + "})");
        Map<String, Map<String, Object>> byFamily = new java.util.HashMap<>();
        // The artist hybrid (cf-warp-feature) follows the same cfEpochs grid; its own test is the one above.
        selected.stream().filter(r -> "ok".equals(r.get("status")) && !"cf-warp-feature".equals(r.get("method")))
                .forEach(r -> assertThat(byFamily.put(
                        BenchmarkRun.familyOf((String) r.get("method"), (String) r.get("origin")), r)).isNull());
        assertThat(byFamily).containsOnlyKeys("cf-warp", "track2vec", "musig (extension)");
        Map<String, String> knob = Map.of("cf-warp", "epochs", "track2vec", "windowSize", "musig (extension)",
                "coldStartRate");
        byFamily.forEach((family, row) -> assertThat((Map<String, Object>) row.get("knobs")).as(family)
                .containsOnlyKeys(knob.get(family)));
        assertThat(byFamily.get("cf-warp").get("knobs")).isIn(Map.of("epochs", 1L), Map.of("epochs", 8L));
        assertThat(byFamily.get("track2vec").get("knobs")).isIn(Map.of("windowSize", 1L), Map.of("windowSize", 5L));
        assertThat(byFamily.get("musig (extension)").get("knobs"))
                .isIn(Map.of("coldStartRate", 0.0), Map.of("coldStartRate", 0.5));

        // The grid points not chosen, alone, on the same validation playlists: none beats the chosen one there.
        Map<String, Object> other = Map.of("cf-warp", otherOf(byFamily.get("cf-warp"), "epochs", 1L, 8L),
                "track2vec", otherOf(byFamily.get("track2vec"), "windowSize", 1L, 5L),
                "musig (extension)", otherOf(byFamily.get("musig (extension)"), "coldStartRate", 0.0, 0.5));
        List<Map<String, Object>> notChosen = query("CALL musig.benchmark({" + common + "cfEpochs: ["
                + other.get("cf-warp") + "], track2vecWindows: [" + other.get("track2vec") + "], coldStartRates: ["
                + other.get("musig (extension)") + "]})");
        byFamily.forEach((family, chosen) -> assertThat(notChosen).as(family)
                .filteredOn(r -> "ok".equals(r.get("status")) && family.equals(
                        BenchmarkRun.familyOf((String) r.get("method"), (String) r.get("origin"))))
                .singleElement().satisfies(r -> {
                    assertThat(((Map<String, Object>) r.get("knobs")).get(knob.get(family)))
                            .isEqualTo(other.get(family));
                    assertThat((Double) r.get("validationHitRate"))
                            .isLessThanOrEqualTo((Double) chosen.get("validationHitRate"));
                }));

        // Exploration shows every variant; the selected row is the exploration's row with the same knobs, so the
        // test pass trained exactly those (for CF-WARP: a training of the chosen epoch count, not a snapshot). An
        // exploration trains MUSIG for train.epochs, so it is given the epoch count validation chose.
        long musigEpochs = (Long) byFamily.get("musig (extension)").get("epochsRun");
        List<Map<String, Object>> explored = query("CALL musig.benchmark({" + common.replace(QUICK_TRAIN,
                QUICK_TRAIN.replace("epochs: 3", "epochs: " + musigEpochs)) + grids + ", selection: 'test'})").stream()
                .filter(r -> "ok".equals(r.get("status"))).toList();
        assertThat(explored).filteredOn(r -> "cf-warp".equals(r.get("method"))).extracting(r -> r.get("knobs"))
                .containsExactlyInAnyOrder(Map.of("epochs", 1L), Map.of("epochs", 8L));
        for (String method : List.of("track2vec", "track2vec-feature")) {
            assertThat(explored).filteredOn(r -> method.equals(r.get("method"))).extracting(r -> r.get("knobs"))
                    .containsExactlyInAnyOrder(Map.of("windowSize", 1L), Map.of("windowSize", 5L));
        }
        assertThat(explored).filteredOn(r -> ((String) r.get("method")).startsWith("musig"))
                .extracting(r -> r.get("knobs"))
                .containsExactlyInAnyOrder(Map.of("coldStartRate", 0.0), Map.of("coldStartRate", 0.5));
        byFamily.forEach((family, chosen) -> assertThat(explored).as(family)
                .filteredOn(r -> r.get("method").equals(chosen.get("method"))
                        && r.get("features").equals(chosen.get("features"))
                        && r.get("knobs").equals(chosen.get("knobs")))
                .singleElement().satisfies(r -> assertThat(r.get("hitRate")).isEqualTo(chosen.get("hitRate"))));
    }

    /** The value of a two-point grid that {@code row} did not use. */
    @SuppressWarnings("unchecked")
    private static Object otherOf(Map<String, Object> row, String knob, Object one, Object two) {
        return ((Map<String, Object>) row.get("knobs")).get(knob).equals(one) ? two : one;
    }

    @Test
    void repeatsRefitEachReportedMethodWithOtherSeedsOnTheSameCandidates() {
        List<Map<String, Object>> rows =
                query("CALL musig.benchmark({split: 'scenes', testPlaylists: 12, minTracks: 16, "
                        + "minWeight: 1, methods: ['random', 'cooccurrence', 'musig'], features: ['artist'], taskGrid: [[1, 1, 1]], "
                        + "embeddingDimension: 16, selection: 'test', repeats: 3, train: " + QUICK_TRAIN + "})");
        Map<String, Map<String, Object>> byMethod = new java.util.HashMap<>();
        rows.forEach(r -> byMethod.put((String) r.get("method"), r));
        @SuppressWarnings("unchecked")
        List<Double> musig = (List<Double>) byMethod.get("musig-single-task").get("repeatHitRates");
        assertThat(musig).hasSize(3).first().isEqualTo(byMethod.get("musig-single-task").get("hitRate"));
        assertThat((Double) byMethod.get("musig-single-task").get("repeatHitRateSd")).isNotNegative();
        // Item co-occurrence has no randomness: every seed gives the same hit rate on the same candidates.
        @SuppressWarnings("unchecked")
        List<Double> counts = (List<Double>) byMethod.get("cooccurrence").get("repeatHitRates");
        assertThat(counts).hasSize(3).containsOnly(counts.get(0));
        assertThat((Double) byMethod.get("cooccurrence").get("repeatHitRateSd")).isZero();
        // A random ranking does depend on the seed.
        @SuppressWarnings("unchecked")
        List<Double> random = (List<Double>) byMethod.get("random").get("repeatHitRates");
        assertThat(random).doesNotHaveDuplicates();
    }

    @Test
    void theDiagnosticsShowThatCoOccurringTracksShareArtistsAndThatNoAudioTaskCanRun() {
        query("CALL musig.graph.build({graphName: 'diag', minWeight: 1, writeRelationshipType: null})");
        Map<String, Object> row = single("CALL musig.graph.diagnostics('diag')");
        @SuppressWarnings("unchecked")
        Map<String, Long> coverage = (Map<String, Long>) row.get("coverage");
        assertThat(coverage.get("artist")).isPositive();
        assertThat(coverage.get("audio")).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Double> onEdges = (Map<String, Double>) row.get("sharedOnEdges");
        @SuppressWarnings("unchecked")
        Map<String, Double> onRandom = (Map<String, Double>) row.get("sharedOnRandomPairs");
        // Playlists stay inside one scene of four artists: a co-occurring pair shares its artist far more often.
        assertThat(onEdges.get("artist")).isGreaterThan(2 * onRandom.get("artist"));
        assertThat(onEdges.get("genre")).isNull();
        assertThat(row.get("weightAudioCorrelation")).isNull();
        @SuppressWarnings("unchecked")
        List<String> findings = (List<String>) row.get("findings");
        assertThat(findings)
                .anySatisfy(f -> assertThat(f).startsWith("artist:").contains("a label that follows the playlists"))
                .anySatisfy(f -> assertThat(f).contains("audio similarity task has no labels"));
        query("CALL musig.graph.drop('diag')");
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainingWithTheDefaultsWithoutAudioTakesTheDatasArtistAndPlaylistPairs() {
        query("CALL musig.graph.build({graphName: 'defaults', minWeight: 1, writeRelationshipType: null})");
        String small =
                "graphName: 'defaults', modelName: 'defaults', overwrite: true, metadataDimension: 8, epochs: 1, "
                        + "batchSize: 128, sampleSizes: [5, 3]";
        try {
            Map<String, Object> row = single("CALL musig.train({" + small + "}) YIELD notices, configuration "
                    + "RETURN notices, configuration");
            // This collection has artist ids and track ids, no album and no title.
            assertThat((List<String>) row.get("notices")).anySatisfy(n -> assertThat(n)
                    .startsWith("the data has no genre, audio, acoustic features, so training took the groups known "
                            + "on release day: features: [artist] and positives: 'playlists'"));
            Map<String, Object> configuration = (Map<String, Object>) row.get("configuration");
            assertThat(configuration).containsEntry("features", List.of("artist"))
                    .containsEntry("positives", "playlists");
            assertThat(single("CALL musig.model.list('defaults')").get("featureGroups")).isEqualTo(List.of("artist"));
            // The estimate sizes the same training.
            assertThat(single("CALL musig.train.estimate({" + small + "})").get("requiredBytes"))
                    .isEqualTo(single("CALL musig.train.estimate({" + small + ", features: ['artist'], positives: "
                            + "'playlists'})").get("requiredBytes"));
            // The paper's groups, asked for, leave popularity alone, and the notice names the data's other groups.
            Map<String, Object> paper = single("CALL musig.train({" + small + ", features: ['genre', 'popularity', "
                    + "'audio']}) YIELD notices, configuration RETURN notices, configuration");
            assertThat((List<String>) paper.get("notices"))
                    .contains("feature group 'genre' left out: no track has a genre",
                            "feature group 'audio' left out: no track has it")
                    .anySatisfy(n -> assertThat(n).startsWith("popularity is the only input left")
                            .contains("this data also has [artist, artistId, track]: add them to 'features'"))
                    .noneSatisfy(n -> assertThat(n).startsWith("the data has no genre"));
            assertThat((Map<String, Object>) paper.get("configuration")).containsEntry("positives", "edges");
            assertThat(single("CALL musig.model.list('defaults')").get("featureGroups"))
                    .isEqualTo(List.of("popularity"));
        } finally {
            query("CALL musig.model.drop('defaults', false)");
            query("CALL musig.graph.drop('defaults', false)");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainingOnTheEdgesWhereMostTracksHaveNoneSaysToDrawThePairsFromThePlaylists() {
        // At minWeight 2 the new releases, each in one playlist, get no edge: most of the collection's tracks.
        query("CALL musig.graph.build({graphName: 'sparse', minWeight: 2, writeRelationshipType: null})");
        try {
            String train = "CALL musig.train({graphName: 'sparse', modelName: 'sparse', overwrite: true, features: "
                    + "['artist'], metadataDimension: 8, epochs: 1, batchSize: 128, sampleSizes: [5, 3]%s}) "
                    + "YIELD notices RETURN notices";
            List<String> onEdges = (List<String>) single(train.formatted("")).get("notices");
            assertThat(onEdges).anySatisfy(n -> assertThat(n).matches("\\d+ of 264 tracks of the training playlists "
                    + "have no co-occurrence edge, so the playlist task never trains on them; positives: 'playlists' .*"));
            List<String> fromPlaylists = (List<String>) single(train.formatted(", positives: 'playlists'"))
                    .get("notices");
            assertThat(fromPlaylists).noneSatisfy(n -> assertThat(n).contains("no co-occurrence edge"));
        } finally {
            query("CALL musig.model.drop('sparse', false)");
            query("CALL musig.graph.drop('sparse', false)");
        }
    }

    /** Artists of the new releases' scene (scene 0, like artist-0's) and of another scene, as Cypher lists. */
    private static final String SCENE_ZERO = "['artist-1', 'artist-2']";
    private static final String OTHER_SCENE = "['artist-8', 'artist-9']";

    /** Mean cosine, in embedding property {@code property}, of track {@code id} to the tracks by {@code artists}. */
    private double meanCosine(String id, String property, String artists) {
        return ((Number) single("MATCH (f:Track {id: '" + id + "'}), (t:Track) WHERE t.artistId IN " + artists
                + " AND t.id STARTS WITH 'track-' RETURN avg(vector.similarity.cosine(f." + property + ", t." + property
                + ")) AS s").get("s")).doubleValue();
    }

    @Test
    void aModelWithArtistInputsEmbedsANewReleaseNextToItsArtistsTracks() {
        query("CALL musig.graph.build({graphName: 'scenes-graph', minWeight: 1, writeRelationshipType: null})");
        Map<String, Object> trained = single("CALL musig.train({graphName: 'scenes-graph', modelName: 'artist-model', "
                + "features: ['artist'], embeddingDimension: 16, epochs: 3, batchSize: 128, sampleSizes: [5, 3], "
                + "metadataDimension: 8}) YIELD notices, configuration RETURN notices, configuration");
        @SuppressWarnings("unchecked")
        List<String> notices = (List<String>) trained.get("notices");
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("task 'audio' skipped"));
        // A release after training, by artist-0 (scene 0), in no playlist.
        query("CREATE (:Track {id: 'fresh', artistId: 'artist-0'})");
        query("CALL musig.embed.write({modelName: 'artist-model', writeProperty: 'emb'})");
        double sameScene = meanCosine("fresh", "emb", SCENE_ZERO);
        double otherScene = meanCosine("fresh", "emb", OTHER_SCENE);
        assertThat(sameScene).isGreaterThan(otherScene);
        query("MATCH (t:Track {id: 'fresh'}) DETACH DELETE t");
    }

    @Test
    void learnedArtistAndTrackTablesTrainThroughCypherAndANewReleaseTakesItsArtistsRow() {
        query("CALL musig.graph.build({graphName: 'tables-graph', minWeight: 1, writeRelationshipType: null})");
        query("CALL musig.train({graphName: 'tables-graph', modelName: 'tables-model', features: ['artistId', "
                + "'track'], embeddingDimension: 16, epochs: 3, batchSize: 128, sampleSizes: [5, 3]})");
        assertThat(single("CALL musig.model.list('tables-model') YIELD featureGroups RETURN featureGroups")
                .get("featureGroups")).isEqualTo(List.of("artistId", "track"));
        // Releases after training, in no playlist: one by artist-0 (scene 0), one by an artist the model never saw.
        query("CREATE (:Track {id: 'fresh-known', artistId: 'artist-0'}), (:Track {id: 'fresh-unknown', "
                + "artistId: 'artist-new'})");
        query("CALL musig.embed.write({modelName: 'tables-model', writeProperty: 'tablesEmb'})");
        double sameScene = meanCosine("fresh-known", "tablesEmb", SCENE_ZERO);
        double otherScene = meanCosine("fresh-known", "tablesEmb", OTHER_SCENE);
        assertThat(sameScene).isGreaterThan(otherScene);
        float[] unknown = (float[]) single("MATCH (f:Track {id: 'fresh-unknown'}) RETURN f.tablesEmb AS e").get("e");
        assertThat(unknown).hasSize(16);
        for (float v : unknown) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        // By default (unknownIdRate 0.3) a share of training tracks is trained as by an unknown artist, so the
        // unknown artist row trains too (the model tests check its values): the new artist's release is embedded
        // otherwise than by a model trained without such tracks. The known artist's release still sits with its scene.
        Map<String, Object> withoutUnknown = single("CALL musig.train({graphName: 'tables-graph', modelName: "
                + "'tables-unknown', features: ['artistId', 'track'], embeddingDimension: 16, epochs: 3, batchSize: 128, "
                + "sampleSizes: [5, 3], unknownIdRate: 0}) YIELD configuration RETURN configuration");
        assertThat(withoutUnknown.get("configuration")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("unknownIdRate", 0.0);
        assertThat(single("CALL musig.model.list('tables-model') YIELD configuration RETURN configuration")
                .get("configuration")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("unknownIdRate", 0.3);
        query("CALL musig.embed.write({modelName: 'tables-unknown', writeProperty: 'unknownEmb'})");
        assertThat(meanCosine("fresh-known", "unknownEmb", SCENE_ZERO))
                .isGreaterThan(meanCosine("fresh-known", "unknownEmb", OTHER_SCENE));
        float[] untrainedUnknown =
                (float[]) single("MATCH (f:Track {id: 'fresh-unknown'}) RETURN f.unknownEmb AS e").get("e");
        assertThat(untrainedUnknown).isNotEqualTo(unknown);
        query("CALL musig.model.drop('tables-unknown')");
        query("MATCH (t:Track) WHERE t.id STARTS WITH 'fresh-' DETACH DELETE t");
        query("CALL musig.graph.drop('tables-graph')");

        // In the benchmark: a MUSIG row of its own (an extension); content methods have no content to use there.
        List<Map<String, Object>> rows = query("CALL musig.benchmark({split: 'scenes', testPlaylists: 12, "
                + "minTracks: 16, minWeight: 1, methods: ['content', 'musig'], features: ['artistId+track'], "
                + "taskGrid: [[1, 1, 1]], trainVariants: [{}], embeddingDimension: 16, selection: 'test', train: "
                + QUICK_TRAIN + "})");
        assertThat(rows).filteredOn(r -> "musig-single-task".equals(r.get("method")))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("status")).isEqualTo("ok");
                    assertThat(r.get("origin")).isEqualTo("extension");
                    assertThat((Double) r.get("hitRate")).isGreaterThan(0.7);
                });
        assertThat(rows).filteredOn(r -> "content".equals(r.get("method"))).singleElement()
                .satisfies(r -> assertThat((String) r.get("reason")).contains("learned in training"));
    }
}
