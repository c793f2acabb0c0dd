package org.musig.generator;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The synthetic catalog: genres, styles, artists, albums and tracks with planted popularity, plus the
 * alias tables used to draw tracks for playlists.
 *
 * <ul>
 *   <li>Genre g gets a share of the M tracks proportional to {@code 1/(g+1)} (Zipf, exponent 1; at
 *       least {@value GeneratorConfig#MIN_TRACKS_PER_GENRE} tracks each), so {@code genre-00} is largest.
 *       Playlists pick their theme genre with the same weights.</li>
 *   <li>Each genre is split into 4..10 styles (fewer for tiny genres) of random sizes.</li>
 *   <li>Popularity: a random permutation ranks the tracks of each genre; rank r (1-based) gets weight
 *       {@code (r + q)^-s} (Zipf-Mandelbrot) with s = {@link GeneratorConfig#popularityExponent()} and
 *       offset {@code q = popularityOffset * M / G}. For r well below q the weights fall off like
 *       {@code exp(-s r / q)}, a head of roughly {@code q / (s - 1)} strong tracks per genre; beyond q they
 *       follow the power law {@code r^-s}, a long tail of rarely used tracks.</li>
 *   <li>Inside a style, tracks are grouped into albums of 6..16 tracks and albums into artists of 1..4
 *       albums, following the style's popularity order: an artist belongs to exactly one style and its
 *       tracks have similar popularity (there are popular and obscure artists). Obscure artists (first
 *       track ranked beyond {@value #OBSCURE_RANK} q in the genre) have a single release: a single
 *       (70%) or an EP of 2..5 tracks. As in real data, a rarely played track is then often the only
 *       one of its artist anyone plays, so a cold track's artist is not always known.</li>
 *   <li>Release dates: an artist's albums come out in order, one every 1-4 years from a career start in
 *       {@value #FIRST_YEAR}-{@value #LAST_CAREER_START}, all by {@value #LAST_BACK_CATALOGUE_YEAR}. For a share
 *       {@link GeneratorConfig#newReleaseShare()} of the artists with two or more albums, the latest album
 *       is a <b>new release</b> instead, dated in 2017 (before the playlists' last edits). New releases
 *       are left out of the popularity draws; playlists only take them by their artist (see
 *       {@link PlaylistComposer}). The dates come from their own random stream, so they leave every
 *       other part of the catalog as it was.</li>
 *   <li>Public track, album and artist numbers (used in ids, names and the CSV row order) are random
 *       permutations, so neither numbers nor ids reveal genre, style or popularity.</li>
 * </ul>
 *
 * <p><b>Track indices.</b> Methods taking a {@code track} use the internal index: tracks are laid out
 * by genre, then style, then descending popularity, so every style and genre is a contiguous index
 * range (alias tables need no item arrays) and the popular tracks that most draws hit sit close
 * together in memory. {@link #trackNumber(int)} gives the public number.
 *
 * <p>Draw tables: one alias table per style (popularity weights inside), a genre picker (weights =
 * share of tracks) and per-genre style pickers (weights = popularity mass). A popularity-weighted
 * draw from a genre picks a style, then a track of it; a draw from the whole catalog first picks a
 * genre. These two-step draws have exactly the distribution of a single table over the genre or the
 * catalog, with a third of the memory.
 * An artist's tracks, and an album's, are contiguous index ranges too (the new release last), so a draw
 * from an artist or an album is one uniform integer (their tracks have similar popularity anyway).
 * Memory is O(M): a 40-byte record per track, a 60-byte record per album, the popularity weight and
 * one alias-table column (8 bytes) per track and the album and artist ranges: about 85 bytes per track
 * in all at the defaults (the many obscure artists' singles make 0.4 albums and 0.38 artists per track).
 */
public final class TrackCatalog {

    static final int MIN_STYLES = 4;
    static final int MAX_STYLES = 10;
    static final int MIN_ALBUM_TRACKS = 6;
    static final int MAX_ALBUM_TRACKS = 16;
    static final int MAX_EP_TRACKS = 5;
    /**
     * An artist whose first track ranks beyond {@code OBSCURE_RANK * q} in its genre is obscure: one
     * release, a single with probability {@value #SINGLE_SHARE}, else an EP.
     */
    static final double OBSCURE_RANK = 1.9;
    static final double SINGLE_SHARE = 0.7;
    static final int MAX_ARTIST_ALBUMS = 4;
    static final int FIRST_YEAR = 1960;
    static final int LAST_CAREER_START = 2012;
    static final int LAST_BACK_CATALOGUE_YEAR = 2016;
    /** New releases come out from 2017-01-01 to 2017-10-31, before the last playlist edit (2017-11-01). */
    static final int NEW_RELEASE_FIRST_DAY = (int) LocalDate.of(2017, 1, 1).toEpochDay();
    static final int NEW_RELEASE_DAYS = 304;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int TRACK_STRIDE = 40;
    private static final int T_NUMBER = 24;
    private static final int T_ALBUM = 28;
    private static final int T_DURATION = 32;
    private static final int T_STYLE = 36;
    private static final int ALBUM_STRIDE = 60;
    private static final int A_ARTIST_ID = SpotifyIds.LENGTH;
    private static final int A_NUMBER = 44;
    private static final int A_ARTIST_NUMBER = 48;
    private static final int A_ARTIST = 52;
    private static final int A_RELEASE_DAY = 56;

    private final int trackCount;
    private final String[] genreNames;
    private final int[] genreFirstStyle;
    private final int[] styleGenre;
    /** First internal track index of each style; {@code styleFirstTrack[styleCount]} = M. */
    private final int[] styleFirstTrack;
    private final double[] popularity;
    /** Per track, {@value #TRACK_STRIDE} bytes: id, public number, album, duration, style. */
    private final byte[] trackRecords;
    /**
     * Per album, {@value #ALBUM_STRIDE} bytes: album id, artist id, album number, artist number, artist,
     * release day (days since 1970-01-01).
     */
    private final byte[] albumRecords;
    private final int albumCount;
    private final int artistCount;
    /** First internal track index of each album; {@code albumFirstTrack[albumCount]} = M. */
    private final int[] albumFirstTrack;
    /** First internal track index of each artist; {@code artistFirstTrack[artistCount]} = M. */
    private final int[] artistFirstTrack;
    /** First track of the artist's new release, or the artist's end when it has none. */
    private final int[] artistNewReleaseStart;
    private final int newReleaseTracks;
    private final FeatureModel featureModel;
    private final AliasSampler genrePicker;
    private final AliasSampler[] stylePicker;
    private final AliasSampler[] styleTracks;

    private TrackCatalog(GeneratorConfig config) {
        long seed = config.seed();
        int m = config.tracks();
        int genres = config.genres();
        this.trackCount = m;
        SplittableRandom rnd = DeterministicRandom.stream(seed, DeterministicRandom.SALT_CATALOG, 0);

        double[] zipf = new double[genres];
        for (int g = 0; g < genres; g++) {
            zipf[g] = 1.0 / (g + 1);
        }
        int[] genreSize = allocate(m, zipf, GeneratorConfig.MIN_TRACKS_PER_GENRE);
        this.genreNames = new String[genres];
        int width = Math.max(2, Integer.toString(genres - 1).length());
        for (int g = 0; g < genres; g++) {
            genreNames[g] = "genre-" + zeroPad(g, width);
        }

        // Styles: sizes per genre, flattened into global style ids and contiguous track ranges.
        int[][] styleSizes = new int[genres][];
        this.genreFirstStyle = new int[genres + 1];
        for (int g = 0; g < genres; g++) {
            int wanted = MIN_STYLES + rnd.nextInt(MAX_STYLES - MIN_STYLES + 1);
            int styles = Math.max(1, Math.min(wanted, genreSize[g] / 2));
            double[] w = new double[styles];
            for (int s = 0; s < styles; s++) {
                w[s] = 0.4 - StrictMath.log(1.0 - rnd.nextDouble());
            }
            styleSizes[g] = allocate(genreSize[g], w, 1);
            genreFirstStyle[g + 1] = genreFirstStyle[g] + styles;
        }
        int styleCount = genreFirstStyle[genres];
        this.styleGenre = new int[styleCount];
        this.styleFirstTrack = new int[styleCount + 1];
        for (int g = 0; g < genres; g++) {
            for (int s = genreFirstStyle[g]; s < genreFirstStyle[g + 1]; s++) {
                styleGenre[s] = g;
                styleFirstTrack[s + 1] = styleFirstTrack[s] + styleSizes[g][s - genreFirstStyle[g]];
            }
        }
        int[] trackStyle = new int[m];
        for (int s = 0; s < styleCount; s++) {
            Arrays.fill(trackStyle, styleFirstTrack[s], styleFirstTrack[s + 1], s);
        }

        // Popularity: Zipf-Mandelbrot over a random ranking of each genre, then sorted inside styles.
        this.popularity = new double[m];
        double exponent = config.popularityExponent();
        double offset = config.popularityOffset() * m / genres;
        for (int g = 0; g < genres; g++) {
            int first = styleFirstTrack[genreFirstStyle[g]];
            int[] rank = DeterministicRandom.permutation(genreSize[g], rnd);
            for (int i = 0; i < genreSize[g]; i++) {
                popularity[first + i] = zipfWeight(rank[i] + 1 + offset, exponent);
            }
        }
        for (int s = 0; s < styleCount; s++) {
            sortDescending(popularity, styleFirstTrack[s], styleFirstTrack[s + 1]);
        }

        // Albums and artists: consecutive runs of each style's popularity order, so an album's (and an
        // artist's) tracks have similar popularity: popular artists exist, and the catalog data of
        // popular tracks stays close together in memory.
        int[] trackAlbum = new int[m];
        int[] albumArtistTmp = new int[m];
        int[] albumFirstTrackTmp = new int[m + 1];
        int[] artistFirstAlbumTmp = new int[m + 1];
        int albums = 0;
        int artists = 0;
        double obscure = zipfWeight(OBSCURE_RANK * offset + 1.0, exponent);
        for (int s = 0; s < styleCount; s++) {
            int albumsLeftForArtist = 0;
            boolean small = false;
            for (int t = styleFirstTrack[s]; t < styleFirstTrack[s + 1];) {
                if (albumsLeftForArtist == 0) {
                    artistFirstAlbumTmp[artists] = albums;
                    artists++;
                    small = popularity[t] < obscure;
                    albumsLeftForArtist = small ? 1 : 1 + rnd.nextInt(MAX_ARTIST_ALBUMS);
                }
                int size = !small ? MIN_ALBUM_TRACKS + rnd.nextInt(MAX_ALBUM_TRACKS - MIN_ALBUM_TRACKS + 1)
                        : rnd.nextDouble() < SINGLE_SHARE ? 1 : 2 + rnd.nextInt(MAX_EP_TRACKS - 1);
                int albumEnd = Math.min(styleFirstTrack[s + 1], t + size);
                albumFirstTrackTmp[albums] = t;
                Arrays.fill(trackAlbum, t, albumEnd, albums);
                t = albumEnd;
                albumArtistTmp[albums] = artists - 1;
                albums++;
                albumsLeftForArtist--;
            }
        }
        this.albumCount = albums;
        this.artistCount = artists;
        albumFirstTrackTmp[albums] = m;
        artistFirstAlbumTmp[artists] = albums;
        this.albumFirstTrack = Arrays.copyOf(albumFirstTrackTmp, albums + 1);
        int[] artistFirstAlbum = Arrays.copyOf(artistFirstAlbumTmp, artists + 1);
        this.artistFirstTrack = new int[artists + 1];
        for (int a = 0; a <= artists; a++) {
            artistFirstTrack[a] = albumFirstTrack[artistFirstAlbum[a]];
        }

        // Release dates and new releases, from their own stream.
        SplittableRandom releases = DeterministicRandom.stream(seed, DeterministicRandom.SALT_RELEASE, 0);
        int[] releaseDay = new int[albums];
        this.artistNewReleaseStart = new int[artists];
        int fresh = 0;
        for (int a = 0; a < artists; a++) {
            int firstAlbum = artistFirstAlbum[a];
            int lastAlbum = artistFirstAlbum[a + 1] - 1;
            boolean hasNew = lastAlbum > firstAlbum && releases.nextDouble() < config.newReleaseShare();
            int year = FIRST_YEAR + releases.nextInt(LAST_CAREER_START - FIRST_YEAR + 1);
            for (int album = firstAlbum; album <= lastAlbum; album++) {
                if (hasNew && album == lastAlbum) {
                    releaseDay[album] = NEW_RELEASE_FIRST_DAY + releases.nextInt(NEW_RELEASE_DAYS);
                } else {
                    int y = Math.min(year, LAST_BACK_CATALOGUE_YEAR);
                    releaseDay[album] = (int) LocalDate.of(y, 1, 1).toEpochDay() + releases.nextInt(365);
                    year += 1 + releases.nextInt(4);
                }
            }
            artistNewReleaseStart[a] = albumFirstTrack[hasNew ? lastAlbum : lastAlbum + 1];
            fresh += artistFirstTrack[a + 1] - artistNewReleaseStart[a];
        }
        this.newReleaseTracks = fresh;

        // Public numbers, ids and durations, packed into one record per track and per album so that
        // composing and writing a track touches few cache lines.
        int[] trackNumber = DeterministicRandom.permutation(m, rnd);
        int[] albumNumber = DeterministicRandom.permutation(albums, rnd);
        int[] artistNumber = DeterministicRandom.permutation(artists, rnd);
        this.featureModel = new FeatureModel(seed, styleGenre, genres);
        this.trackRecords = new byte[Math.multiplyExact(m, TRACK_STRIDE)];
        for (int t = 0; t < m; t++) {
            int at = t * TRACK_STRIDE;
            SpotifyIds.write(seed, DeterministicRandom.SALT_TRACK_ID, trackNumber[t], trackRecords, at);
            INT.set(trackRecords, at + T_NUMBER, trackNumber[t]);
            INT.set(trackRecords, at + T_ALBUM, trackAlbum[t]);
            INT.set(trackRecords, at + T_DURATION,
                    featureModel.durationMs(trackNumber[t], styleGenre[trackStyle[t]], trackStyle[t]));
            INT.set(trackRecords, at + T_STYLE, trackStyle[t]);
        }
        this.albumRecords = new byte[Math.multiplyExact(albums, ALBUM_STRIDE)];
        for (int a = 0; a < albums; a++) {
            int at = a * ALBUM_STRIDE;
            int artist = albumArtistTmp[a];
            SpotifyIds.write(seed, DeterministicRandom.SALT_ALBUM_ID, albumNumber[a], albumRecords, at);
            SpotifyIds.write(seed, DeterministicRandom.SALT_ARTIST_ID, artistNumber[artist], albumRecords,
                    at + A_ARTIST_ID);
            INT.set(albumRecords, at + A_NUMBER, albumNumber[a]);
            INT.set(albumRecords, at + A_ARTIST_NUMBER, artistNumber[artist]);
            INT.set(albumRecords, at + A_ARTIST, artist);
            INT.set(albumRecords, at + A_RELEASE_DAY, releaseDay[a]);
        }

        // Draw tables over contiguous ranges; new releases get weight 0 (every artist with a new release
        // has an older album, so every style keeps a positive mass).
        double[] drawWeight = popularity.clone();
        for (int a = 0; a < artists; a++) {
            Arrays.fill(drawWeight, artistNewReleaseStart[a], artistFirstTrack[a + 1], 0.0);
        }
        this.styleTracks = new AliasSampler[styleCount];
        double[] styleMass = new double[styleCount];
        for (int s = 0; s < styleCount; s++) {
            double[] w = Arrays.copyOfRange(drawWeight, styleFirstTrack[s], styleFirstTrack[s + 1]);
            styleMass[s] = sum(w);
            styleTracks[s] = AliasSampler.of(w, styleFirstTrack[s]);
        }
        this.stylePicker = new AliasSampler[genres];
        double[] genreShare = new double[genres];
        for (int g = 0; g < genres; g++) {
            int firstStyle = genreFirstStyle[g];
            int lastStyle = genreFirstStyle[g + 1];
            genreShare[g] = (double) genreSize[g] / m;
            stylePicker[g] = AliasSampler.of(Arrays.copyOfRange(styleMass, firstStyle, lastStyle), firstStyle);
        }
        this.genrePicker = AliasSampler.of(genreShare);
    }

    /** Builds the catalog for {@code config} (deterministic in the seed). */
    public static TrackCatalog build(GeneratorConfig config) {
        return new TrackCatalog(config);
    }

    public int trackCount() {
        return trackCount;
    }

    public int genreCount() {
        return genreNames.length;
    }

    public int styleCount() {
        return styleGenre.length;
    }

    public int albumCount() {
        return albumCount;
    }

    public int artistCount() {
        return artistCount;
    }

    public String genreName(int genre) {
        return genreNames[genre];
    }

    public int genreSize(int genre) {
        return styleFirstTrack[genreFirstStyle[genre + 1]] - styleFirstTrack[genreFirstStyle[genre]];
    }

    public int genreOf(int track) {
        return styleGenre[styleOf(track)];
    }

    /** Global style id of the track. */
    public int styleOf(int track) {
        return trackInt(track, T_STYLE);
    }

    public int genreOfStyle(int style) {
        return styleGenre[style];
    }

    /** 0-based number of the style inside its genre. */
    public int styleNumberInGenre(int style) {
        return style - genreFirstStyle[styleGenre[style]];
    }

    public int stylesInGenre(int genre) {
        return genreFirstStyle[genre + 1] - genreFirstStyle[genre];
    }

    /** Number of tracks in the (global) style. */
    public int styleSize(int style) {
        return styleFirstTrack[style + 1] - styleFirstTrack[style];
    }

    /** Public number of the track: {@code "Track <n>"}, its id and its row in the features CSV. */
    public int trackNumber(int track) {
        return trackInt(track, T_NUMBER);
    }

    /** Internal album index of the track. */
    public int albumOf(int track) {
        return trackInt(track, T_ALBUM);
    }

    /** Internal artist index of the album. */
    public int artistOfAlbum(int album) {
        return albumInt(album, A_ARTIST);
    }

    /** Internal artist index of the track. */
    public int artistOf(int track) {
        return artistOfAlbum(albumOf(track));
    }

    /** Release day of the album, in days since 1970-01-01. */
    public int releaseDay(int album) {
        return albumInt(album, A_RELEASE_DAY);
    }

    /** The album's release date as {@code YYYY-MM-DD}. */
    public String releaseDate(int album) {
        return LocalDate.ofEpochDay(releaseDay(album)).toString();
    }

    /** Whether the track is on a new release (dated 2017, not drawn by popularity). */
    public boolean isNewRelease(int track) {
        return track >= artistNewReleaseStart[artistOf(track)];
    }

    /** Catalog tracks on new releases. */
    public int newReleaseTrackCount() {
        return newReleaseTracks;
    }

    /** Public number of the album ({@code "Album <n>"}). */
    public int albumNumber(int album) {
        return albumInt(album, A_NUMBER);
    }

    /** Public number of the album's artist ({@code "Artist <n>"}). */
    public int artistNumberOfAlbum(int album) {
        return albumInt(album, A_ARTIST_NUMBER);
    }

    /** Unnormalised within-genre popularity weight of the track. */
    public double popularity(int track) {
        return popularity[track];
    }

    public int durationMs(int track) {
        return trackInt(track, T_DURATION);
    }

    /** The bare 22-character id of the track (as in {@code spotify:track:<id>} and the CSV). */
    public String trackId(int track) {
        return new String(trackRecords, track * TRACK_STRIDE, SpotifyIds.LENGTH, StandardCharsets.US_ASCII);
    }

    FeatureModel featureModel() {
        return featureModel;
    }

    /** Copies the track's ASCII id to {@code dst[offset..offset+22)}; returns {@code offset + 22}. */
    int copyTrackId(int track, byte[] dst, int offset) {
        System.arraycopy(trackRecords, track * TRACK_STRIDE, dst, offset, SpotifyIds.LENGTH);
        return offset + SpotifyIds.LENGTH;
    }

    /** Copies the album's ASCII id; returns {@code offset + 22}. */
    int copyAlbumId(int album, byte[] dst, int offset) {
        System.arraycopy(albumRecords, album * ALBUM_STRIDE, dst, offset, SpotifyIds.LENGTH);
        return offset + SpotifyIds.LENGTH;
    }

    /** Copies the ASCII id of the album's artist; returns {@code offset + 22}. */
    int copyArtistIdOfAlbum(int album, byte[] dst, int offset) {
        System.arraycopy(albumRecords, album * ALBUM_STRIDE + A_ARTIST_ID, dst, offset, SpotifyIds.LENGTH);
        return offset + SpotifyIds.LENGTH;
    }

    private int trackInt(int track, int field) {
        return (int) INT.get(trackRecords, track * TRACK_STRIDE + field);
    }

    private int albumInt(int album, int field) {
        return (int) INT.get(albumRecords, album * ALBUM_STRIDE + field);
    }

    /** Whether the artist has a new release. */
    boolean hasNewRelease(int artist) {
        return artistNewReleaseStart[artist] < artistFirstTrack[artist + 1];
    }

    /** A uniform draw from the artist's tracks that are not new releases. */
    int drawFromBackCatalogue(int artist, SplittableRandom rnd) {
        int from = artistFirstTrack[artist];
        return from + rnd.nextInt(artistNewReleaseStart[artist] - from);
    }

    /** A uniform draw from the album's tracks. */
    int drawFromAlbum(int album, SplittableRandom rnd) {
        int from = albumFirstTrack[album];
        return from + rnd.nextInt(albumFirstTrack[album + 1] - from);
    }

    /** A uniform draw from the artist's new release; only for artists that {@link #hasNewRelease have one}. */
    int drawNewRelease(int artist, SplittableRandom rnd) {
        int from = artistNewReleaseStart[artist];
        return from + rnd.nextInt(artistFirstTrack[artist + 1] - from);
    }

    int drawGenre(SplittableRandom rnd) {
        return genrePicker.sample(rnd);
    }

    /** A style of the genre, weighted by the style's popularity mass. */
    int drawStyle(int genre, SplittableRandom rnd) {
        return stylePicker[genre].sample(rnd);
    }

    int drawFromStyle(int style, SplittableRandom rnd) {
        return styleTracks[style].sample(rnd);
    }

    /**
     * A popularity-weighted draw from the genre: a style by its popularity mass, then a track of it
     * (exactly the distribution of one table over the genre, without a second table per track).
     */
    int drawFromGenre(int genre, SplittableRandom rnd) {
        return styleTracks[stylePicker[genre].sample(rnd)].sample(rnd);
    }

    /**
     * A popularity-weighted draw from the whole catalog: a genre by its share of tracks, then a track
     * of it by popularity (the same distribution as one table over all tracks with weights
     * {@code share(g) * w / W(g)}, but touching less memory).
     */
    int drawFromAll(SplittableRandom rnd) {
        return drawFromGenre(genrePicker.sample(rnd), rnd);
    }

    /**
     * Splits {@code total} into parts proportional to {@code weights} with at least {@code min} each
     * (largest-remainder rounding, ties to the lower index).
     */
    static int[] allocate(int total, double[] weights, int min) {
        int n = weights.length;
        int rest = total - min * n;
        if (rest < 0) {
            throw new IllegalArgumentException("cannot give " + n + " parts at least " + min + " of " + total);
        }
        double sum = sum(weights);
        int[] parts = new int[n];
        double[] remainder = new double[n];
        int assigned = 0;
        for (int i = 0; i < n; i++) {
            double exact = rest * weights[i] / sum;
            int floor = (int) Math.floor(exact);
            parts[i] = min + floor;
            remainder[i] = exact - floor;
            assigned += floor;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b]
                ? Double.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        for (int k = 0; assigned < rest; k++, assigned++) {
            parts[order[k % n]]++;
        }
        return parts;
    }

    private static void sortDescending(double[] values, int from, int to) {
        Arrays.sort(values, from, to);
        for (int i = from, j = to - 1; i < j; i++, j--) {
            double tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    private static double zipfWeight(double shiftedRank, double exponent) {
        return exponent == 0.0 ? 1.0 : StrictMath.pow(shiftedRank, -exponent);
    }

    private static double sum(double[] values) {
        double s = 0.0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static String zeroPad(int value, int width) {
        StringBuilder sb = new StringBuilder(Integer.toString(value));
        while (sb.length() < width) {
            sb.insert(0, '0');
        }
        return sb.toString();
    }
}
